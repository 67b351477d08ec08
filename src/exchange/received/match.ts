import { nameKey, type PreparedName, prepareName, scorePrepared } from '../../names'
import type { Side } from '../model'
import { compareDates, type DateAgreement } from './dates'
import { agreedFields } from './duplicates'

/** A row of their counter-list, as written. */
export type CounterRow = {
  line: number
  side: Side
  surname: string
  firstNames: string
  patronymic: string
  dateOfBirth: string
  /** the person this row replaces, as the other side wrote it (a ref or a name), if they said so */
  replaces: string
}

/** A person of one of our pools, to match against. */
export type PoolPerson = { ref: string; surname: string; firstNames: string; dateOfBirth: string }

export type MatchEvidence = {
  ref: string
  score: number
  agreed: string[]
  date: DateAgreement
  reasons: string[]
}

export type RowMatch = {
  line: number
  side: Side
  written: { surname: string; firstNames: string; dateOfBirth: string }
  /** matched: one person; repeated: a person an earlier row already named; ambiguous: two alike;
   * unmatched: none alike enough */
  status: 'matched' | 'repeated' | 'ambiguous' | 'unmatched'
  match: MatchEvidence | null
  /** the nearest persons when there is no single match, so the operator can see why */
  nearest: MatchEvidence[]
  replaces: string
}

/** Names at least this alike with dates that agree (or differ by a slip) are one person. */
export const MATCH_NAME_SCORE = 0.85
/** Two candidates this close in score cannot be told apart: the row is ambiguous. */
const TIE = 0.005

const year = (d: string) => /\d{4}/.exec(d)?.[0] ?? ''

type Indexed = { person: PoolPerson; name: PreparedName }

function indexPool(pool: readonly PoolPerson[]) {
  const bySurname = new Map<string, Indexed[]>()
  const byYear = new Map<string, Indexed[]>()
  for (const person of pool) {
    const x = { person, name: prepareName({ surname: person.surname, givenName: person.firstNames }) }
    for (const [map, key] of [
      [bySurname, nameKey(person.surname)],
      [byYear, year(person.dateOfBirth)],
    ] as const) {
      const list = map.get(key)
      if (list) list.push(x)
      else map.set(key, [x])
    }
  }
  return { bySurname, byYear }
}

/**
 * Matches each row of a counter-list to the persons of our pool on its side through the name
 * engine (any alphabet; Шавикін Александр is Шавикін Олександр) and the date of birth (a day-month
 * swap or a year only still agree). Every row gets its evidence: score, which fields agreed. A
 * person is matched once: a second row naming them is `repeated`, so a list can never put one
 * person twice into a round. Candidates come from the same surname key or the same birth year.
 */
export function matchCounter(
  rows: readonly CounterRow[],
  pools: Record<Side, readonly PoolPerson[]>,
): RowMatch[] {
  const index = { give: indexPool(pools.give), receive: indexPool(pools.receive) }
  const taken = new Set<string>()
  return rows.map((row) => {
    const { bySurname, byYear } = index[row.side]
    const name = prepareName({ surname: row.surname, givenName: row.firstNames, patronymic: row.patronymic })
    const seen = new Set<Indexed>()
    const scored: MatchEvidence[] = []
    for (const x of [
      ...(bySurname.get(nameKey(row.surname)) ?? []),
      ...(byYear.get(year(row.dateOfBirth)) ?? []),
    ]) {
      if (seen.has(x)) continue
      seen.add(x)
      const date = compareDates(row.dateOfBirth, x.person.dateOfBirth)
      const { score, reasons } = scorePrepared(name, x.name)
      if (score < 0.6) continue
      scored.push({
        ref: x.person.ref,
        score: Math.round(score * 1000) / 1000,
        agreed: agreedFields(row, x.person, date),
        date,
        reasons,
      })
    }
    const good = (e: MatchEvidence) =>
      e.score >= MATCH_NAME_SCORE &&
      (e.date === 'same' || e.date === 'day_month_swapped' || e.date === 'partial')
    // a date that agrees outranks a slightly better name with another date
    scored.sort((a, b) => Number(good(b)) - Number(good(a)) || b.score - a.score)
    const written = { surname: row.surname, firstNames: row.firstNames, dateOfBirth: row.dateOfBirth }
    const base = { line: row.line, side: row.side, written, replaces: row.replaces }
    const best = scored[0]
    if (!best || !good(best))
      return { ...base, status: 'unmatched', match: null, nearest: scored.slice(0, 3) }
    const second = scored[1]
    if (second && good(second) && best.score - second.score < TIE && best.date === second.date)
      return { ...base, status: 'ambiguous', match: null, nearest: scored.slice(0, 3) }
    const key = `${row.side}:${best.ref}`
    if (taken.has(key)) return { ...base, status: 'repeated', match: best, nearest: [] }
    taken.add(key)
    return { ...base, status: 'matched', match: best, nearest: [] }
  })
}
