import { existsSync, renameSync, rmSync } from 'node:fs'
import path from 'node:path'
import { progressBar } from '../src/cli/context'
import { writeScenario } from '../src/generate/run'
import type { ScenarioOptions } from '../src/generate/scenarios'
import { dedupe, type LinkResult, link } from '../src/linkage/engine'
import { pairQuality, pairsWithinGroups } from '../src/linkage/evaluate'
import { readLinkFile } from '../src/linkage/read'
import { blockedTogether } from '../src/linkage/score'
import { type Benchmark, peakRssMiB } from './lib'

/**
 * The linkage engine on labelled sets it was not shaped around (the shared data folder, when
 * present: fake_1000 and FEBRL 3, deduplicated) and on the generator's hard scenario (a 2,000-row
 * list in several scripts and spellings against a 20,000-person register, one-to-one). For each:
 * the blocking ceiling (share of true pairs any rule lets through), pairs compared, precision,
 * recall and F1 of pairs and of clusters, wall time and the trained weights.
 */
const DATA = process.env.PARLEY_LINKAGE_DATA ?? path.resolve('../shared/data/linkage')

const bench: Benchmark = {
  description: 'linkage quality on labelled sets made elsewhere and on the hard generated scenario',
  sizes: ['default'],
  async run({ args }) {
    const only = args.includes('--set') ? args[args.indexOf('--set') + 1] : undefined
    const figures: Record<string, number | string | null> = {}
    const params: Record<string, unknown> = { data: DATA }
    const sets: [string, () => Promise<Measured | null>][] = [
      ['fake1000', () => dedupeSet('fake_1000.csv', (r, x) => x.cluster![r]!, ['cluster'])],
      ['febrl3', () => dedupeSet('febrl3.csv', (_r, _x, id) => id.replace(/^rec-(\d+)-.*$/, '$1'), [])],
      ['hard', hardScenario],
      // task B's independent check: a list written by corruption code of its own, and a rule-based baseline
      ['crossScript', async () => (await import('./cross-script-set')).measureCrossScript()],
    ]
    for (const [name, measure] of sets) {
      if (only && only !== name) continue
      const m = await measure()
      if (!m) {
        console.log(`${name}: absent, skipped`)
        figures[`${name}Skipped`] = 'absent'
        continue
      }
      for (const [k, v] of Object.entries(m.figures))
        figures[`${name}${k[0]!.toUpperCase()}${k.slice(1)}`] = v
      params[name] = m.params
      console.log(`${name}: ${JSON.stringify(m.figures)}`)
      console.log(`  trained: ${JSON.stringify(m.params.em)}`)
      for (const line of m.weights) console.log(`  ${line}`)
    }
    figures.peakRssMiB = peakRssMiB()
    return { params, figures }
  },
}
export default bench

type Measured = { figures: Record<string, number>; params: Record<string, unknown>; weights: string[] }

async function dedupeSet(
  file: string,
  truthOf: (row: number, extras: Record<string, string[]>, id: string) => string,
  extraColumns: string[],
): Promise<Measured | null> {
  const full = path.join(DATA, file)
  if (!existsSync(full)) return null
  const input = await readLinkFile(full, { extraColumns })
  const started = performance.now()
  const result = await dedupe(input.records)
  const seconds = (performance.now() - started) / 1000
  const groupOf = new Map(input.records.map((r, i) => [r.id, truthOf(i, input.extras, r.id)]))
  const truth = pairsWithinGroups(groupOf)
  const clusters = result.clusters!
  const clusterOf = new Map(result.left.ids.map((id, i) => [id, String(clusters[i])]))
  return measured(result, truth, pairsWithinGroups(clusterOf), seconds, {
    file,
    records: input.records.length,
  })
}

async function hardScenario(): Promise<Measured> {
  const options: ScenarioOptions = {
    seed: 21,
    persons: 20_000,
    nationality: 'UA',
    listRows: 2_000,
    matchShare: 0.8,
    duplicateShare: 0,
    difficulty: 'hard',
  }
  const dir = await scenario(options, 'linkage-quality-hard-20k')
  const left = await readLinkFile(path.join(dir, 'list.csv'), { extraColumns: ['true_person_id'] })
  const right = await readLinkFile(path.join(dir, 'register.csv'))
  const started = performance.now()
  const result = await link(left.records, right.records, { oneToOne: true })
  const seconds = (performance.now() - started) / 1000
  const truth = left.records
    .map((r, i) => [r.id, left.extras.true_person_id![i]!] as [string, string])
    .filter(([, t]) => t !== '')
  return measured(result, truth, null, seconds, { options })
}

function measured(
  result: LinkResult,
  truth: [string, string][],
  clusterPairs: [string, string][] | null,
  seconds: number,
  params: Record<string, unknown>,
): Measured {
  const found = result.pairs.map(
    (p) => [result.left.ids[p.left]!, result.right.ids[p.right]!] as [string, string],
  )
  const q = pairQuality(found, truth)
  const c = clusterPairs ? pairQuality(clusterPairs, truth) : q
  const leftAt = new Map(result.left.ids.map((id, i) => [id, i]))
  const rightAt = result.mode === 'dedupe' ? leftAt : new Map(result.right.ids.map((id, i) => [id, i]))
  let through = 0
  for (const [a, b] of truth) {
    const i = leftAt.get(a)
    const j = rightAt.get(b)
    if (i === undefined || j === undefined) continue
    if (
      blockedTogether(result.space, i, j) ||
      (result.mode === 'dedupe' && blockedTogether(result.space, j, i))
    )
      through++
  }
  const weights = result.model.fields.map(
    (f) =>
      `${f.field.padEnd(15)} ${f.levels
        .slice(1)
        .map((l) => `${l.level}: ${Math.log2(l.m / l.u).toFixed(2)}`)
        .join('; ')}`,
  )
  return {
    figures: {
      blockingCeiling: round(truth.length ? through / truth.length : 1, 4),
      pairsCompared: result.candidates,
      truePairs: truth.length,
      precision: round(q.precision, 4),
      recall: round(q.recall, 4),
      f1: round(q.f1, 4),
      clusterPrecision: round(c.precision, 4),
      clusterRecall: round(c.recall, 4),
      clusterF1: round(c.f1, 4),
      seconds: round(seconds, 2),
    },
    params: { ...params, em: result.model.em, weights, warnings: result.warnings },
    weights,
  }
}

async function scenario(options: ScenarioOptions, name: string) {
  const dir = path.resolve('bench/.data', name)
  if (existsSync(dir)) return dir
  const partial = `${dir}.partial`
  rmSync(partial, { recursive: true, force: true })
  const progress = progressBar(`writing ${name}`)
  await writeScenario('list', options, partial, ['csv'], (done, total) => progress.update(done, total))
  progress.stop()
  renameSync(partial, dir)
  return dir
}

function round(x: number, digits = 2) {
  return Number(x.toFixed(digits))
}
