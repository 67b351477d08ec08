import {
  ALL_PAIRS_BUDGET,
  type BlockingRule,
  type BlockStats,
  blockingKeys,
  blockStats,
  DEFAULT_RULES,
  indexBlocks,
  RULE_FIELDS,
} from './blocking'
import { COMPARISONS, comparePair, levelsOf, PATTERN_COUNT } from './compare'
import {
  buildModel,
  estimateU,
  expectationMaximisation,
  type LinkageModel,
  mFromLabels,
  monotone,
  priorWeightOf,
  probabilityOf,
  scorerOf,
  sessionEm,
  weightOfProbability,
} from './model'
import { defaultThreads, runTasks } from './pool'
import { type PreparedRecords, Preparer } from './prepare'
import type { LinkRecord } from './record'
import { type CandidateSpace, MAX_LEVELS, type ScoredPairs, type Scorer, weightOf } from './score'

/**
 * The default threshold: a pair is reported when the model gives it at least this probability of
 * being one person. Chosen on the generated benchmarks (docs/decisions.md): lower adds false links
 * a tracer must reject, higher loses true ones that differ in two fields.
 */
export const DEFAULT_THRESHOLD = 0.9

export type LinkOptions = {
  threshold?: number
  /** a saved model to reuse instead of training */
  model?: LinkageModel
  /** pairs known to be one person (left id, right id): m is taken from them instead of EM */
  labels?: [string, string][]
  oneToOne?: boolean
  threads?: number
  /** blocks with more records than this are skipped, with a warning */
  blockCap?: number
  rules?: BlockingRule[]
  /** random pairs drawn to estimate u */
  uSamples?: number
  /** at most this many left records' candidates train the model */
  trainingRecords?: number
  onProgress?: (stage: 'prepare' | 'train' | 'score', done: number, total: number) => void
}

export type LinkedPair = { left: number; right: number; weight: number; pattern: number }

export type LinkResult = {
  mode: 'link' | 'dedupe'
  left: PreparedRecords
  right: PreparedRecords
  pairs: LinkedPair[]
  model: LinkageModel
  scorer: Scorer
  threshold: number
  candidates: number
  blocking: BlockStats[]
  warnings: string[]
  seconds: { prepare: number; train: number; score: number }
  /** for deduplication: the cluster of each record (records alone form their own) */
  clusters?: Int32Array
  /** the blocking keys and indexes the run used (for the blocking ceiling of a labelled set) */
  space: CandidateSpace
}

/** Links a list (left) to a register (right): scored pairs above the threshold. */
export function link(left: readonly LinkRecord[], right: readonly LinkRecord[], options: LinkOptions = {}) {
  return run('link', left, right, options)
}

/** Finds the records of one set that are one person, and groups them into clusters. */
export function dedupe(records: readonly LinkRecord[], options: LinkOptions = {}) {
  return run('dedupe', records, records, options)
}

