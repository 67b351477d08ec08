import type { Candidate, Exclusion, Inclusion, Plan, Side, Terms } from './model'
import type { Pools, Unit } from './units'

/** The plan in words: why each person is in, and why each eligible person is not. */
export function explain(
  pools: Pools,
  terms: Terms,
  chosen: boolean[],
  meta: Pick<Plan, 'method' | 'proven' | 'objective'>,
): Plan {
  const lists: Record<Side, Inclusion[]> = { give: [], receive: [] }
  const leftOut: Exclusion[] = [...pools.ineligible]
  const count: Record<Side, number> = { give: 0, receive: 0 }
  pools.units.forEach((u, j) => {
    if (chosen[j]) count[u.side] += u.size
  })
  const quotaUsed = terms.quotas.map((_, k) =>
    pools.units.reduce((s, v, j) => s + (chosen[j] ? v.quotaCounts[k]! : 0), 0),
  )
  pools.units.forEach((u, j) => {
    for (const m of u.members) {
      if (chosen[j]) lists[u.side].push({ id: m.id, side: u.side, reasons: reasonsFor(m, u, pools, terms) })
      else leftOut.push({ id: m.id, side: u.side, reason: whyLeftOut(u, terms, quotaUsed, count) })
    }
  })
  const held = new Map(pools.units.flatMap((u) => u.members.map((m) => [m.id, m.daysHeld] as const)))
  // the order of the lists is the order of priority: the handover stages follow it
  const byPriority = (a: Inclusion, b: Inclusion) =>
    (pools.tiers.get(a.id) ?? 0) - (pools.tiers.get(b.id) ?? 0) ||
    (held.get(b.id) ?? 0) - (held.get(a.id) ?? 0)
  return {
    feasible: true,
    give: lists.give.sort(byPriority),
    receive: lists.receive.sort(byPriority),
    leftOut,
    conflicts: [],
    ...meta,
  }
}

function reasonsFor(m: Candidate, u: Unit, pools: Pools, terms: Terms): string[] {
  const reasons: string[] = []
  if (m.requested) reasons.push('requested by name')
  const tier = pools.tiers.get(m.id) ?? terms.priorities.length
  if (tier < terms.priorities.length)
    reasons.push(`priority ${tier + 1}: ${terms.priorities[tier]!.replaceAll('_', ' ')}`)
  reasons.push(`held ${m.daysHeld} days`)
  if (u.size > 1)
    reasons.push(
      `travels with ${u.members
        .filter((o) => o !== m)
        .map((o) => o.id)
        .join(', ')}`,
    )
  return reasons
}

function whyLeftOut(u: Unit, terms: Terms, quotaUsed: number[], count: Record<Side, number>): string {
  if (terms.maxSize !== undefined && count[u.side] + u.size > terms.maxSize)
    return `the size limit of ${terms.maxSize} is reached by persons of higher priority or longer held`
  for (const [k, q] of terms.quotas.entries()) {
    if (q.max === undefined || u.quotaCounts[k] === 0) continue
    if (quotaUsed[k]! + u.quotaCounts[k]! > q.max)
      return `the quota of at most ${q.max} ${q.group.replace('category:', '')} is full`
  }
  const other = u.side === 'give' ? 'receive' : 'give'
  return terms.balance.kind === 'value'
    ? 'the value balance: the other side’s list does not weigh enough for more'
    : `the balance: the ${other} list has no more persons to match`
}
