import { type BlockingRule, RULE_FIELDS } from './blocking'
import { COMPARISONS, comparePair, PATTERN_COUNT } from './compare'
import {
  buildModel,
  expectationMaximisation,
  type LinkageModel,
  mFromLabels,
  monotone,
  sessionEm,
  uFromLevelCounts,
} from './model'
import { runTasks } from './pool'
import {
  type SamplingPlan,
  SESSION_PAIRS,
  samplingPlan,
  TRAINING_PAIRS,
  type TrainingCounts,
  type UTask,
} from './sample'
import { type CandidateSpace, MAX_LEVELS } from './score'
import type { WorkerTask } from './worker'

export type TrainOptions = {
  labels?: [string, string][]
  /** random pairs drawn to estimate u */
  uSamples?: number
  /** candidate pairs compared for the all-rules EM, and for each rule's session */
  trainingPairs?: number
  sessionPairs?: number
  /** the seed of every sample (records and random pairs) */
  seed?: number
  onProgress?: (stage: 'train', done: number, total: number) => void
  /** stops training between tasks (see LinkOptions.signal) */
  signal?: AbortSignal
}

/** What training did, for the report: the samples' sizes and the time they took. */
export type TrainingSample = {
  uPairs: number
  /** candidate pairs compared for training (the union's sample and the sessions' extra records) */
  comparedPairs: number
  unionRate: number
  unionPairs: number
  sessionRates: number[]
  sessionPairs: number[]
}

// Random pairs per u task: small enough to share between threads, large enough to cost little.
const U_CHUNK = 50_000

/**
 * Trains a model Splink's way, on bounded samples: u from seeded random pairs, m per blocking rule
 * by EM over a sample of that rule's candidates (each field learnt only in sessions that do not
 * block on it), then the match share of all candidates with m and u held. Samples are drawn from a
 * seeded hash of each record, so a run gives the same model on any number of threads.
 */
