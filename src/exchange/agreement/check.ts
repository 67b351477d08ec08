import { longestHeldThreshold } from '../eligibility'
import type { Candidate, Side, Terms } from '../model'
import { inQuota, worthOf } from '../units'

/**
 * A breach of the terms by the lists about to be agreed: a code with parameters, the contract with
 * the web (which words it in the reader's language) and the CLI.
 */
export type Breach = { code: string; params: Record<string, string | number> }

export type AgreementInput = {
  /** the refs of the lists about to be agreed (the last round) */
  lists: Record<Side, readonly string[]>
  /** every person of both pools, as the planner sees them */
  candidates: readonly Candidate[]
  terms: Terms
  /** groups of a received list suspected to be one person, not yet decided */
  undecidedDuplicates: number
  /** a person's name for the parameters, so a breach names whom it is about */
  nameOf: (ref: string) => string
}

/**
 * Checks the lists to be agreed against the terms: the balance (equal, ratio, or value within the
 * tolerance), the largest size, quotas, named requests left out, Art. 109 refusals and exclusions
 * listed, a person listed twice or unknown to the pools, duplicates not decided. The lists are
 * what the other side and we last wrote, not the planner's output, so nothing is assumed of them.
 */
export function checkAgreement({
  lists,
  candidates,
  terms,
  undecidedDuplicates,
  nameOf,
}: AgreementInput): Breach[] {
  const breaches: Breach[] = []
  const bySide = {
    give: new Map(candidates.filter((c) => c.side === 'give').map((c) => [c.id, c])),
    receive: new Map(candidates.filter((c) => c.side === 'receive').map((c) => [c.id, c])),
  }
  const chosen: Record<Side, Candidate[]> = { give: [], receive: [] }
  for (const side of ['give', 'receive'] as const) {
    const seen = new Set<string>()
    for (const ref of lists[side]) {
      if (seen.has(ref)) {
        breaches.push({ code: 'listed_twice', params: { side, ref, name: nameOf(ref) } })
        continue
      }
      seen.add(ref)
      const c = bySide[side].get(ref)
      if (!c) {
        breaches.push({ code: 'not_in_pool', params: { side, ref, name: nameOf(ref) } })
        continue
      }
      chosen[side].push(c)
      if (c.refusedRepatriation)
        breaches.push({ code: 'refused_repatriation', params: { side, ref, name: nameOf(ref) } })
      if (terms.exclusions.includes(ref))
        breaches.push({ code: 'excluded', params: { side, ref, name: nameOf(ref) } })
    }
  }
  const give = chosen.give.length
  const receive = chosen.receive.length
  const b = terms.balance
  if (b.kind === 'equal' && give !== receive)
    breaches.push({ code: 'balance_equal', params: { give, receive } })
  if (b.kind === 'ratio' && give * b.receive !== receive * b.give)
    breaches.push({
      code: 'balance_ratio',
      params: { give, receive, ratioGive: b.give, ratioReceive: b.receive },
    })
  if (b.kind === 'value') {
    const worth = (cs: Candidate[]) => cs.reduce((s, c) => s + worthOf(c, terms), 0)
    const giveValue = worth(chosen.give)
    const receiveValue = worth(chosen.receive)
    if (Math.abs(giveValue - receiveValue) > b.tolerance + 1e-9)
      breaches.push({ code: 'balance_value', params: { giveValue, receiveValue, tolerance: b.tolerance } })
  }
  if (terms.maxSize !== undefined && Math.max(give, receive) > terms.maxSize)
    breaches.push({ code: 'max_size', params: { give, receive, maxSize: terms.maxSize } })
  for (const q of terms.quotas) {
    const longest = longestHeldThreshold(candidates.filter((c) => c.side === q.side))
    const n = chosen[q.side].filter((c) => inQuota(c, q, terms, longest)).length
    if (q.min !== undefined && n < q.min)
      breaches.push({ code: 'quota_min', params: { side: q.side, group: q.group, count: n, min: q.min } })
    if (q.max !== undefined && n > q.max)
      breaches.push({ code: 'quota_max', params: { side: q.side, group: q.group, count: n, max: q.max } })
  }
  for (const side of ['give', 'receive'] as const) {
    const listed = new Set(lists[side])
    // a person named by the other side who refused repatriation is rightly left out
    for (const c of bySide[side].values())
      if (c.requested && !c.refusedRepatriation && !listed.has(c.id))
        breaches.push({ code: 'requested_missing', params: { side, ref: c.id, name: nameOf(c.id) } })
  }
  if (undecidedDuplicates > 0)
    breaches.push({ code: 'duplicates_undecided', params: { groups: undecidedDuplicates } })
  return breaches
}
