import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs'
import path from 'node:path'
import { parse } from 'csv-parse/sync'
import { progressBar } from '../src/cli/context'
import { writeScenario } from '../src/generate/run'
import type { ScenarioOptions } from '../src/generate/scenarios'
import { DEFAULT_THRESHOLD, dedupe, type LinkResult, link } from '../src/linkage/engine'
import { pairQuality, pairsWithinGroups } from '../src/linkage/evaluate'
import { weightOfProbability } from '../src/linkage/model'
import { readLinkFile } from '../src/linkage/read'
import { type Benchmark, peakRssMiB } from './lib'
import { sizeToCount } from './support'

const LIST_ROWS = 10_000

/**
 * The linkage engine on generated scenarios with ground truth: a list of 10,000 rows (four in five
 * corrupted copies of register persons, many in the other script) against a register, and a
 * register with 5% duplicates against itself. Scenario files are kept in bench/.data between runs.
 */
const bench: Benchmark = {
  description:
    'record linkage: a 10k list against a register, and deduplication of a register (quality and speed)',
  sizes: ['100k', '1m'],
  async run({ size, args }) {
    const persons = sizeToCount(size, 100_000)
    const only = args.includes('--link-only') ? 'link' : args.includes('--dedupe-only') ? 'dedupe' : 'both'
    const figures: Record<string, number | string | null> = {}
    const params: Record<string, unknown> = { persons, listRows: LIST_ROWS, duplicateShare: 0.05 }
    if (only !== 'dedupe') Object.assign(figures, await linkList(persons, params))
    if (only !== 'link') Object.assign(figures, await dedupeRegister(persons, params))
    figures.peakRssMiB = peakRssMiB()
    return { params, figures }
  },
}
export default bench

async function linkList(persons: number, params: Record<string, unknown>) {
  const options: ScenarioOptions = {
    seed: 11,
    persons,
    nationality: 'mixed',
    listRows: LIST_ROWS,
    matchShare: 0.8,
    duplicateShare: 0.02,
    // cross-script: half the list's names romanised by one standard or another
    rates: { transliterated: 0.4, informal_latin: 0.1 },
  }
  const dir = await scenario('list', options, `linkage-list-${persons}`)
  const left = await readLinkFile(path.join(dir, 'list.csv'), { extraColumns: ['true_person_id'] })
  const right = await readLinkFile(path.join(dir, 'register.csv'))
  const started = performance.now()
  // scored down to 0.5, so quality can be read at other thresholds; figures are at the default
  const result = await link(left.records, right.records, { onProgress: bar('link'), threshold: 0.5 })
  const seconds = (performance.now() - started) / 1000
  const truth = left.records
    .map((r, i) => [r.id, left.extras.true_person_id![i]!] as [string, string])
    .filter(([, t]) => t !== '')
  const sweep = thresholdSweep(result, truth)
  const all = pairQuality(idPairs(atDefault(result)), truth)
  const best = new Set<number>()
  const oneToOne = pairQuality(
    idPairs({
      ...result,
      pairs: atDefault(result).pairs.filter((p) => !best.has(p.left) && best.add(p.left)),
    }),
    truth,
  )
  params.link = {
    threshold: DEFAULT_THRESHOLD,
    f1ByThreshold: sweep,
    blocking: result.blocking,
    model: result.model.em,
    training: result.training,
  }
  return {
    linkSeconds: round(seconds),
    ...stages('link', result),
    linkPairsFound: all.found,
    linkPrecision: round(all.precision, 4),
    linkRecall: round(all.recall, 4),
    linkF1: round(all.f1, 4),
    linkOneToOnePrecision: round(oneToOne.precision, 4),
    linkOneToOneRecall: round(oneToOne.recall, 4),
    linkOneToOneF1: round(oneToOne.f1, 4),
    linkPeakRssMiB: peakRssMiB(),
  }
}

async function dedupeRegister(persons: number, params: Record<string, unknown>) {
  const options: ScenarioOptions = {
    seed: 12,
    persons: Math.round(persons * 0.95),
    nationality: 'mixed',
    listRows: 0,
    matchShare: 0,
    duplicateShare: 0.05,
  }
  const dir = await scenario('duplicates', options, `linkage-dedupe-${persons}`)
  const input = await readLinkFile(path.join(dir, 'register.csv'))
  const truth = parse(readFileSync(path.join(dir, 'duplicates-truth.csv')), { columns: true }) as {
    id: string
    duplicate_of: string
  }[]
  const started = performance.now()
  const result = await dedupe(input.records, { onProgress: bar('dedupe'), threshold: 0.5 })
  const seconds = (performance.now() - started) / 1000
  const groupOf = new Map(input.records.map((r) => [r.id, r.id]))
  for (const t of truth) if (t.duplicate_of) groupOf.set(t.id, t.duplicate_of)
  const truePairs = pairsWithinGroups(groupOf)
  const q = pairQuality(idPairs(atDefault(result)), truePairs)
  params.dedupe = {
    records: input.records.length,
    threshold: DEFAULT_THRESHOLD,
    f1ByThreshold: thresholdSweep(result, truePairs),
    blocking: result.blocking,
    model: result.model.em,
    training: result.training,
  }
  return {
    dedupeRecords: input.records.length,
    dedupeSeconds: round(seconds),
    ...stages('dedupe', result),
    dedupePairsFound: q.found,
    dedupePrecision: round(q.precision, 4),
    dedupeRecall: round(q.recall, 4),
    dedupeF1: round(q.f1, 4),
  }
}

