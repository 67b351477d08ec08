import { ineligibility, longestHeldThreshold } from './eligibility'
import type { Candidate, Plan, Terms } from './model'
import { inQuota, worthOf } from './units'

/**
 * Checks a plan against every term it was given, independently of how it was made (the solver,
 * the greedy method, or a hand edit): solvers report statuses that need interpreting, so a plan is
 * trusted only after this. Returns the breaches in words; none means the plan holds.
 */
export function checkPlan(plan: Plan, candidates: readonly Candidate[], terms: Terms): string[] {
  if (!plan.feasible) return []
  const byId = new Map(candidates.map((c) => [c.id, c]))
  const give = plan.give.map((p) => byId.get(p.id)!)
  const receive = plan.receive.map((p) => byId.get(p.id)!)
  const breaches: string[] = []
  for (const c of [...give, ...receive]) {
    const why = ineligibility(c, terms)
    if (why) breaches.push(`${c.id} is in the plan but ${why}`)
  }
  // a named person must be in, unless they or someone they travel with cannot go
  const canGo = (c: Candidate) =>
    candidates.every((o) =>
      o !== c && (o.side !== c.side || !c.groupId || o.groupId !== c.groupId)
        ? true
        : ineligibility(o, terms) === null,
    )
  for (const c of candidates)
    if (c.requested && canGo(c) && !plan[c.side].some((p) => p.id === c.id))
      breaches.push(`${c.id} was requested by name but is not in the plan`)
  const chosen = new Set([...give, ...receive].map((c) => c.id))
  for (const c of candidates)
    if (c.groupId && chosen.has(c.id))
      for (const o of candidates)
        if (o.groupId === c.groupId && o.side === c.side && !chosen.has(o.id))
          breaches.push(`${c.id} goes without ${o.id}, with whom they travel`)
  const b = terms.balance
  if (b.kind === 'equal' && give.length !== receive.length)
    breaches.push(`${give.length} to give against ${receive.length} to receive`)
  if (b.kind === 'ratio' && give.length * b.receive !== receive.length * b.give)
    breaches.push(`${give.length}:${receive.length} is not the ratio ${b.give}:${b.receive}`)
  if (b.kind === 'value') {
    const diff =
      give.reduce((s, c) => s + worthOf(c, terms), 0) - receive.reduce((s, c) => s + worthOf(c, terms), 0)
    if (Math.abs(diff) > b.tolerance + 1e-9)
      breaches.push(`values differ by ${diff}, more than ${b.tolerance}`)
  }
  if (terms.maxSize !== undefined && Math.max(give.length, receive.length) > terms.maxSize)
    breaches.push(`more than ${terms.maxSize} persons on a side`)
  for (const q of terms.quotas) {
    const pool = candidates.filter((c) => c.side === q.side)
    const longest = longestHeldThreshold(pool)
    const n = (q.side === 'give' ? give : receive).filter((c) => inQuota(c, q, terms, longest)).length
    if (q.min !== undefined && n < q.min) breaches.push(`${n} ${q.group} to ${q.side}, fewer than ${q.min}`)
    if (q.max !== undefined && n > q.max) breaches.push(`${n} ${q.group} to ${q.side}, more than ${q.max}`)
  }
  return breaches
}
