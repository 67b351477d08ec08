import type { Plan } from '../model'
import { type Reason, reasonText } from '../reasons'
import type { PersonLabel } from './candidates'

/** The params of each code that hold a person's id, or several joined by ", ". */
const PERSON_PARAMS: Record<string, string> = {
  'reason.travelsWith': 'ids',
  'conflict.namedRequest': 'ids',
  'ineligible.groupMember': 'other',
}

/**
 * The planner is pure and speaks in ids; a reader needs names. Each reason that names persons
 * (travels with, a named request, the companion who cannot go) gets `names` beside its ids, and
 * the English words are made again from the names. The ids stay for machines.
 */
export function nameReasons(plan: Plan, people: ReadonlyMap<string, PersonLabel>): Plan {
  const label = (id: string) => {
    const p = people.get(id)
    return p ? `${p.surname} ${p.firstNames}`.trim() : id
  }
  const named = (r: Reason): Reason => {
    const key = PERSON_PARAMS[r.code]
    const value = key ? r.params?.[key] : undefined
    if (typeof value !== 'string' || !value) return r
    const names = value
      .split(', ')
      .map((id) => label(id))
      .join(', ')
    return { code: r.code, params: { ...r.params, names } }
  }
  // the English words read the same params, so they are made with the names in place of the ids
  const words = (r: Reason) => {
    const key = PERSON_PARAMS[r.code]
    return key && r.params?.names !== undefined
      ? reasonText({ code: r.code, params: { ...r.params, [key]: r.params.names } })
      : reasonText(r)
  }
  const include = (i: Plan['give'][number]) => {
    const codes = i.codes.map(named)
    return { ...i, codes, reasons: codes.map(words) }
  }
  const conflictCodes = plan.conflictCodes.map(named)
  return {
    ...plan,
    give: plan.give.map(include),
    receive: plan.receive.map(include),
    leftOut: plan.leftOut.map((l) => {
      const code = named(l.code)
      return { ...l, code, reason: words(code) }
    }),
    conflictCodes,
    conflicts: conflictCodes.map(words),
  }
}