/**
 * Each stage's wall and processor seconds, and the score stage's speed: candidate pairs fully
 * compared and weighed per second per core, from wall time × threads and from processor time
 * (the second is what a machine shared with other work does not distort).
 */
function stages(prefix: 'link' | 'dedupe', result: LinkResult) {
  const { seconds, cpuSeconds, candidates, threads } = result
  return {
    [`${prefix}PrepareSeconds`]: seconds.prepare,
    [`${prefix}TrainSeconds`]: seconds.train,
    [`${prefix}ScoreSeconds`]: seconds.score,
    [`${prefix}PrepareCpuSeconds`]: cpuSeconds.prepare,
    [`${prefix}TrainCpuSeconds`]: cpuSeconds.train,
    [`${prefix}ScoreCpuSeconds`]: cpuSeconds.score,
    [`${prefix}Threads`]: threads,
    [`${prefix}TrainingPairsCompared`]: result.training
      ? result.training.comparedPairs + result.training.uPairs
      : 0,
    [`${prefix}PairsCompared`]: candidates,
    [`${prefix}ScoredPairsPerSecondPerCore`]: Math.round(
      candidates / Math.max(0.01, seconds.score * threads),
    ),
    [`${prefix}ScoredPairsPerCpuSecond`]: Math.round(candidates / Math.max(0.01, cpuSeconds.score)),
    // candidates compared on every field (the others were cut short: they could not pass)
    [`${prefix}PairsFullyScored`]: result.fullyScored,
    [`${prefix}FullyScoredPairsPerSecondPerCore`]: Math.round(
      result.fullyScored / Math.max(0.01, seconds.score * threads),
    ),
    [`${prefix}FullyScoredPairsPerCpuSecond`]: Math.round(
      result.fullyScored / Math.max(0.01, cpuSeconds.score),
    ),
    [`${prefix}BlocksSplit`]: result.blocking.reduce((n, b) => n + b.split, 0),
    [`${prefix}BlocksCapped`]: result.blocking.reduce((n, b) => n + b.capped, 0),
  }
}

/** The pairs at the engine's default threshold (the run scored down to 0.5). */
function atDefault(result: LinkResult): LinkResult {
  const min = weightOfProbability(DEFAULT_THRESHOLD)
  return { ...result, pairs: result.pairs.filter((p) => p.weight >= min) }
}

function thresholdSweep(result: LinkResult, truth: [string, string][]) {
  return Object.fromEntries(
    [0.5, 0.8, 0.9, 0.95, 0.99].map((t) => {
      const min = weightOfProbability(t)
      const q = pairQuality(idPairs({ ...result, pairs: result.pairs.filter((p) => p.weight >= min) }), truth)
      return [t, { precision: round(q.precision, 4), recall: round(q.recall, 4), f1: round(q.f1, 4) }]
    }),
  )
}

function idPairs(result: Pick<LinkResult, 'pairs' | 'left' | 'right'>): [string, string][] {
  return result.pairs.map((p) => [result.left.ids[p.left]!, result.right.ids[p.right]!])
}

/** The scenario's folder under bench/.data, written once (in a temporary folder, then renamed). */
async function scenario(kind: 'list' | 'duplicates', options: ScenarioOptions, name: string) {
  const dir = path.resolve('bench/.data', name)
  if (existsSync(dir)) return dir
  const partial = `${dir}.partial`
  rmSync(partial, { recursive: true, force: true })
  const progress = progressBar(`writing ${name}`)
  await writeScenario(kind, options, partial, ['csv'], (done, total) => progress.update(done, total))
  progress.stop()
  renameSync(partial, dir)
  return dir
}

function bar(label: string) {
  const bars = new Map<string, ReturnType<typeof progressBar>>()
  return (stage: string, done: number, total: number) => {
    let b = bars.get(stage)
    if (!b) {
      b = progressBar(`${label}: ${stage}`)
      bars.set(stage, b)
    }
    b.update(done, total)
    if (done >= total) b.stop()
  }
}

function round(x: number, digits = 2) {
  return Number(x.toFixed(digits))
}
