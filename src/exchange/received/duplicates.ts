import { nameKey, type PreparedName, prepareName, scorePrepared } from '../../names'
import { compareDates, type DateAgreement } from './dates'

/** A row of a received list as the duplicate finder reads it (dates as written). */
export type ListedPerson = {
  ref: string
  /** the reference the list gave (two rows may share it) */
  listedRef?: string
  surname: string
  firstNames: string
  patronymic?: string
  dateOfBirth: string
}

/** Why two rows are thought to be one person. */
export type PairEvidence = {
  a: string
  b: string
  /** the name engine's score, 0..1 */
  score: number
  /** which fields agreed: surname, given_name, patronymic, date_of_birth, ref */
  agreed: string[]
  date: DateAgreement
  reasons: string[]
}

export type DuplicateGroup = { key: string; refs: string[]; evidence: PairEvidence[] }

/** Names at least this alike, with dates that agree (or a slip), are suspected one person. */
export const DUPLICATE_NAME_SCORE = 0.9
/** With no date on one side the names must be nearly identical. */
const UNDATED_NAME_SCORE = 0.97

const year = (d: string) => /\d{4}/.exec(d)?.[0] ?? ''

/**
 * A date of birth as a block key that a swap of day and month does not change: the year and the
 * other two numbers in order. Ukrainian and Russian forms of one person (Пісоцький Опанас,
 * Песоцкий Афанасий) share neither a surname key nor its first letters; they share the date.
 */
function dateBlock(d: string): string {
  const parts = d.match(/\d+/g) ?? []
  const y = parts.find((x) => x.length === 4)
  const rest = parts
    .filter((x) => x !== y)
    .map(Number)
    .sort((a, b) => a - b)
  return y && rest.length === 2 ? `${y}:${rest.join('-')}` : ''
}

/** Fields of two rows that agree, for the evidence a person deciding reads. */
export function agreedFields(
  a: { surname: string; firstNames: string; patronymic?: string },
  b: { surname: string; firstNames: string; patronymic?: string },
  date: DateAgreement,
): string[] {
  const near = (x: string, y: string) =>
    !!x && !!y && scorePrepared(prepareName(x), prepareName(y)).score >= 0.9
  const out: string[] = []
  if (near(a.surname, b.surname)) out.push('surname')
  if (near(a.firstNames, b.firstNames)) out.push('given_name')
  if (near(a.patronymic ?? '', b.patronymic ?? '')) out.push('patronymic')
  if (date === 'same' || date === 'day_month_swapped' || date === 'partial') out.push('date_of_birth')
  return out
}

/**
 * Rows of one list that seem to be one person: the same reference twice, or names the name engine
 * reads as one (any alphabet, Russian and Ukrainian forms) with dates that agree or differ by a
 * slip (day and month swapped, only a year). Candidates are compared within blocks (same surname
 * key; same birth year and surname beginning; same date of birth, day and month in either order), so a list of thousands stays quick. Groups are the
 * connected pairs; each comes with the evidence of every pair.
 */
export function findDuplicates(rows: readonly ListedPerson[]): DuplicateGroup[] {
  const prepared: PreparedName[] = rows.map((r) =>
    prepareName({ surname: r.surname, givenName: r.firstNames, patronymic: r.patronymic ?? '' }),
  )
  const blocks = new Map<string, number[]>()
  const add = (key: string, i: number) => {
    const b = blocks.get(key)
    if (b) b.push(i)
    else blocks.set(key, [i])
  }
  rows.forEach((r, i) => {
    const sk = nameKey(r.surname)
    if (sk) add(`s:${sk}`, i)
    add(`y:${year(r.dateOfBirth)}:${sk.slice(0, 2)}`, i)
    const born = dateBlock(r.dateOfBirth)
    if (born) add(`d:${born}`, i)
    if (r.listedRef) add(`r:${r.listedRef}`, i)
  })
  const parent = rows.map((_, i) => i)
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!
      i = parent[i]!
    }
    return i
  }
  const seen = new Set<string>()
  const evidence: PairEvidence[] = []
  for (const members of blocks.values())
    for (let x = 0; x < members.length; x++)
      for (let y = x + 1; y < members.length; y++) {
        const i = members[x]!
        const j = members[y]!
        const pairKey = `${i}:${j}`
        if (seen.has(pairKey)) continue
        seen.add(pairKey)
        const a = rows[i]!
        const b = rows[j]!
        const sameRef = !!a.listedRef && a.listedRef === b.listedRef
        const date = compareDates(a.dateOfBirth, b.dateOfBirth)
        const { score, reasons } = scorePrepared(prepared[i]!, prepared[j]!)
        const dated = date === 'same' || date === 'day_month_swapped' || date === 'partial'
        const alike =
          (score >= DUPLICATE_NAME_SCORE && dated) || (score >= UNDATED_NAME_SCORE && date === 'unknown')
        if (!sameRef && !alike) continue
        const agreed = agreedFields(a, b, date)
        if (sameRef) agreed.push('ref')
        evidence.push({ a: a.ref, b: b.ref, score: Math.round(score * 1000) / 1000, agreed, date, reasons })
        parent[find(j)] = find(i)
      }
  const groups = new Map<number, string[]>()
  rows.forEach((r, i) => {
    const root = find(i)
    if (root === i && !evidence.some((e) => e.a === r.ref || e.b === r.ref)) return
    groups.set(root, [...(groups.get(root) ?? []), r.ref])
  })
  const inGroup = new Map<string, string>()
  const out: DuplicateGroup[] = []
  for (const refs of groups.values()) {
    if (refs.length < 2) continue
    // groups are disjoint, so the first reference names the group (stable while the list is)
    const key = [...refs].sort()[0]!
    for (const r of refs) inGroup.set(r, key)
    out.push({ key, refs, evidence: [] })
  }
  const byKey = new Map(out.map((g) => [g.key, g]))
  for (const e of evidence) byKey.get(inGroup.get(e.a)!)?.evidence.push(e)
  return out
}
