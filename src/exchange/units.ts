import { inCategory, ineligibleReason, longestHeldThreshold, priorityTier } from './eligibility'
import type { Candidate, Exclusion, Quota, Side, Terms } from './model'
import { reason, reasonText } from './reasons'

/**
 * What the planner chooses: a person alone, or a group who must travel together, as one unit (one
 * column with summed coefficients is cheaper than equality rows; exchange.md §4.2).
 */
export type Unit = {
  side: Side
  members: Candidate[]
  size: number
  weight: number
  value: number
  requested: boolean
  /** members of each quota's group, by the quota's index in the terms */
  quotaCounts: number[]
}

export type Pools = { units: Unit[]; ineligible: Exclusion[]; tiers: Map<string, number> }

/**
 * Sorts the pools into units the planner may choose and persons it may not, with the reason. A
 * group one of whose members cannot go does not go.
 */
export function unitsOf(candidates: readonly Candidate[], terms: Terms): Pools {
  const ineligible: Exclusion[] = []
  const tiers = new Map<string, number>()
  const bySide = {
    give: candidates.filter((c) => c.side === 'give'),
    receive: candidates.filter((c) => c.side === 'receive'),
  }
  const units: Unit[] = []
  for (const side of ['give', 'receive'] as const) {
    const pool = bySide[side]
    const longest = longestHeldThreshold(pool)
    const maxDays = Math.max(1, ...pool.map((c) => c.daysHeld))
    const groups = new Map<string, Candidate[]>()
    for (const c of pool) {
      const key = c.groupId ? `g:${c.groupId}` : `p:${c.id}`
      groups.set(key, [...(groups.get(key) ?? []), c])
    }
    for (const members of groups.values()) {
      const reasons = members
        .map((m) => [m, ineligibleReason(m, terms)] as const)
        .filter(([, r]) => r !== null)
      if (reasons.length > 0) {
        for (const m of members) {
          const [other, why] = reasons[0]!
          const code =
            ineligibleReason(m, terms) ??
            reason('ineligible.groupMember', { other: other.id, why: why!.code })
          ineligible.push({ id: m.id, side, reason: reasonText(code), code })
        }
        continue
      }
      let weight = 0
      for (const m of members) {
        const tier = priorityTier(m, terms, longest)
        tiers.set(m.id, tier)
        // any person of a higher priority outranks any of a lower one; time held breaks ties
        weight += (terms.priorities.length + 1 - tier) * 1000 + (999 * m.daysHeld) / maxDays
      }
      units.push({
        side,
        members,
        size: members.length,
        weight,
        value: members.reduce((s, m) => s + worthOf(m, terms), 0),
        requested: members.some((m) => m.requested),
        quotaCounts: terms.quotas.map((q) =>
          q.side === side ? members.filter((m) => inQuota(m, q, terms, longest)).length : 0,
        ),
      })
    }
  }
  return { units, ineligible, tiers }
}

export function inQuota(c: Candidate, q: Quota, terms: Terms, longestHeldDays: number): boolean {
  if (q.group.startsWith('category:')) return c.category === q.group.slice('category:'.length)
  return inCategory(c, q.group as Parameters<typeof inCategory>[1], terms, longestHeldDays)
}

/** A person's worth under a value table: by rank, else by custody category, else the default. */
export function worthOf(c: Candidate, terms: Terms): number {
  if (terms.balance.kind !== 'value') return 1
  const { values } = terms.balance
  return (c.rank ? values[c.rank] : undefined) ?? values[`category:${c.category}`] ?? terms.balance.default
}
