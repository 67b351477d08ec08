import { DEFAULT_TERMS, type Terms } from '../src/exchange/model'
import { planExchange } from '../src/exchange/planner'
import { checkPlan } from '../src/exchange/validate'
import { generateExchangePool } from '../src/generate/exchange-pool'
import { handoverTapLatency } from './exchange-handover'
import { scenarioPlanTime } from './exchange-scenario'
import { type Benchmark, peakRssMiB } from './lib'
import { sizeToCount } from './support'

/**
 * The exchange planner at the sizes of the largest exchanges: two pools of SIZE persons each, quotas
 * on eight categories, 200 named requests, travel groups; time to a proven optimum (HiGHS). Then the
 * handover of 2,000 persons: the tablet's tap through the HTTP API; and the plan of issue 13's
 * scenario (5,000 held, a list of 3,000 of ours, 1000 for 1000 in three stages) through the service.
 */
const bench: Benchmark = {
  description:
    'exchange planning: pools of SIZE and SIZE, eight quota categories, 200 named requests, time to proven optimum; the issue-13 scenario planned through the service (5,000 held, a list of 3,000 of ours, 1000 for 1000); handover tap latency through the API at 2,000 persons',
  sizes: ['10k', '1k'],
  async run({ size }) {
    const n = sizeToCount(size, 10_000)
    const candidates = generateExchangePool({ seed: 9, give: n, receive: n, requests: 200 })
    const scale = n / 10_000
    const at = (x: number) => Math.max(1, Math.round(x * scale))
    // an upper quota below the named persons it covers would make every plan impossible
    const atMost = (x: number) => Math.max(30, Math.round(x * scale))
    const terms: Terms = {
      ...DEFAULT_TERMS,
      maxSize: at(1200),
      quotas: [
        { side: 'receive', group: 'seriously_wounded_or_sick', min: at(60) },
        { side: 'receive', group: 'woman', min: at(30) },
        { side: 'receive', group: 'young', min: at(150) },
        { side: 'receive', group: 'longest_held', min: at(300) },
        { side: 'give', group: 'category:civilian_internee', max: atMost(25) },
        { side: 'give', group: 'woman', max: atMost(50) },
        { side: 'give', group: 'seriously_wounded_or_sick', min: at(40) },
        { side: 'give', group: 'young', max: atMost(400) },
      ],
    }
    // the solver's runtime loads once per process; a bureau's server keeps it
    await planExchange(candidates.slice(0, 10), DEFAULT_TERMS, { method: 'milp' })
    const runs: number[] = []
    let plan = await planExchange(candidates, terms)
    for (let i = 0; i < 7; i++) {
      const t = performance.now()
      plan = await planExchange(candidates, terms)
      runs.push(performance.now() - t)
    }
    const breaches = checkPlan(plan, candidates, terms)
    const greedyTerms: Terms = { ...DEFAULT_TERMS, maxSize: at(1200) }
    const solo = candidates.map((c) => ({ ...c, groupId: null }))
    const t = performance.now()
    const greedy = await planExchange(solo, greedyTerms, { method: 'greedy' })
    const greedyMs = performance.now() - t
    // the day of the swap at full size: 1,000 each way, each tap timed through the HTTP API
    const handover = await handoverTapLatency(1000, 100)
    // issue 13's scenario as the Plan button runs it: register, facts, pools, planner, names
    const scenario = await scenarioPlanTime()
    return {
      params: {
        poolGive: n,
        poolReceive: n,
        namedRequests: 200,
        quotaCategories: terms.quotas.length,
        maxSize: terms.maxSize,
      },
      figures: {
        milpMedianMs: Math.round(runs.sort((a, b) => a - b)[3]!),
        milpRunsMs: runs.map((r) => Math.round(r)).join(' '),
        proven: String(plan.proven),
        feasible: String(plan.feasible),
        give: plan.give.length,
        receive: plan.receive.length,
        breaches: breaches.length,
        conflicts: plan.conflicts.join('; ') || 'none',
        greedyMs: Math.round(greedyMs * 10) / 10,
        greedyGive: greedy.give.length,
        ...handover,
        ...scenario,
        peakRssMiB: peakRssMiB(),
      },
    }
  },
}
export default bench
