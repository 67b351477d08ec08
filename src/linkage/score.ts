import {
  type BlockIndex,
  type BlockingRule,
  blockingKeys,
  CAPPED,
  indexBlocks,
  runsOf,
  SUB_BLOCK,
  secondKeys,
} from './blocking'
import {
  DATE,
  dateLevel,
  EMAIL,
  emailLevel,
  FIELD_COUNT,
  GIVEN,
  givenLevel,
  LEVEL_COUNTS,
  PATRONYMIC,
  PLACE,
  patronymicLevel,
  patternOf,
  placeLevel,
  SERVICE,
  SURNAME,
  serviceLevel,
  surnameLevel,
  swapPossible,
  swappedNames,
  UNIT,
  unitLevel,
} from './compare'
import type { PreparedRecords } from './prepare'

/**
 * What a worker needs to compare records: both prepared sides (the same object when deduplicating),
 * each rule's keys and second keys, and the right side's block index. All typed arrays live in
 * shared memory.
 */
export type CandidateSpace = {
  mode: 'link' | 'dedupe'
  left: PreparedRecords
  right: PreparedRecords
  leftKeys: Uint32Array[]
  rightKeys: Uint32Array[]
  /** each rule's second key of the left records, for the split blocks of the right side */
  leftSecond: Uint16Array[]
  rightIndex: BlockIndex[]
  /** blocks larger than this are skipped (and reported) */
  cap: number
  /** the rule exempt from the cap ("all pairs"), or -1 */
  uncapped: number
  words: readonly string[]
}

/**
 * Builds the candidate space of a run: each rule's keys and second keys of both sides, and the
 * right side's index, its big blocks split and its blocks above `cap` skipped ("all pairs" never).
 */
export function candidateSpace(
  mode: 'link' | 'dedupe',
  left: PreparedRecords,
  right: PreparedRecords,
  rules: readonly BlockingRule[],
  words: readonly string[],
  cap: number,
  limit = SUB_BLOCK,
): CandidateSpace {
  const leftKeys = blockingKeys(left, rules)
  const rightKeys = mode === 'dedupe' ? leftKeys : blockingKeys(right, rules)
  const leftSecond = secondKeys(left, rules, words)
  const rightSecond = mode === 'dedupe' ? leftSecond : secondKeys(right, rules, words)
  const uncapped = rules.indexOf('all pairs')
  const rightIndex = rules.map((_, r) =>
    indexBlocks(rightKeys[r]!, rightSecond[r], {
      limit,
      cap: r === uncapped ? Number.POSITIVE_INFINITY : cap,
    }),
  )
  return { mode, left, right, leftKeys, rightKeys, leftSecond, rightIndex, cap, uncapped, words }
}

const NO_POSITION = 0xffffffff

// each rule's runs of the left record being visited when linking (four places per rule), and their
// sizes (-1: skipped); one set per thread, as a worker visits one record at a time
let runs = new Uint32Array(0)
let sizes = new Int32Array(0)

/**
 * Calls `visit` for every candidate of left record `i`, once per pair even when several rules find
 * it: a rule skips pairs an earlier rule already produced. When deduplicating, only later records
 * in a block (or in a split block's run) are visited, so each pair comes once. Returns the number of
 * blocks skipped as too big.
 */
export function forEachCandidate(
  space: CandidateSpace,
  i: number,
  visit: (j: number) => void,
  onlyRule?: number,
): number {
  const { leftKeys, rightKeys, rightIndex } = space
  let skipped = 0
  const first = onlyRule ?? 0
  const last = onlyRule === undefined ? rightIndex.length : onlyRule + 1
  if (space.mode === 'dedupe') {
    for (let r = first; r < last; r++) {
      const index = rightIndex[r]!
      const p = index.position[i]!
      if (p === NO_POSITION) continue
      if (index.flags[p]! & CAPPED) {
        skipped++
        continue
      }
      const end = index.runEnd[p]!
      for (let q = p + 1; q < end; q++) {
        const j = index.order[q]!
        let seen = false
        for (let e = 0; e < r && onlyRule === undefined; e++) {
          const k = leftKeys[e]![i]!
          if (k !== 0 && k === rightKeys[e]![j] && metWhenDeduplicating(rightIndex[e]!, i, j)) {
            seen = true
            break
          }
        }
        if (!seen) visit(j)
      }
    }
    return skipped
  }
  if (runs.length < rightIndex.length * 4) {
    runs = new Uint32Array(rightIndex.length * 4)
    sizes = new Int32Array(rightIndex.length)
  }
  for (let r = first; r < last; r++) {
    sizes[r] = runsOf(rightIndex[r]!, leftKeys[r]![i]!, space.leftSecond[r]![i]!, runs, r * 4)
    if (sizes[r]! < 0) {
      skipped++
      continue
    }
    const index = rightIndex[r]!
    for (let run = 0; run < 4; run += 2)
      for (let q = runs[r * 4 + run]!; q < runs[r * 4 + run + 1]!; q++) {
        const j = index.order[q]!
        let seen = false
        for (let e = 0; e < r && onlyRule === undefined; e++) {
          const k = leftKeys[e]![i]!
          if (k !== 0 && k === rightKeys[e]![j] && sizes[e]! >= 0 && inRuns(rightIndex[e]!, j, e * 4)) {
            seen = true
            break
          }
        }
        if (!seen) visit(j)
      }
  }
  return skipped
}

/** Whether right record j sits in the runs written at `at` (see runsOf). */
function inRuns(index: BlockIndex, j: number, at: number, out = runs): boolean {
  const p = index.position[j]!
  return (p >= out[at]! && p < out[at + 1]!) || (p >= out[at + 2]! && p < out[at + 3]!)
}

