import { comparePair, FIELD_COUNT, levelsOf, PATTERN_COUNT } from './compare'
import { type CandidateSpace, forEachCandidate, MAX_LEVELS, metBy, ruleCandidates } from './score'

/**
 * Training works on samples, so that its cost stays bounded at any size: the all-rules EM (the prior)
 * sees at most about TRAINING_PAIRS candidate pairs, each rule's session about SESSION_PAIRS. A few
 * hundred thousand pairs fix a share of a few per cent to within a fraction of a per cent; more only
 * costs time (docs/decisions.md).
 */
export const TRAINING_PAIRS = 500_000
export const SESSION_PAIRS = 250_000

/**
 * Which left records train the model: a record is drawn when its seeded hash (a number in [0, 1))
 * is below a rate. The union of all rules has one rate, each rule's session its own; as every rate
 * uses the same draw, the samples nest, and a pair compared for the union serves the sessions too.
 */
export type SamplingPlan = { seed: number; union: number; rules: number[] }

/** A record's draw in [0, 1): the same on every run and in every thread. */
export function drawOf(i: number, seed: number): number {
  let h = Math.imul(i ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(seed + 0x27d4eb2d, 0xc2b2ae35)
  h ^= h >>> 16
  h = Math.imul(h, 0x7feb352d)
  h ^= h >>> 15
  h = Math.imul(h, 0x846ca68b)
  h ^= h >>> 16
  return (h >>> 0) / 2 ** 32
}

/**
 * The plan that keeps training within its budgets: candidate pairs are counted from block sizes
 * (no comparison), per rule; the union is bounded by their sum (or by "all pairs" when present).
 */
export function samplingPlan(
  space: CandidateSpace,
  seed = 1,
  budget = { union: TRAINING_PAIRS, session: SESSION_PAIRS },
): SamplingPlan & { estimated: number[] } {
  const rules = space.rightIndex.length
  const estimated = new Array<number>(rules).fill(0)
  for (let i = 0; i < space.left.size; i++)
    for (let r = 0; r < rules; r++) estimated[r]! += ruleCandidates(space, i, r)
  const union = space.uncapped >= 0 ? estimated[space.uncapped]! : estimated.reduce((a, b) => a + b, 0)
  const rate = (pairs: number, cap: number) => (pairs <= cap ? 1 : cap / pairs)
  const unionRate = rate(union, budget.union)
  return {
    seed,
    union: unionRate,
    // "all pairs" is the union itself: its session is the union's sample
    rules: estimated.map((n, r) => (r === space.uncapped ? unionRate : rate(n, budget.session))),
    estimated,
  }
}

export type TrainingCounts = {
  /** pattern counts of the union sample (each pair once) */
  counts: Float64Array
  /** per rule, pattern counts of its session's sample (every pair the rule lets through) */
  byRule: Float64Array
  /** pairs in each rule's sample */
  pairsByRule: Float64Array
  /** pairs and records in the union sample */
  pairs: number
  records: number
  /** pairs compared in all (the union's, and those of records drawn for a session only) */
  compared: number
}

/**
 * Counts the comparison patterns of the sampled left records in [from, to): a record in the union
 * sample has all its candidates compared once, and each pair also counts for every sampled rule that
 * lets it through (same key, block not skipped); a record drawn for a rule's session only has that
 * rule's candidates compared. Each pair is compared at most once per record.
 */
export function countSampled(space: CandidateSpace, from: number, to: number, plan: SamplingPlan) {
  const rules = space.rightIndex.length
  const counts = new Float64Array(PATTERN_COUNT)
  const byRule = new Float64Array(PATTERN_COUNT * rules)
  const pairsByRule = new Float64Array(rules)
  const open = new Uint8Array(rules)
  let top = plan.union
  for (const x of plan.rules) top = Math.max(top, x)
  let pairs = 0
  let records = 0
  let compared = 0
  for (let i = from; i < to; i++) {
    const h = drawOf(i, plan.seed)
    if (h >= top) continue
    for (let r = 0; r < rules; r++) open[r] = h < plan.rules[r]! && ruleCandidates(space, i, r) > 0 ? 1 : 0
    const inUnion = h < plan.union
    if (inUnion) {
      records++
      forEachCandidate(space, i, (j) => {
        const p = comparePair(space.left, i, space.right, j, space.words)
        counts[p]!++
        pairs++
        for (let r = 0; r < rules; r++)
          if (open[r] && metBy(space, r, i, j)) {
            byRule[r * PATTERN_COUNT + p]!++
            pairsByRule[r]!++
          }
      })
    }
    for (let r = 0; r < rules; r++) {
      if (!open[r] || inUnion) continue
      forEachCandidate(
        space,
        i,
        (j) => {
          byRule[r * PATTERN_COUNT + comparePair(space.left, i, space.right, j, space.words)]!++
          pairsByRule[r]!++
          compared++
        },
        r,
      )
    }
  }
  return { counts, byRule, pairsByRule, pairs, records, compared: compared + pairs } satisfies TrainingCounts
}

/** A task of u's estimate: random pairs [from, to) of the seeded sequence, or every pair of left rows [from, to). */
export type UTask = { kind: 'u'; from: number; to: number; seed: number; all: boolean }

/**
 * Level counts (field-major, MAX_LEVELS per field) of random pairs, for u. Pair s of the sequence
 * is drawn from s and the seed alone, so the estimate is the same however the work is split.
 */
export function countRandomPairs(space: CandidateSpace, task: UTask): Float64Array {
  const { left, right, words } = space
  const out = new Float64Array(FIELD_COUNT * MAX_LEVELS)
  const add = (i: number, j: number) => {
    const levels = levelsOf(comparePair(left, i, right, j, words))
    for (let f = 0; f < FIELD_COUNT; f++) out[f * MAX_LEVELS + levels[f]!]!++
  }
  const dedupe = space.mode === 'dedupe'
  if (task.all) {
    for (let i = task.from; i < task.to; i++) for (let j = dedupe ? i + 1 : 0; j < right.size; j++) add(i, j)
    return out
  }
  for (let s = task.from; s < task.to; s++) {
    const i = Math.floor(drawOf(2 * s, task.seed) * left.size)
    const j = Math.floor(drawOf(2 * s + 1, task.seed) * right.size)
    if (dedupe && i === j) continue
    add(i, j)
  }
  return out
}
