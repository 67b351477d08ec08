import type { Reason } from './reasons'

/**
 * Exchange planning's own words. The planner is pure: it takes the two pools and the agreed terms
 * and returns the two lists with reasons; where the persons come from is the service's business.
 */

/** `give`: a person we hold and may release; `receive`: one of ours the other side holds, whom we ask for. */
export type Side = 'give' | 'receive'

/** The default order of priority (GC III Arts. 109–110 and Annex I first; then the bureau's policy). */
export const PRIORITY_CATEGORIES = ['seriously_wounded_or_sick', 'woman', 'young', 'longest_held'] as const
export type PriorityCategory = (typeof PRIORITY_CATEGORIES)[number]

export type Candidate = {
  id: string
  side: Side
  sex: 'male' | 'female' | null
  /** age in whole years on the planned date, when the date of birth is known */
  age: number | null
  /** seriously wounded or seriously sick, as Annex I describes (directly repatriable) */
  seriouslyWoundedOrSick: boolean
  daysHeld: number
  /** the person's custody category (prisoner_of_war, civilian_internee, ...) */
  category: string
  rank: string | null
  /** consent to be repatriated recorded (give side); the receive side's is the other power's affair */
  consent: boolean
  /** a sick or wounded prisoner who refused repatriation: GC III Art. 109 (3), never proposed */
  refusedRepatriation: boolean
  pendingProceedings: boolean
  /** already in another exchange that is not finished */
  inOpenExchange: boolean
  /** persons who must travel together share this (a family, a crew) */
  groupId: string | null
  /** named by the side that asks for them */
  requested: boolean
}

/** How the two lists must balance. */
export type Balance =
  | { kind: 'equal' }
  /** `give` of ours for `receive` of theirs, e.g. 1:1, 2:1 */
  | { kind: 'ratio'; give: number; receive: number }
  /** each person counts by a table (by rank, else by category; `default` for the rest), within ± tolerance */
  | { kind: 'value'; values: Record<string, number>; default: number; tolerance: number }

/** A quota: at least `min` and at most `max` persons of a group on one side. */
export type Quota = { side: Side; group: PriorityCategory | `category:${string}`; min?: number; max?: number }

export type Terms = {
  balance: Balance
  /** at most this many persons on each side */
  maxSize?: number
  quotas: Quota[]
  /** persons either side has excluded, by id */
  exclusions: string[]
  /** whether persons with pending criminal proceedings may be released */
  allowProceedings: boolean
  /** the order of priority; categories left out do not raise a person */
  priorities: PriorityCategory[]
  /** "young" means at most this age (default 25) */
  youngUpTo?: number
}

export const DEFAULT_TERMS: Terms = {
  balance: { kind: 'equal' },
  quotas: [],
  exclusions: [],
  allowProceedings: false,
  priorities: [...PRIORITY_CATEGORIES],
}

/** `reasons` in English words (the CLI's), `codes` the same as codes with parameters (the web's) */
export type Inclusion = { id: string; side: Side; reasons: string[]; codes: Reason[] }
export type Exclusion = { id: string; side: Side; reason: string; code: Reason }

export type Plan = {
  feasible: boolean
  give: Inclusion[]
  receive: Inclusion[]
  /** every person of the pools not in the plan, with the reason */
  leftOut: Exclusion[]
  /** when infeasible: the terms that cannot all be met, in words */
  conflicts: string[]
  /** the same conflicts as codes with parameters, for translation */
  conflictCodes: Reason[]
  objective: number
  method: 'greedy' | 'milp'
  /** true when the solver proved the plan optimal */
  proven: boolean
}
