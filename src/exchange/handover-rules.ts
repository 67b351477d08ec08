import { ineligibleReason, longestHeldThreshold, priorityTier } from './eligibility'
import type { Candidate, Side, Terms } from './model'
import { type Reason, reason, reasonText } from './reasons'
import { assignStages } from './rounds'

/**
 * The rules of the day of the swap, pure: who crosses in which stage, and who may cross instead of
 * a listed person. The use case reads the persons; these decide.
 */

/** The agreed list without repeats, and the repeated ids (a received list may name a person twice). */
export function dedupe(ids: readonly string[]): { unique: string[]; repeated: string[] } {
  const seen = new Set<string>()
  const repeated = new Set<string>()
  for (const id of ids) (seen.has(id) ? repeated : seen).add(id)
  return { unique: [...seen], repeated: [...repeated] }
}

/**
 * The order persons cross in: by priority (the seriously wounded first, as the terms order the
 * priorities), then the longest held first; persons who travel together stay together, at the
 * place of the first of them; the id last, so the order never depends on the list's row order.
 * A person not among the candidates (no longer in the pools) comes last.
 */
export function crossingOrder(
  ids: readonly string[],
  candidates: ReadonlyMap<string, Candidate>,
  terms: Terms,
): string[] {
  const known = ids.map((id) => candidates.get(id)).filter((c): c is Candidate => c !== undefined)
  const longest = longestHeldThreshold(known)
  const key = (id: string) => {
    const c = candidates.get(id)
    return c
      ? { tier: priorityTier(c, terms, longest), days: c.daysHeld }
      : { tier: Number.POSITIVE_INFINITY, days: -1 }
  }
  const byKey = (a: string, b: string) => {
    const x = key(a)
    const y = key(b)
    return x.tier - y.tier || y.days - x.days || (a < b ? -1 : a > b ? 1 : 0)
  }
  const ordered = [...ids].sort(byKey)
  const out: string[] = []
  const placed = new Set<string>()
  for (const id of ordered) {
    if (placed.has(id)) continue
    const group = candidates.get(id)?.groupId
    const members = group ? ordered.filter((o) => candidates.get(o)?.groupId === group) : [id]
    for (const m of members) {
      placed.add(m)
      out.push(m)
    }
  }
  return out
}

/** Each person's stage: the stages filled in crossing order (with no stages, all in stage 1). */
export function stagesOf(
  ids: readonly string[],
  candidates: ReadonlyMap<string, Candidate>,
  terms: Terms,
  stages: readonly number[],
): Map<string, number> {
  return assignStages(crossingOrder(ids, candidates, terms), stages)
}

/** What the register says of a would-be substitute of ours who is not among the persons held. */
export type RegisterStanding = { status: string; confirmation: string } | null

/**
 * Why `ref` may not cross instead of a listed person, or null when he may. The same eligibility as
 * the plan (Art. 109 refusal, consent, proceedings unless the terms allow them, another open
 * exchange, the terms' exclusions), and beyond it: on our side a person we still hold (not dead,
 * not escaped, not already gone), on theirs a person of our sought list; never one already listed.
 */
export function substituteRefusal(
  side: Side,
  candidate: Candidate | undefined,
  standing: RegisterStanding,
  alreadyListed: boolean,
  terms: Terms,
): Reason | null {
  if (side === 'give' && !candidate) {
    if (!standing) return reason('substitute.notInRegister')
    if (standing.status === 'died') return reason('substitute.died')
    if (standing.status === 'escaped') return reason('substitute.escaped')
    if (standing.confirmation !== 'confirmed') return reason('substitute.unconfirmed')
    return reason('substitute.notHeld', { status: standing.status })
  }
  if (side === 'receive' && !candidate) return reason('substitute.notSought')
  if (alreadyListed) return reason('substitute.alreadyListed')
  return ineligibleReason(candidate!, terms)
}

const EN: Record<string, (p: Record<string, string | number>) => string> = {
  'substitute.notInRegister': () => 'is not a person of the register',
  'substitute.died': () => 'is dead',
  'substitute.escaped': () => 'has escaped',
  'substitute.unconfirmed': () => 'is an unconfirmed report',
  'substitute.notHeld': (p) => `is no longer held (${p.status})`,
  'substitute.notSought': () => 'is not on our list of persons sought',
  'substitute.alreadyListed': () => 'is already on the handover list',
}

/** The English words of a handover reason; the planner's codes read as the planner words them. */
export function handoverReasonText(r: Reason): string {
  const f = EN[r.code]
  return f ? f(r.params ?? {}) : reasonText(r)
}

/** Every code the handover adds (the locales must translate each). */
export const HANDOVER_REASON_CODES = Object.keys(EN)
