import { ALL_PAIRS_BUDGET, type BlockingRule, type BlockStats, blockStats, DEFAULT_RULES } from './blocking'
import { COMPARISONS, levelsOf } from './compare'
import { type LinkageModel, priorWeightOf, probabilityOf, scorerOf, weightOfProbability } from './model'
import { defaultThreads, runTasks } from './pool'
import { type PreparedRecords, Preparer } from './prepare'
import type { LinkRecord } from './record'
import {
  type CandidateSpace,
  candidateSpace,
  MAX_LEVELS,
  type ScoredPairs,
  type Scorer,
  weightOf,
} from './score'
import { ranges, type TrainingSample, train } from './train'

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
  /** blocks with more records than this are split by their rule's second key (SUB_BLOCK) */
  subBlock?: number
  rules?: BlockingRule[]
  /** random pairs drawn to estimate u */
  uSamples?: number
  /** candidate pairs sampled for the all-rules EM (default 500,000) and per rule's session (250,000) */
  trainingPairs?: number
  sessionPairs?: number
  onProgress?: (stage: 'prepare' | 'train' | 'score', done: number, total: number) => void
  /**
   * Stops the run (a cancelled job, a worker that lost its lease): checked between slices of
   * preparation, between the stages and between every task of training and scoring, so the cores
   * are freed within a task's time (a fraction of a second to a few seconds on a million).
   */
  signal?: AbortSignal
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
  /** candidates compared on every field; the others could not reach the threshold and were cut short */
  fullyScored: number
  blocking: BlockStats[]
  warnings: string[]
  seconds: { prepare: number; train: number; score: number }
  /** processor time of each stage, all threads together: what a loaded machine does not inflate */
  cpuSeconds: { prepare: number; train: number; score: number }
  /** the threads the run used */
  threads: number
  /** the samples training compared (absent when a saved model was used) */
  training?: TrainingSample
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
  const cpuClock = cpuStopwatch()

  o.onProgress?.('prepare', 0, 1)
  const preparer = new Preparer()
  const left = await preparer.prepareInSlices(leftRecords, o.signal)
  const right = mode === 'dedupe' ? left : await preparer.prepareInSlices(rightRecords, o.signal)
  const words = preparer.vocabulary.words
  const space = candidateSpace(mode, left, right, rules, words, cap, o.subBlock)
  await checkpoint(o.signal)
  const blocking = rules.map((rule, r) => blockStats(rule, space.rightIndex[r]!))
  for (const b of blocking)
    if (b.capped > 0)
      warnings.push(
        `blocking rule ${b.rule}: ${b.capped} block(s) above ${cap} records skipped (largest ${b.largest})`,
      )
  o.onProgress?.('prepare', 1, 1)
  const prepareSeconds = clock()
  const prepareCpu = cpuClock()

  // training sees the blocks whole, as Splink trains on its rules: in a block split by the given
  // name's initial most strangers share a given name, and a session would learn namesakes as matches
  // (measured on the 1M register: EM did not converge and put the match share at 0.22, not 0.0005)
  const trained = o.model
    ? undefined
    : await train(
        candidateSpace(mode, left, right, rules, words, cap, Number.POSITIVE_INFINITY),
        rules,
        o,
        threads,
        warnings,
      )
  await checkpoint(o.signal)
  const model = o.model ?? trained!.model
  const trainSeconds = clock()
  const trainCpu = cpuClock()
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
  let fullyScored = 0
  let done = 0
  let skipped = 0
  await runTasks<ScoredPairs>(
    space,
    scorer,
    tasks,
    threads,
    (r, task) => {
      found.push(r)
      candidates += r.pairs
      fullyScored += r.full
      skipped += r.skipped
      done += task.to - task.from
      o.onProgress?.('score', done, left.size)
    },
    o.signal,
  )
  o.signal?.throwIfAborted()
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
    fullyScored,
    blocking,
    warnings,
    seconds: { prepare: prepareSeconds, train: trainSeconds, score: clock() },
    cpuSeconds: { prepare: prepareCpu, train: trainCpu, score: cpuClock() },
    threads,
    space,
  }
  if (trained) result.training = trained.sample
  if (skipped > 0) warnings.push(`${skipped} oversized block look-ups skipped`)
  if (mode === 'dedupe') result.clusters = clustersOf(left.size, pairs)
  return result
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

/** A turn of the event loop (a heartbeat, a cancel) between two long synchronous steps. */
async function checkpoint(signal: AbortSignal | undefined) {
  if (!signal) return
  await new Promise((resolve) => setImmediate(resolve))
  signal.throwIfAborted()
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

/** Processor seconds of this process (every thread) since the last call. */
function cpuStopwatch() {
  let last = process.cpuUsage()
  return () => {
    const now = process.cpuUsage()
    const s = (now.user - last.user + now.system - last.system) / 1e6
    last = now
    return Math.round(s * 100) / 100
  }
}
