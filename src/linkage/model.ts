import { NAME_KEY_VERSION } from '../names/key'
import { COMPARISONS, comparePair, FIELD_COUNT, LEVEL_COUNTS, levelsOf, PATTERN_COUNT } from './compare'
import type { PreparedRecords } from './prepare'
import { MAX_LEVELS, type Scorer } from './score'

/**
 * A Fellegi-Sunter model: for each field, the probability of each level among true matches (m) and
 * among random pairs (u), and the prior chance that two random records are one person.
 */
export type LinkageModel = {
  format: 'parley-linkage-model'
  version: 1
  /** name keys change with the engine; a model made with other keys would mislead */
  nameKeyVersion: number
  trainedAt: string
  /**
   * Expected true matches per left record (linking) or per record (deduplicating): the prior of a
   * run is derived from it and the run's sizes, so a model trained on one list serves the next.
   */
  matchesPerRecord: number
  fields: { field: string; levels: { level: string; m: number; u: number }[] }[]
  em: {
    iterations: number
    converged: boolean
    matchShareOfCandidates: number
    fromLabels: number
    /** one per blocking rule trained on: which fields it estimated, and whether EM converged */
    sessions?: {
      rule: string
      /** the rule's candidate pairs, and how many of them the session's sample compared */
      pairs: number
      sampled?: number
      iterations: number
      converged: boolean
      estimated: string[]
    }[]
  }
}

// A level never seen would give an infinite weight; Splink clamps the same way.
const FLOOR = 1e-6

const PRIOR_STRANGERS = 1000

/**
 * u: the chance of each level between two records picked at random, which are almost never one
 * person. Counting over many random pairs is direct and needs no labels.
 */
export function estimateU(
  left: PreparedRecords,
  right: PreparedRecords,
  words: readonly string[],
  samples: number,
  seed = 1,
): number[][] {
  const counts = LEVEL_COUNTS.map((n) => new Float64Array(n))
  let state = seed >>> 0
  const next = (n: number) => {
    state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0
    return state % n
  }
  const add = (i: number, j: number) => {
    const levels = levelsOf(comparePair(left, i, right, j, words))
    for (let f = 0; f < FIELD_COUNT; f++) counts[f]![levels[f]!]!++
  }
  if (left.size * right.size <= samples) {
    // few enough to take every pair: exact, and no time lost drawing a million from three records
    for (let i = 0; i < left.size; i++)
      for (let j = left === right ? i + 1 : 0; j < right.size; j++) add(i, j)
    return withStrangers(counts)
  }
  for (let s = 0; s < samples; s++) {
    const i = next(left.size)
    const j = next(right.size)
    if (left === right && i === j) continue
    add(i, j)
  }
  return withStrangers(counts)
}

/** u from level counts of random pairs (field-major, MAX_LEVELS per field), as workers return them. */
export function uFromLevelCounts(flat: Float64Array): number[][] {
  return withStrangers(LEVEL_COUNTS.map((n, f) => flat.slice(f * MAX_LEVELS, f * MAX_LEVELS + n)))
}

/**
 * Adds a thousand imagined pairs that differ on every field given anywhere: negligible against a
 * million drawn, but on an input of a few rows they keep "same name" from looking common among
 * strangers. A field no record gives is left alone (its weights stay 0).
 */
function withStrangers(counts: Float64Array[]): number[][] {
  for (const c of counts) if (c.subarray(1).some((x) => x > 0)) c[1]! += PRIOR_STRANGERS
  return counts.map((c) => normalise(c))
}

/** Shares of each level among the pairs where the field is given (level 0, "missing", is left out). */
function normalise(c: Float64Array): number[] {
  let total = 0
  for (let l = 1; l < c.length; l++) total += c[l]!
  return [...c].map((x, l) => (l === 0 ? 1 : Math.max(FLOOR, (x + 0.5) / (total + 0.5 * (c.length - 1)))))
}

