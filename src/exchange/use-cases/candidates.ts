import type { z } from 'zod'
import { factsOf, type PersonFacts } from '../../custody/facts'
import type { Db } from '../../db/connection'
import type { Candidate } from '../model'
import type { GiveAnnotation } from '../schema'
import type { SoughtPerson } from '../sought'
import * as store from '../store'

const DAY = 86_400_000

/**
 * A person's recorded facts decide by default; this exchange's note overrides a fact it states.
 * One exception: a note never lifts an Art. 109 refusal recorded on the person (a note left false
 * is no hearing of the prisoner); a consent recorded after the refusal does.
 */
export function giveFacts(
  f: PersonFacts,
  n: Partial<z.output<typeof GiveAnnotation>> | undefined,
): Pick<Candidate, 'consent' | 'refusedRepatriation' | 'pendingProceedings'> {
  const refused = f.refusedRepatriation !== null || n?.refusedRepatriation === true
  return {
    consent: !refused && (n?.consent ?? f.consent?.given ?? false),
    refusedRepatriation: refused,
    pendingProceedings: n?.pendingProceedings ?? f.proceedings?.open ?? false,
  }
}

export type PersonLabel = { surname: string; firstNames: string; dateOfBirth: string | null }

/**
 * Both pools as the planner sees them (the register and what is known beyond it; the list of ours
 * the other side holds), with what a person reading a plan needs to recognise each.
 */
export async function candidatesOf(db: Db, e: store.ExchangeRow, today: string) {
  const [held, factEvents, notes, sought, others] = await Promise.all([
    store.heldPersons(db),
    store.heldFactEvents(db),
    store.poolOf(db, e.id, 'give'),
    store.poolOf(db, e.id, 'receive'),
    store.openRoundsExcept(db, e.id),
  ])
  const busy = new Set<string>()
  const seenExchange = new Set<string>()
  for (const r of others) {
    if (seenExchange.has(r.exchange_id)) continue
    seenExchange.add(r.exchange_id)
    for (const id of [...(r.give as string[]), ...(r.receive as string[])]) busy.add(id)
  }
  const noteOf = new Map(notes.map((n) => [n.ref, n.attrs as z.output<typeof GiveAnnotation>]))
  const now = Date.parse(today)
  const ageOf = (dob: string | null) =>
    dob && dob.length >= 4
      ? Math.floor(
          (now - Date.parse(dob.length === 4 ? `${dob}-07-01` : dob.length === 7 ? `${dob}-15` : dob)) /
            (365.25 * DAY),
        )
      : null
  const daysSince = (d: string | null) => (d ? Math.max(0, Math.round((now - Date.parse(d)) / DAY)) : 0)
  const people = new Map<string, PersonLabel>()
  const candidates: Candidate[] = []
  for (const p of held) {
    const n = noteOf.get(p.id)
    const f = factsOf(factEvents.get(p.id) ?? [])
    people.set(p.id, { surname: p.surname, firstNames: p.first_names ?? '', dateOfBirth: p.date_of_birth })
    candidates.push({
      id: p.id,
      side: 'give',
      sex: p.sex === 'female' ? 'female' : p.sex === 'male' ? 'male' : null,
      age: ageOf(p.date_of_birth),
      seriouslyWoundedOrSick: p.health === 'seriously_wounded' || p.health === 'seriously_sick',
      daysHeld: daysSince(p.captured_on ?? p.registered_on),
      category: p.category,
      rank: p.rank,
      ...giveFacts(f, n),
      inOpenExchange: busy.has(p.id),
      groupId: n?.groupId ?? null,
      requested: n?.requested ?? false,
    })
  }
  for (const row of sought) {
    const s = row.attrs as SoughtPerson
    people.set(row.ref, { surname: s.surname, firstNames: s.firstNames, dateOfBirth: s.dateOfBirth || null })
    candidates.push({
      id: row.ref,
      side: 'receive',
      sex: s.sex,
      age: ageOf(s.dateOfBirth || null),
      seriouslyWoundedOrSick: s.seriouslyWoundedOrSick,
      daysHeld: daysSince(s.capturedOn || null),
      category: s.category,
      rank: s.rank || null,
      consent: true,
      refusedRepatriation: false,
      pendingProceedings: false,
      inOpenExchange: busy.has(row.ref),
      groupId: s.groupId,
      requested: s.requested,
    })
  }
  return { candidates, people }
}
