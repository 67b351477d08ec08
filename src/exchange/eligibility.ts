import type { Candidate, PriorityCategory, Terms } from './model'
import { type Reason, reason, reasonText } from './reasons'

/**
 * Why a person cannot be in this exchange at all, or null when they can. Checked before any
 * optimisation, so the reasons are the law's and the terms', not the solver's.
 */
export function ineligibility(c: Candidate, terms: Terms): string | null {
  const r = ineligibleReason(c, terms)
  return r ? reasonText(r) : null
}

/** The same as a code with parameters, for translation. */
export function ineligibleReason(c: Candidate, terms: Terms): Reason | null {
  if (c.side === 'give') {
    if (c.refusedRepatriation) return reason('ineligible.refusedRepatriation')
    if (!c.consent) return reason('ineligible.noConsent')
    if (c.pendingProceedings && !terms.allowProceedings) return reason('ineligible.proceedings')
  }
  if (c.inOpenExchange) return reason('ineligible.inOpenExchange')
  if (terms.exclusions.includes(c.id)) return reason('ineligible.excluded')
  return null
}

/** Whether a person belongs to a priority category. */
export function inCategory(
  c: Candidate,
  category: PriorityCategory,
  terms: Terms,
  longestHeldDays: number,
): boolean {
  switch (category) {
    case 'seriously_wounded_or_sick':
      return c.seriouslyWoundedOrSick
    case 'woman':
      return c.sex === 'female'
    case 'young':
      return c.age !== null && c.age >= 18 && c.age <= (terms.youngUpTo ?? 25)
    case 'longest_held':
      return c.daysHeld >= longestHeldDays
  }
}

/**
 * The rank of a person's highest priority (0 = first in the order), or the number of priorities
 * when none applies. "Longest held" means the longest-held quarter of the side's pool.
 */
export function priorityTier(c: Candidate, terms: Terms, longestHeldDays: number): number {
  const i = terms.priorities.findIndex((p) => inCategory(c, p, terms, longestHeldDays))
  return i < 0 ? terms.priorities.length : i
}

/** The days held from which a person is among the longest-held quarter of `pool`. */
export function longestHeldThreshold(pool: readonly Candidate[]): number {
  if (pool.length === 0) return Number.POSITIVE_INFINITY
  const days = pool.map((c) => c.daysHeld).sort((a, b) => b - a)
  return days[Math.max(0, Math.ceil(days.length / 4) - 1)]!
}