export type EmResult = {
  m: number[][]
  uCandidates: number[][]
  lambda: number
  iterations: number
  converged: boolean
}

/**
 * m by expectation-maximisation over the candidate pairs' pattern counts, without labels: a
 * two-class latent model (match, non-match) with both classes' level shares and their mix free.
 * Working on distinct patterns, not pairs, makes each iteration cost the same at any size.
 */
export function expectationMaximisation(
  counts: Float64Array,
  o: { maxIterations?: number; initialM?: number[][]; holdM?: boolean } = {},
): EmResult {
  const maxIterations = o.maxIterations ?? 100
  const patterns: number[] = []
  const weights: number[] = []
  for (let p = 0; p < PATTERN_COUNT; p++)
    if (counts[p]! > 0) {
      patterns.push(p)
      weights.push(counts[p]!)
    }
  const levels = patterns.map(levelsOf)
  // start: matches agree on everything most of the time, non-matches look like all candidates
  let m =
    o.initialM ??
    LEVEL_COUNTS.map((n) => Array.from({ length: n }, (_, l) => (l === 0 ? 1 : 2 ** (l - n + 1))))
  let u = LEVEL_COUNTS.map((n, f) => {
    const c = new Float64Array(n)
    levels.forEach((lv, k) => {
      c[lv[f]!]! += weights[k]!
    })
    return normalise(c)
  })
  m = m.map((row) => normaliseRow(row))
  let lambda = 0.01
  let iterations = 0
  let converged = false
  while (iterations < maxIterations) {
    iterations++
    const mNew = LEVEL_COUNTS.map((n) => new Float64Array(n))
    const uNew = LEVEL_COUNTS.map((n) => new Float64Array(n))
    let matchTotal = 0
    let total = 0
    for (let k = 0; k < patterns.length; k++) {
      const lv = levels[k]!
      let pm = lambda
      let pu = 1 - lambda
      for (let f = 0; f < FIELD_COUNT; f++) {
        pm *= m[f]![lv[f]!]!
        pu *= u[f]![lv[f]!]!
      }
      const w = pm / (pm + pu)
      const c = weights[k]!
      matchTotal += c * w
      total += c
      for (let f = 0; f < FIELD_COUNT; f++) {
        mNew[f]![lv[f]!]! += c * w
        uNew[f]![lv[f]!]! += c * (1 - w)
      }
    }
    const nextM = o.holdM ? m : mNew.map((row) => normalise(row))
    const nextU = uNew.map((row) => normalise(row))
    const nextLambda = Math.min(0.999, Math.max(1e-9, matchTotal / total))
    const change = Math.max(Math.abs(nextLambda - lambda), maxDifference(m, nextM))
    m = nextM
    u = nextU
    lambda = nextLambda
    if (change < 1e-6) {
      converged = true
      break
    }
  }
  return { m, uCandidates: u, lambda, iterations, converged }
}

export type SessionFit = { m: number[][]; lambda: number; iterations: number; converged: boolean }

/**
 * m of the fields a training session did not block on, by EM over that session's pattern counts with
 * u held at the random pairs' (as Splink trains): the fields of the session's blocking rule agree by
 * construction there, so they are left out (`include[f]` false) and learn nothing from it.
 */