async function run(
  mode: 'link' | 'dedupe',
  leftRecords: readonly LinkRecord[],
  rightRecords: readonly LinkRecord[],
  o: LinkOptions,
): Promise<LinkResult> {
  const threads = o.threads ?? defaultThreads()
  const threshold = o.threshold ?? DEFAULT_THRESHOLD
  if (!(threshold > 0 && threshold < 1))
    throw new Error(`threshold must be between 0 and 1, not ${threshold}`)
  const cap = o.blockCap ?? (mode === 'link' ? 5000 : 2000)
  const allPairs =
    mode === 'dedupe'
      ? (leftRecords.length * (leftRecords.length - 1)) / 2
      : leftRecords.length * rightRecords.length
  const rules: BlockingRule[] =
    o.rules ?? (allPairs <= ALL_PAIRS_BUDGET ? [...DEFAULT_RULES, 'all pairs'] : DEFAULT_RULES)
  const warnings: string[] = []
  const clock = stopwatch()

  o.onProgress?.('prepare', 0, 1)
  const preparer = new Preparer()
  const left = preparer.prepare(leftRecords)
  const right = mode === 'dedupe' ? left : preparer.prepare(rightRecords)
  const leftKeys = blockingKeys(left, rules)
  const rightKeys = mode === 'dedupe' ? leftKeys : blockingKeys(right, rules)
  const rightIndex = rightKeys.map(indexBlocks)
  const words = preparer.vocabulary.words
  const uncapped = rules.indexOf('all pairs')
  const space: CandidateSpace = { mode, left, right, leftKeys, rightKeys, rightIndex, cap, uncapped, words }
  const blocking = rules.map((rule, r) => blockStats(rule, rightIndex[r]!, cap))
  for (const b of blocking)
    if (b.capped > 0 && b.rule !== 'all pairs')
      warnings.push(
        `blocking rule ${b.rule}: ${b.capped} block(s) above ${cap} records skipped (largest ${b.largest})`,
      )
  o.onProgress?.('prepare', 1, 1)
  const prepareSeconds = clock()

  const model = o.model ?? (await train(space, rules, o, threads, warnings))
  const trainSeconds = clock()
  const prior = priorWeightOf(model, left.size, right.size, mode === 'dedupe')
  const scorer = scorerOf(model, prior, right, words.length)
  const minWeight = weightOfProbability(threshold)

  const chunk = mode === 'link' ? 500 : 5000
  const tasks = ranges(left.size, chunk).map(([from, to]) => ({
    kind: 'score' as const,
    from,
    to,
    minWeight,
  }))
  const found: ScoredPairs[] = []
  let candidates = 0
  let done = 0
  let skipped = 0
  await runTasks<ScoredPairs>(space, scorer, tasks, threads, (r, task) => {
    found.push(r)
    candidates += r.pairs
    skipped += r.skipped
    done += task.to - task.from
    o.onProgress?.('score', done, left.size)
  })
  let pairs: LinkedPair[] = []
  for (const r of found)
    for (let k = 0; k < r.left.length; k++)
      pairs.push({ left: r.left[k]!, right: r.right[k]!, weight: r.weight[k]!, pattern: r.pattern[k]! })
  pairs.sort((a, b) => b.weight - a.weight || a.left - b.left || a.right - b.right)
  if (o.oneToOne) pairs = bestPerLeft(pairs)
  const result: LinkResult = {
    mode,
    left,
    right,
    pairs,
    model,
    scorer,
    threshold,
    candidates,
    blocking,
    warnings,
    seconds: { prepare: prepareSeconds, train: trainSeconds, score: clock() },
    space,
  }
  if (skipped > 0) warnings.push(`${skipped} oversized block look-ups skipped`)
  if (mode === 'dedupe') result.clusters = clustersOf(left.size, pairs)
  return result
}

