import { nameKey } from '../../names'
import type { Side } from '../model'
import type { SoughtPerson } from '../sought'
import * as store from '../store'
import type { ExchangeDeps } from './deps'
import { load } from './deps'

/** What the tablet shows of one person: enough to recognise them at the crossing point. */
export type SheetPerson = {
  surname: string
  firstNames: string
  dateOfBirth: string | null
  serviceNumber: string | null
  wounded: boolean
  /** the name engine's key of each word of the name: a search in any alphabet meets them */
  keys: string[]
}

export type SheetRow = {
  side: Side
  ref: string
  stage: number
  outcome: string
  substituteRef: string | null
  person: SheetPerson | null
  substitute: SheetPerson | null
}

const WOUNDED = new Set(['seriously_wounded', 'seriously_sick', 'wounded'])
const keysOf = (...parts: string[]) => [
  ...new Set(
    parts
      .join(' ')
      .split(/[\s,;]+/)
      .filter(Boolean)
      .map(nameKey)
      .filter(Boolean),
  ),
]

/**
 * The handover checklist as the tablet needs it: every row named (persons of ours from the
 * register whatever their status now, so finished rows keep their names; theirs from the sought
 * list), with service number, the wounded marked and the substitute named.
 */
export function handoverSheet({ db }: ExchangeDeps) {
  return async (id: string) => {
    await load(db, id)
    const [rows, sought] = await Promise.all([store.handoverOf(db, id), store.poolOf(db, id, 'receive')])
    const ours = new Set<string>()
    for (const r of rows)
      if (r.side === 'give') {
        ours.add(r.ref)
        if (r.substitute_ref) ours.add(r.substitute_ref)
      }
    const people = await registerPersons(db, [...ours])
    const soughtOf = new Map(sought.map((s) => [s.ref, soughtPerson(s.attrs as SoughtPerson)]))
    const find = (side: Side, ref: string | null) =>
      ref === null ? null : ((side === 'give' ? people.get(ref) : soughtOf.get(ref)) ?? null)
    const list: SheetRow[] = rows.map((r) => ({
      side: r.side,
      ref: r.ref,
      stage: r.stage,
      outcome: r.outcome,
      substituteRef: r.substitute_ref,
      person: find(r.side, r.ref),
      substitute: find(r.side, r.substitute_ref),
    }))
    return { rows: list }
  }
}

/**
 * Who may be named as a substitute, found by name in any alphabet or by service number: persons we
 * hold (give) or of ours in their list (receive), not already on the lists. Eligibility itself is
 * checked when the substitution is recorded; this only finds the person.
 */
export function substituteCandidates({ db }: ExchangeDeps) {
  return async (id: string, side: Side, query: string, limit = 20) => {
    await load(db, id)
    const rows = await store.handoverOf(db, id)
    const listed = new Set(rows.flatMap((r) => [r.ref, ...(r.substitute_ref ? [r.substitute_ref] : [])]))
    const wanted = keysOf(query)
    const text = query.trim().toLowerCase()
    const matches = (p: SheetPerson) =>
      (p.serviceNumber !== null && text.length > 0 && p.serviceNumber.toLowerCase().includes(text)) ||
      (wanted.length > 0 && wanted.every((w) => p.keys.some((k) => k.startsWith(w))))
    const found: ({ ref: string } & SheetPerson)[] = []
    if (side === 'give') {
      const held = (await store.heldPersons(db)).map((p) => p.id).filter((ref) => !listed.has(ref))
      for (const [ref, person] of await registerPersons(db, held)) {
        if (matches(person)) found.push({ ref, ...person })
        if (found.length >= limit) break
      }
    } else {
      for (const s of await store.poolOf(db, id, 'receive')) {
        if (listed.has(s.ref)) continue
        const person = soughtPerson(s.attrs as SoughtPerson)
        if (matches(person)) found.push({ ref: s.ref, ...person })
        if (found.length >= limit) break
      }
    }
    return { candidates: found }
  }
}

async function registerPersons(db: ExchangeDeps['db'], ids: string[]) {
  const out = new Map<string, SheetPerson>()
  for (let i = 0; i < ids.length; i += 5000) {
    const chunk = ids.slice(i, i + 5000)
    if (chunk.length === 0) continue
    const found = await db
      .selectFrom('persons')
      .select(['id', 'surname', 'first_names', 'date_of_birth', 'service_number', 'health'])
      .where('id', 'in', chunk)
      .execute()
    for (const p of found)
      out.set(p.id, {
        surname: p.surname,
        firstNames: p.first_names ?? '',
        dateOfBirth: p.date_of_birth,
        serviceNumber: p.service_number,
        wounded: WOUNDED.has(p.health ?? ''),
        keys: keysOf(p.surname, p.first_names ?? ''),
      })
  }
  return out
}

function soughtPerson(s: SoughtPerson): SheetPerson {
  return {
    surname: s.surname,
    firstNames: s.firstNames,
    dateOfBirth: s.dateOfBirth || null,
    // a received list gives one when it has the column: searched like ours at the crossing
    serviceNumber: s.serviceNumber || null,
    wounded: s.seriouslyWoundedOrSick,
    keys: keysOf(s.surname, s.firstNames),
  }
}