/**
 * Whether deduplication meets records i and j of one block under a rule: the one placed first
 * meets the other within its run, unless its run is skipped as too big.
 */
function metWhenDeduplicating(index: BlockIndex, i: number, j: number): boolean {
  const pi = index.position[i]!
  const pj = index.position[j]!
  const a = Math.min(pi, pj)
  return !(index.flags[a]! & CAPPED) && Math.max(pi, pj) < index.runEnd[a]!
}

const probe = new Uint32Array(4)

/** Whether rule `r` lets the pair (i, j) through: same key, the same run, not skipped. */
export function metBy(space: CandidateSpace, r: number, i: number, j: number): boolean {
  const k = space.leftKeys[r]![i]!
  if (k === 0 || k !== space.rightKeys[r]![j]) return false
  const index = space.rightIndex[r]!
  if (space.mode === 'dedupe') return i !== j && metWhenDeduplicating(index, i, j)
  return runsOf(index, k, space.leftSecond[r]![i]!, probe) >= 0 && inRuns(index, j, 0, probe)
}

/** How many candidates rule `r` gives left record `i` (0 when it has no key or its run is skipped). */
export function ruleCandidates(space: CandidateSpace, i: number, r: number): number {
  const index = space.rightIndex[r]!
  if (space.mode === 'dedupe') {
    const p = index.position[i]!
    if (p === NO_POSITION || index.flags[p]! & CAPPED) return 0
    return index.runEnd[p]! - p - 1
  }
  return Math.max(0, runsOf(index, space.leftKeys[r]![i]!, space.leftSecond[r]![i]!, probe))
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
  /**
   * The most each field can add (name frequency included), and the most the names can add when
   * compared crosswise: a pair whose weight cannot reach the threshold even at these is rejected
   * before its costly comparisons.
   */
  best: Float64Array
  swappedBest: number
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
  /** candidate pairs, and how many of them were compared on every field (the others could not pass) */
  pairs: number
  full: number
  skipped: number
}

// rounding in the bounds must never reject a pair the full comparison would keep
const SLACK = 1e-6

/**
 * The pattern of a candidate pair, or −1 when its weight cannot reach `minWeight`: the cheap fields
 * (dates, numbers, patronymics, places) are compared first, and the names, which cost most (string
 * similarity, other-language forms, the crosswise comparison), only while the best they could add
 * still reaches the threshold. Pairs it keeps get the same pattern as comparePair.
 */
export function scorePair(
  space: CandidateSpace,
  scorer: Scorer,
  i: number,
  j: number,
  minWeight: number,
): number {
  const { left: a, right: b, words } = space
  const w = scorer.weights
  const best = scorer.best
  const need = minWeight - SLACK
  const date = dateLevel(a, i, b, j)
  const service = serviceLevel(a, i, b, j)
  const unit = unitLevel(a, i, b, j)
  let sum =
    scorer.prior +
    w[DATE * MAX_LEVELS + date]! +
    w[SERVICE * MAX_LEVELS + service]! +
    w[UNIT * MAX_LEVELS + unit]!
  const rest = best[SURNAME]! + best[GIVEN]! + best[PATRONYMIC]! + best[PLACE]! + best[EMAIL]!
  if (sum + rest < need) return -1
  const email = emailLevel(a.email[i]!, b.email[j]!, words)
  const patronymic = patronymicLevel(a, i, b, j, words)
  const place = placeLevel(a.place[i]!, b.place[j]!, words)
  sum +=
    w[EMAIL * MAX_LEVELS + email]! + w[PATRONYMIC * MAX_LEVELS + patronymic]! + w[PLACE * MAX_LEVELS + place]!
  const swap = swapPossible(a, i, b, j)
  if (sum + Math.max(best[SURNAME]! + best[GIVEN]!, swap ? scorer.swappedBest : -Infinity) < need) return -1
  const surname = surnameLevel(a, i, b, j, words)
  const withSurname =
    w[SURNAME * MAX_LEVELS + surname]! + (surname === 4 ? (scorer.surnameTf[b.surnameCanon[j]!] ?? 0) : 0)
  if (sum + Math.max(withSurname + best[GIVEN]!, swap ? scorer.swappedBest : -Infinity) < need) return -1
  const given = givenLevel(a, i, b, j, words)
  const withGiven =
    w[GIVEN * MAX_LEVELS + given]! + (given === 4 ? (scorer.givenTf[b.givenCanon[j]!] ?? 0) : 0)
  const crosswise = swap && (surname < 4 || given < 3)
  if (sum + Math.max(withSurname + withGiven, crosswise ? scorer.swappedBest : -Infinity) < need) return -1
  const names = crosswise ? swappedNames(a, i, b, j, words, surname, given) : surname + 8 * given
  return patternOf(names & 7, names >> 3, patronymic, date, service, place, unit, email)
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
  let full = 0
  let skipped = 0
  for (let i = from; i < to; i++) {
    skipped += forEachCandidate(space, i, (j) => {
      pairs++
      const p = scorePair(space, scorer, i, j, minWeight)
      if (p < 0) return
      full++
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
    full,
    skipped,
  }
  left = right = weight = pattern = []
  return out
}

/** Whether any rule lets the pair (i, j) through (same key and run, not skipped): the blocking ceiling. */
export function blockedTogether(space: CandidateSpace, i: number, j: number): boolean {
  for (let r = 0; r < space.rightIndex.length; r++) if (metBy(space, r, i, j)) return true
  return false
}