export function sessionEm(
  counts: Float64Array,
  u: number[][],
  include: readonly boolean[],
  o: { maxIterations?: number; initialM?: number[][]; holdM?: boolean } = {},
): SessionFit {
  const maxIterations = o.maxIterations ?? 200
  const patterns: number[][] = []
  const weights: number[] = []
  for (let p = 0; p < PATTERN_COUNT; p++)
    if (counts[p]! > 0) {
      patterns.push(levelsOf(p))
      weights.push(counts[p]!)
    }
  let m = (
    o.initialM ??
    LEVEL_COUNTS.map((n) => Array.from({ length: n }, (_, l) => (l === 0 ? 1 : 2 ** (l - n + 1))))
  ).map((row) => normaliseRow(row))
  let lambda = 0.1
  let iterations = 0
  let converged = false
  while (iterations < maxIterations) {
    iterations++
    const mNew = LEVEL_COUNTS.map((n) => new Float64Array(n))
    let matchTotal = 0
    let total = 0
    for (let k = 0; k < patterns.length; k++) {
      const lv = patterns[k]!
      let pm = lambda
      let pu = 1 - lambda
      for (let f = 0; f < FIELD_COUNT; f++) {
        if (!include[f]) continue
        pm *= m[f]![lv[f]!]!
        pu *= u[f]![lv[f]!]!
      }
      const w = pm / (pm + pu)
      const c = weights[k]!
      matchTotal += c * w
      total += c
      for (let f = 0; f < FIELD_COUNT; f++) mNew[f]![lv[f]!]! += c * w
    }
    const nextM = o.holdM ? m : mNew.map((row, f) => (include[f] ? normalise(row) : m[f]!))
    const nextLambda = Math.min(0.999, Math.max(1e-9, matchTotal / Math.max(1, total)))
    const change = Math.max(Math.abs(nextLambda - lambda) / Math.max(lambda, 1e-6), maxDifference(m, nextM))
    m = nextM
    lambda = nextLambda
    if (change < 1e-5) {
      converged = true
      break
    }
  }
  return { m, lambda, iterations, converged }
}

/**
 * Each field's levels are ordered from least to most alike; a closer level must never weigh less
 * than a farther one (a level seen rarely in training can come out inverted). Where it would, its m
 * is raised until its weight equals the farther level's.
 */
export function monotone(m: number[][], u: number[][]): number[][] {
  return m.map((row, f) => {
    const out = [...row]
    for (let l = 2; l < out.length; l++) {
      const below = Math.log2(out[l - 1]! / u[f]![l - 1]!)
      if (Math.log2(out[l]! / u[f]![l]!) < below) out[l] = u[f]![l]! * 2 ** below
    }
    return out
  })
}

function normaliseRow(row: number[]): number[] {
  const total = row.slice(1).reduce((a, b) => a + b, 0)
  return row.map((x, l) => (l === 0 ? 1 : x / total))
}

function maxDifference(a: number[][], b: number[][]): number {
  let d = 0
  a.forEach((row, f) => {
    row.forEach((x, l) => {
      d = Math.max(d, Math.abs(x - b[f]![l]!))
    })
  })
  return d
}

/** m from pairs known to be one person: the share of each level among them. */
export function mFromLabels(patterns: readonly number[]): number[][] {
  const counts = LEVEL_COUNTS.map((n) => new Float64Array(n))
  for (const p of patterns)
    levelsOf(p).forEach((l, f) => {
      counts[f]![l]!++
    })
  return counts.map((c) => normalise(c))
}

export function buildModel(
  m: number[][],
  u: number[][],
  matchesPerRecord: number,
  em: LinkageModel['em'],
): LinkageModel {
  return {
    format: 'parley-linkage-model',
    version: 1,
    nameKeyVersion: NAME_KEY_VERSION,
    trainedAt: new Date().toISOString(),
    matchesPerRecord,
    fields: COMPARISONS.map((c, f) => ({
      field: c.field,
      levels: c.levels.map((level, l) => ({ level, m: m[f]![l]!, u: u[f]![l]! })),
    })),
    em,
  }
}

/** Reads a saved model, refusing one of another format or made with other name keys. */
export function parseModel(text: string, file: string): LinkageModel {
  let doc: LinkageModel
  try {
    doc = JSON.parse(text)
  } catch {
    throw new Error(`${file}: not a linkage model (not JSON)`)
  }
  if (doc?.format !== 'parley-linkage-model' || doc.version !== 1)
    throw new Error(`${file}: not a Parley linkage model of version 1`)
  if (doc.nameKeyVersion !== NAME_KEY_VERSION)
    throw new Error(
      `${file}: made with name keys v${doc.nameKeyVersion}; this Parley uses v${NAME_KEY_VERSION}; train again`,
    )
  const shape = COMPARISONS.map((c) => `${c.field}:${c.levels.length}`).join(',')
  const got = doc.fields?.map((f) => `${f.field}:${f.levels.length}`).join(',')
  if (got !== shape)
    throw new Error(`${file}: its fields (${got}) are not this engine's (${shape}); train again`)
  return doc
}

