import { type BlockIndex, blockOf } from './blocking'
import { comparePair, FIELD_COUNT, GIVEN, LEVEL_COUNTS, SURNAME } from './compare'
import type { PreparedRecords } from './prepare'

/**
 * What a worker needs to compare records: both prepared sides (the same object when deduplicating),
 * each rule's keys and the right side's block index. All typed arrays live in shared memory.
 */
export type CandidateSpace = {
  mode: 'link' | 'dedupe'
  left: PreparedRecords
  right: PreparedRecords
  leftKeys: Uint32Array[]
  rightKeys: Uint32Array[]
  rightIndex: BlockIndex[]
  /** blocks larger than this are skipped (and reported) */
  cap: number
  /** the rule exempt from the cap ("all pairs"), or -1 */
  uncapped: number
  words: readonly string[]
}

const NO_POSITION = 0xffffffff

/**
 * Calls `visit` for every candidate of left record `i`, once per pair even when several rules find
 * it: a rule skips pairs an earlier rule already produced. When deduplicating, only later records
 * in a block are visited, so each pair comes once. Returns the number of blocks skipped as too big.
 */
export function forEachCandidate(
  space: CandidateSpace,
  i: number,
  visit: (j: number) => void,
  onlyRule?: number,
): number {
  const { leftKeys, rightKeys, rightIndex, cap } = space
  let skipped = 0
  const first = onlyRule ?? 0
  const last = onlyRule === undefined ? rightIndex.length : onlyRule + 1
  for (let r = first; r < last; r++) {
    const key = leftKeys[r]![i]!
    if (key === 0) continue
    const index = rightIndex[r]!
    let start: number
    let end: number
    if (space.mode === 'dedupe') {
      const p = index.position[i]!
      if (p === NO_POSITION) continue
      end = index.blockEnd[p]!
      start = p + 1
      if (end - start >= cap && r !== space.uncapped) {
        skipped++
        continue
      }
    } else {
      ;[start, end] = blockOf(index, key)
      if (end - start > cap && r !== space.uncapped) {
        skipped++
        continue
      }
    }
    for (let p = start; p < end; p++) {
      const j = index.order[p]!
      let seen = false
      for (let q = 0; q < r && onlyRule === undefined; q++) {
        const k = leftKeys[q]![i]!
        if (k !== 0 && k === rightKeys[q]![j]) {
          seen = true
          break
        }
      }
      if (!seen) visit(j)
    }
  }
  return skipped
}

/**
 * A trained model as the hot loop uses it: the weight of each field's level, and the
 * term-frequency adjustments of the surname and given name (rarer names weigh more when they agree).
 */
export type Scorer = {
  prior: number
  /** field-major: weights[f * MAX_LEVELS + level] */
  weights: Float64Array
  /** per vocabulary id: log2(u of "same name key") - log2(frequency of this name), or 0 */
  surnameTf: Float32Array
  givenTf: Float32Array
}
export const MAX_LEVELS = Math.max(...LEVEL_COUNTS)

const RADIXES = (() => {
  const r: number[] = []
  let x = 1
  for (const n of LEVEL_COUNTS) {
    r.push(x)
    x *= n
  }
  return r
})()

/** The match weight of a compared pair: prior plus each field's weight, with name frequency. */
export function weightOf(scorer: Scorer, pattern: number, right: PreparedRecords, j: number): number {
  let w = scorer.prior
  for (let f = 0; f < FIELD_COUNT; f++) {
    const level = Math.floor(pattern / RADIXES[f]!) % LEVEL_COUNTS[f]!
    w += scorer.weights[f * MAX_LEVELS + level]!
  }
  if (pattern % LEVEL_COUNTS[SURNAME]! === 4) w += scorer.surnameTf[right.surnameCanon[j]!] ?? 0
  if (Math.floor(pattern / RADIXES[GIVEN]!) % LEVEL_COUNTS[GIVEN]! === 4)
    w += scorer.givenTf[right.givenCanon[j]!] ?? 0
  return w
}

export type ScoredPairs = {
  left: Uint32Array
  right: Uint32Array
  weight: Float32Array
  pattern: Uint32Array
  pairs: number
  skipped: number
}

/** Scores every candidate of left records [from, to) and keeps those with a weight ≥ `minWeight`. */
export function scorePairs(
  space: CandidateSpace,
  scorer: Scorer,
  from: number,
  to: number,
  minWeight: number,
) {
  let left: number[] = []
  let right: number[] = []
  let weight: number[] = []
  let pattern: number[] = []
  let pairs = 0
  let skipped = 0
  for (let i = from; i < to; i++) {
    skipped += forEachCandidate(space, i, (j) => {
      pairs++
      const p = comparePair(space.left, i, space.right, j, space.words)
      const w = weightOf(scorer, p, space.right, j)
      if (w < minWeight) return
      left.push(i)
      right.push(j)
      weight.push(w)
      pattern.push(p)
    })
  }
  const out: ScoredPairs = {
    left: Uint32Array.from(left),
    right: Uint32Array.from(right),
    weight: Float32Array.from(weight),
    pattern: Uint32Array.from(pattern),
    pairs,
    skipped,
  }
  left = right = weight = pattern = []
  return out
}

/** Whether any rule lets the pair (i, j) through (same key, block not skipped): the blocking ceiling. */
export function blockedTogether(space: CandidateSpace, i: number, j: number): boolean {
  const { leftKeys, rightKeys, rightIndex, cap } = space
  for (let r = 0; r < rightIndex.length; r++) {
    const k = leftKeys[r]![i]!
    if (k === 0 || k !== rightKeys[r]![j]) continue
    const [start, end] = blockOf(rightIndex[r]!, k)
    if (end - start <= cap || r === space.uncapped) return true
  }
  return false
}
