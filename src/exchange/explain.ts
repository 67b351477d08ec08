import type { Candidate, Exclusion, Inclusion, Plan, Side, Terms } from './model'
import { type Reason, reason, reasonText } from './reasons'
import type { Pools, Unit } from './units'

/** The plan in words and codes: why each person is in, and why each eligible person is not. */
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
      if (chosen[j]) {
        const codes = reasonsFor(m, u, pools, terms)
        lists[u.side].push({ id: m.id, side: u.side, reasons: codes.map(reasonText), codes })
      } else {
        const code = whyLeftOut(u, terms, quotaUsed, count)
        leftOut.push({ id: m.id, side: u.side, reason: reasonText(code), code })
      }
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
    conflictCodes: [],
    ...meta,
  }
}

/** A plan that cannot be made: no lists, the conflicts both as codes and in words. */
export function infeasible(plan: Plan, conflicts: Reason[]): Plan {
  return {
    ...plan,
    feasible: false,
    give: [],
    receive: [],
    proven: false,
    conflicts: conflicts.map(reasonText),
    conflictCodes: conflicts,
  }
}

function reasonsFor(m: Candidate, u: Unit, pools: Pools, terms: Terms): Reason[] {
  const reasons: Reason[] = []
  if (m.requested) reasons.push(reason('reason.requested'))
  const tier = pools.tiers.get(m.id) ?? terms.priorities.length
  if (tier < terms.priorities.length)
    reasons.push(reason('reason.priority', { n: tier + 1, category: terms.priorities[tier]! }))
  reasons.push(reason('reason.held', { days: m.daysHeld }))
  if (u.size > 1)
    reasons.push(
      reason('reason.travelsWith', {
        ids: u.members
          .filter((o) => o !== m)
          .map((o) => o.id)
          .join(', '),
      }),
    )
  return reasons
}

function whyLeftOut(u: Unit, terms: Terms, quotaUsed: number[], count: Record<Side, number>): Reason {
  if (terms.maxSize !== undefined && count[u.side] + u.size > terms.maxSize)
    return reason('leftOut.sizeLimit', { max: terms.maxSize })
  for (const [k, q] of terms.quotas.entries()) {
    if (q.max === undefined || u.quotaCounts[k] === 0) continue
    if (quotaUsed[k]! + u.quotaCounts[k]! > q.max)
      return reason('leftOut.quotaFull', { max: q.max, group: q.group.replace('category:', '') })
  }
  const other = u.side === 'give' ? 'receive' : 'give'
  return terms.balance.kind === 'value'
    ? reason('leftOut.valueBalance')
    : reason('leftOut.balance', { other })
}