export async function train(
  space: CandidateSpace,
  rules: readonly BlockingRule[],
  o: TrainOptions,
  threads: number,
  warnings: string[],
): Promise<{ model: LinkageModel; sample: TrainingSample }> {
  const { left, right } = space
  const seed = o.seed ?? 1
  // inputs compared whole need fewer random pairs than a million to know u
  const uSamples = o.uSamples ?? (space.uncapped >= 0 ? 200_000 : 1_000_000)
  const allPairs = space.mode === 'dedupe' ? (left.size * (left.size - 1)) / 2 : left.size * right.size
  // few enough to take every pair: exact, and no time lost drawing a million from three records
  const uAll = allPairs <= uSamples
  const uRowsPerTask = Math.max(1, Math.floor(U_CHUNK / Math.max(1, right.size)))
  const uTasks: UTask[] = (uAll ? ranges(left.size, uRowsPerTask) : ranges(uSamples, U_CHUNK)).map(
    ([from, to]) => ({ kind: 'u', from, to, seed, all: uAll }),
  )
  const plan = samplingPlan(space, seed, {
    union: o.trainingPairs ?? TRAINING_PAIRS,
    session: o.sessionPairs ?? SESSION_PAIRS,
  })
  o.signal?.throwIfAborted()
  const countTasks = sampledRanges(left.size, plan).map(([from, to]) => ({
    kind: 'count' as const,
    from,
    to,
    plan: { seed: plan.seed, union: plan.union, rules: plan.rules } satisfies SamplingPlan,
  }))

  const uCounts = new Float64Array(COMPARISONS.length * MAX_LEVELS)
  const counts = new Float64Array(PATTERN_COUNT)
  const byRule = new Float64Array(PATTERN_COUNT * rules.length)
  const pairsByRule = new Float64Array(rules.length)
  let sampledPairs = 0
  let sampledRecords = 0
  let comparedPairs = 0
  const tasks: WorkerTask[] = [...countTasks, ...uTasks]
  let done = 0
  await runTasks<TrainingCounts | Float64Array>(
    space,
    undefined,
    tasks,
    threads,
    (r) => {
      if (r instanceof Float64Array) {
        for (let k = 0; k < r.length; k++) uCounts[k]! += r[k]!
      } else {
        for (let p = 0; p < PATTERN_COUNT; p++) counts[p]! += r.counts[p]!
        for (let p = 0; p < byRule.length; p++) byRule[p]! += r.byRule[p]!
        for (let k = 0; k < rules.length; k++) pairsByRule[k]! += r.pairsByRule[k]!
        sampledPairs += r.pairs
        sampledRecords += r.records
        comparedPairs += r.compared
      }
      o.onProgress?.('train', ++done, tasks.length)
    },
    o.signal,
  )
  const u = uFromLevelCounts(uCounts)
  const labelled = o.labels?.length ? labelPatterns(space, o.labels) : []
  if (o.labels?.length && labelled.length < o.labels.length)
    warnings.push(`${o.labels.length - labelled.length} labelled pair(s) name ids not in the input; ignored`)

  let m: number[][]
  const sessions: NonNullable<LinkageModel['em']['sessions']> = []
  if (labelled.length > 0) {
    m = mFromLabels(labelled)
  } else {
    // one session per rule; each field's m is the mean of the sessions that did not block on it,
    // weighted by the matches each session expects (its sample scaled back to all its candidates)
    const sum = COMPARISONS.map((c) => new Float64Array(c.levels.length))
    const weight = new Float64Array(COMPARISONS.length)
    rules.forEach((rule, r) => {
      if (pairsByRule[r]! < 20) return
      const include = COMPARISONS.map((c) => !RULE_FIELDS[rule].includes(c.field))
      const fit = sessionEm(byRule.subarray(r * PATTERN_COUNT, (r + 1) * PATTERN_COUNT), u, include)
      const candidates = pairsByRule[r]! / plan.rules[r]!
      const expected = fit.lambda * candidates
      const estimated = COMPARISONS.filter((_, f) => include[f]).map((c) => c.field)
      sessions.push({
        rule,
        pairs: Math.round(candidates),
        sampled: pairsByRule[r]!,
        iterations: fit.iterations,
        converged: fit.converged,
        estimated,
      })
      if (!fit.converged) warnings.push(`training on ${rule}: EM stopped after ${fit.iterations} iterations`)
      COMPARISONS.forEach((_, f) => {
        if (!include[f]) return
        weight[f]! += expected
        fit.m[f]!.forEach((x, l) => {
          sum[f]![l]! += x * expected
        })
      })
    })
    // a field no session could estimate (every rule blocks on it, or too few pairs) takes the
    // all-candidates EM's m
    const fallback = weight.some((w) => w === 0) ? expectationMaximisation(counts).m : undefined
    m = COMPARISONS.map((_, f) => (weight[f]! > 0 ? [...sum[f]!].map((x) => x / weight[f]!) : fallback![f]!))
  }
  m = monotone(m, u)
  // the share of matches among all candidates, with m and u held: the prior for scoring
  const mix = sessionEm(
    counts,
    u,
    COMPARISONS.map(() => true),
    { initialM: m, holdM: true },
  )
  const em: LinkageModel['em'] = {
    iterations: Math.max(mix.iterations, ...sessions.map((x) => x.iterations)),
    converged: mix.converged && sessions.every((x) => x.converged),
    matchShareOfCandidates: mix.lambda,
    fromLabels: labelled.length,
    sessions,
  }
  const matchesPerRecord = (mix.lambda * sampledPairs) / Math.max(1, sampledRecords)
  return {
    model: buildModel(m, u, matchesPerRecord, em),
    sample: {
      uPairs: uAll ? allPairs : uSamples,
      comparedPairs,
      unionRate: plan.union,
      unionPairs: sampledPairs,
      sessionRates: plan.rules,
      sessionPairs: [...pairsByRule],
    },
  }
}

/**
 * Ranges of left records holding about equal shares of the sampled work: by rows, but never more
 * than 40 tasks (each returns its pattern counts, 84,000 numbers per rule).
 */
function sampledRanges(n: number, plan: SamplingPlan): [number, number][] {
  return ranges(n, Math.max(1, Math.ceil(n / (plan.union >= 1 ? 40 : 16))))
}

function labelPatterns(space: CandidateSpace, labels: [string, string][]): number[] {
  const leftAt = new Map(space.left.ids.map((id, i) => [id, i]))
  const rightAt = space.mode === 'dedupe' ? leftAt : new Map(space.right.ids.map((id, i) => [id, i]))
  const patterns: number[] = []
  for (const [l, r] of labels) {
    const i = leftAt.get(l)
    const j = rightAt.get(r)
    if (i !== undefined && j !== undefined)
      patterns.push(comparePair(space.left, i, space.right, j, space.words))
  }
  return patterns
}

export function ranges(n: number, size: number): [number, number][] {
  const out: [number, number][] = []
  for (let from = 0; from < n; from += size) out.push([from, Math.min(n, from + size)])
  return out
}