async function train(
  space: CandidateSpace,
  rules: readonly BlockingRule[],
  o: LinkOptions,
  threads: number,
  warnings: string[],
) {
  const { left, right, words } = space
  // inputs compared whole need fewer random pairs than a million to know u
  const u = estimateU(left, right, words, o.uSamples ?? (space.uncapped >= 0 ? 200_000 : 1_000_000))
  const trainingRecords = Math.min(left.size, o.trainingRecords ?? 50_000)
  const step = Math.max(1, Math.floor(left.size / trainingRecords))
  const counts = new Float64Array(PATTERN_COUNT)
  const byRule = new Float64Array(PATTERN_COUNT * rules.length)
  const pairsByRule = new Float64Array(rules.length)
  let sampledPairs = 0
  const tasks = ranges(left.size, Math.max(step, Math.ceil(left.size / 40))).map(([from, to]) => ({
    kind: 'count' as const,
    from,
    to,
    step,
  }))
  let done = 0
  type Counted = { counts: Float64Array; byRule: Float64Array; pairsByRule: Float64Array; pairs: number }
  await runTasks<Counted>(space, undefined, tasks, threads, (r, task) => {
    for (let p = 0; p < PATTERN_COUNT; p++) counts[p]! += r.counts[p]!
    for (let p = 0; p < byRule.length; p++) byRule[p]! += r.byRule[p]!
    for (let k = 0; k < rules.length; k++) pairsByRule[k]! += r.pairsByRule[k]!
    sampledPairs += r.pairs
    done += task.to - task.from
    o.onProgress?.('train', done, left.size)
  })
  const sampledRecords = Math.ceil(left.size / step)
  const labelled = o.labels?.length ? labelPatterns(space, o.labels) : []
  if (o.labels?.length && labelled.length < o.labels.length)
    warnings.push(`${o.labels.length - labelled.length} labelled pair(s) name ids not in the input; ignored`)

  let m: number[][]
  const sessions: NonNullable<LinkageModel['em']['sessions']> = []
  if (labelled.length > 0) {
    m = mFromLabels(labelled)
  } else {
    // one session per rule; each field's m is the mean of the sessions that did not block on it,
    // weighted by the matches each session expects
    const sum = COMPARISONS.map((c) => new Float64Array(c.levels.length))
    const weight = new Float64Array(COMPARISONS.length)
    rules.forEach((rule, r) => {
      if (pairsByRule[r]! < 20) return
      const include = COMPARISONS.map((c) => !RULE_FIELDS[rule].includes(c.field))
      const fit = sessionEm(byRule.subarray(r * PATTERN_COUNT, (r + 1) * PATTERN_COUNT), u, include)
      const expected = fit.lambda * pairsByRule[r]!
      const estimated = COMPARISONS.filter((_, f) => include[f]).map((c) => c.field)
      sessions.push({
        rule,
        pairs: pairsByRule[r]!,
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
  return buildModel(m, u, matchesPerRecord, em)
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

/** Each left record's best pair only: a list row names one person. */
function bestPerLeft(sorted: LinkedPair[]): LinkedPair[] {
  const taken = new Set<number>()
  return sorted.filter((p) => !taken.has(p.left) && taken.add(p.left))
}

/** Connected components of the linked pairs (union-find), each labelled by its smallest record. */
function clustersOf(n: number, pairs: LinkedPair[]): Int32Array {
  const parent = new Int32Array(n).map((_, i) => i)
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!
      x = parent[x]!
    }
    return x
  }
  for (const p of pairs) {
    const a = find(p.left)
    const b = find(p.right)
    if (a !== b) parent[Math.max(a, b)] = Math.min(a, b)
  }
  for (let i = 0; i < n; i++) parent[i] = find(i)
  return parent
}

/** Why a pair scored as it did: each field's level and the weight it added. */
export function explainPair(result: Pick<LinkResult, 'scorer' | 'right'>, pair: LinkedPair) {
  const levels = levelsOf(pair.pattern)
  const fields = COMPARISONS.map((c, f) => ({
    field: c.field,
    level: c.levels[levels[f]!]!,
    weight: result.scorer.weights[f * MAX_LEVELS + levels[f]!]!,
  }))
  // the name-frequency adjustment belongs to the name field that agreed
  if (levels[0] === 4)
    fields[0]!.weight += result.scorer.surnameTf[result.right.surnameCanon[pair.right]!] ?? 0
  if (levels[1] === 4) fields[1]!.weight += result.scorer.givenTf[result.right.givenCanon[pair.right]!] ?? 0
  const total = weightOf(result.scorer, pair.pattern, result.right, pair.right)
  return { fields, prior: result.scorer.prior, weight: total, probability: probabilityOf(total) }
}

function ranges(n: number, size: number): [number, number][] {
  const out: [number, number][] = []
  for (let from = 0; from < n; from += size) out.push([from, Math.min(n, from + size)])
  return out
}

function stopwatch() {
  let last = performance.now()
  return () => {
    const now = performance.now()
    const s = (now - last) / 1000
    last = now
    return Math.round(s * 100) / 100
  }
}
