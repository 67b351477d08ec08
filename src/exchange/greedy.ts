import { explain, infeasible } from './explain'
import type { Plan, Terms } from './model'
import { type Reason, reason } from './reasons'
import type { Pools, Unit } from './units'

/**
 * Equal numbers, a size limit and named requests, with no quotas, value table or travel groups:
 * then each side is simply its best persons, as many as the shorter side allows (every person adds
 * worth, so the largest balanced plan of the best persons is optimal). Tests prove it agrees with
 * the programme.
 */
export function greedyApplies(pools: Pools, terms: Terms): boolean {
  return terms.balance.kind === 'equal' && terms.quotas.length === 0 && pools.units.every((u) => u.size === 1)
}

export function greedyPlan(pools: Pools, terms: Terms): Plan {
  const sides = { give: [] as number[], receive: [] as number[] }
  pools.units.forEach((u, j) => {
    sides[u.side].push(j)
  })
  const order = (a: number, b: number) => byRequestThenWeight(pools.units[a]!, pools.units[b]!) || a - b
  sides.give.sort(order)
  sides.receive.sort(order)
  const requested = (js: number[]) => js.filter((j) => pools.units[j]!.requested).length
  const k = Math.min(sides.give.length, sides.receive.length, terms.maxSize ?? Number.POSITIVE_INFINITY)
  const conflicts: Reason[] = []
  for (const side of ['give', 'receive'] as const) {
    const r = requested(sides[side])
    const other = side === 'give' ? 'receive' : 'give'
    if (r > k)
      conflicts.push(
        terms.maxSize !== undefined && r > terms.maxSize
          ? reason('conflict.requestsOverLimit', { n: r, side, max: terms.maxSize })
          : reason('conflict.requestsOverOther', { n: r, side, available: sides[other].length, other }),
      )
  }
  const chosen = pools.units.map(() => false)
  if (conflicts.length === 0)
    for (const js of [sides.give, sides.receive]) for (const j of js.slice(0, k)) chosen[j] = true
  const objective = pools.units.reduce((s, u, j) => s + (chosen[j] ? u.weight : 0), 0)
  const plan = explain(pools, terms, chosen, { method: 'greedy', proven: true, objective })
  return conflicts.length ? infeasible(plan, conflicts) : plan
}

function byRequestThenWeight(a: Unit, b: Unit): number {
  return Number(b.requested) - Number(a.requested) || b.weight - a.weight
}