/** The field weights, log2(m/u), and the name-frequency adjustments, ready for the hot loop. */
/**
 * log2 of the prior odds that two records are one person: expected matches over all pairs (left ×
 * right when linking, n(n−1)/2 when deduplicating).
 */
export function priorWeightOf(
  model: LinkageModel,
  leftSize: number,
  rightSize: number,
  dedupe: boolean,
): number {
  const pairs = dedupe ? (leftSize * (leftSize - 1)) / 2 : leftSize * rightSize
  const lambda = Math.min(0.5, Math.max(1e-15, (model.matchesPerRecord * leftSize) / Math.max(1, pairs)))
  return Math.log2(lambda / (1 - lambda))
}

export function scorerOf(
  model: LinkageModel,
  priorWeight: number,
  right: PreparedRecords,
  vocabularySize: number,
  tfMinimum = 1e-4,
): Scorer {
  const weights = new Float64Array(FIELD_COUNT * MAX_LEVELS)
  model.fields.forEach((f, fi) => {
    f.levels.forEach((l, li) => {
      weights[fi * MAX_LEVELS + li] = li === 0 ? 0 : Math.log2(l.m / l.u)
    })
  })
  const surnameTf = termFrequencyAdjustment(
    right.surnameCanon,
    vocabularySize,
    model.fields[0]!.levels[4]!.u,
    tfMinimum,
  )
  const givenTf = termFrequencyAdjustment(
    right.givenCanon,
    vocabularySize,
    model.fields[1]!.levels[4]!.u,
    tfMinimum,
  )
  // the most each field can add; a name's "same" level with the largest frequency adjustment
  const best = new Float64Array(FIELD_COUNT)
  const top = (f: number, to = LEVEL_COUNTS[f]!) =>
    Math.max(...weights.subarray(f * MAX_LEVELS, f * MAX_LEVELS + to))
  for (let f = 0; f < FIELD_COUNT; f++) best[f] = top(f)
  best[0] = Math.max(best[0]!, weights[4]! + largest(surnameTf))
  best[1] = Math.max(best[1]!, weights[MAX_LEVELS + 4]! + largest(givenTf))
  // names compared crosswise are at most "close" (level 3), without frequency adjustment
  return { prior: priorWeight, weights, surnameTf, givenTf, best, swappedBest: top(0, 4) + top(1, 4) }
}

function largest(values: Float32Array): number {
  let x = 0
  for (let k = 0; k < values.length; k++) if (values[k]! > x) x = values[k]!
  return x
}

/**
 * Agreeing on a common name (Іваненко) is weaker evidence than agreeing on a rare one: the
 * adjustment is log2(u of the exact level) − log2(the name's own frequency), as in Splink.
 */
function termFrequencyAdjustment(
  column: Int32Array,
  size: number,
  uExact: number,
  minimum: number,
): Float32Array {
  const counts = new Float64Array(size)
  let n = 0
  for (let i = 0; i < column.length; i++)
    if (column[i]) {
      counts[column[i]!]!++
      n++
    }
  const out = new Float32Array(size)
  for (let id = 0; id < size; id++)
    if (counts[id]) out[id] = Math.log2(uExact) - Math.log2(Math.max(counts[id]! / n, minimum))
  return out
}

export function probabilityOf(weight: number): number {
  return 1 / (1 + 2 ** -weight)
}

export function weightOfProbability(p: number): number {
  return Math.log2(p / (1 - p))
}
