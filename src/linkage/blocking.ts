import type { PreparedRecords } from './prepare'

/**
 * Blocking rules: only records that agree on at least one rule's key are compared. Each rule covers
 * the errors the others cannot (a misspelt surname, a wrong year, names written the other way
 * round), and a pair found by an earlier rule is not produced again by a later one.
 */
export const BLOCKING_RULES = {
  // the surname's consonant skeleton: a doubled or transposed vowel (Bondraenko) and the other
  // language's form (Oliinyk, Oleinik) both keep it
  'surname+year': (r: PreparedRecords, i: number) =>
    r.year[i] && r.surnameSkeleton[i] ? mix(r.surnameSkeleton[i]!, r.year[i]!, 1) : 0,
  'given+date': (r: PreparedRecords, i: number) =>
    r.day[i] ? mix(r.givenCanon[i]!, r.year[i]! * 1024 + sortedMonthDay(r, i), 2) : 0,
  // alone: a typo in both names ("Mkyola Bondraenko") with the right number still meets
  service_number: (r: PreparedRecords, i: number) =>
    r.serviceNumber[i] ? mix(r.serviceNumber[i]!, 0, 3) : 0,
  'surname+given': (r: PreparedRecords, i: number) => {
    const s = r.surnameCanon[i]!
    const g = r.givenCanon[i]!
    return s && g ? mix(Math.min(s, g), Math.max(s, g), 4) : 0
  },
  // either order on the consonant skeletons: names written the other way round (the surname's key
  // is never a given name's group, so the canonical forms cannot meet), and vowel slips in both
  'names either order': (r: PreparedRecords, i: number) => {
    const s = r.surnameSkeleton[i]!
    const g = r.givenSkeleton[i]!
    return s && g ? mix(Math.min(s, g), Math.max(s, g), 5) : 0
  },
  // the full date alone (day and month in either order): a typo in the surname and a changed given
  // name; blocks of one common date are capped like any other
  date: (r: PreparedRecords, i: number) => (r.day[i] ? mix(r.year[i]!, sortedMonthDay(r, i), 6) : 0),
  // the surname's skeleton with day and month: a one-letter surname slip and a year one off
  'surname+day': (r: PreparedRecords, i: number) =>
    r.day[i] && r.surnameSkeleton[i] ? mix(r.surnameSkeleton[i]!, sortedMonthDay(r, i), 7) : 0,
  // the part before the @ only: a typo in the domain still meets
  email: (r: PreparedRecords, i: number) => (r.emailLocal[i] ? mix(r.emailLocal[i]!, 0, 8) : 0),
  // every record with every other: used alone when the inputs are small enough to compare whole
  // (ALL_PAIRS_BUDGET), where blocking would only lose pairs
  'all pairs': () => 1,
} as const satisfies Record<string, (r: PreparedRecords, i: number) => number>

/** The fields each rule's key is made of: a training session on a rule does not estimate them. */
export const RULE_FIELDS: Record<BlockingRule, readonly string[]> = {
  'surname+year': ['surname', 'date_of_birth'],
  'given+date': ['given_name', 'date_of_birth'],
  service_number: ['service_number'],
  'surname+given': ['surname', 'given_name'],
  'names either order': ['surname', 'given_name'],
  date: ['date_of_birth'],
  'surname+day': ['surname', 'date_of_birth'],
  email: ['email'],
  'all pairs': [],
}

/** Inputs with at most this many pairs are compared whole (a few seconds at most). */
export const ALL_PAIRS_BUDGET = 2_000_000

export type BlockingRule = keyof typeof BLOCKING_RULES
export const DEFAULT_RULES = (Object.keys(BLOCKING_RULES) as BlockingRule[]).filter((r) => r !== 'all pairs')

/** The month and day in a fixed order, so that a day and month written swapped give one key. */
function sortedMonthDay(r: PreparedRecords, i: number): number {
  const m = r.month[i]!
  const d = r.day[i]!
  return m < d ? m * 32 + d : d * 32 + m
}

/** A 32-bit hash of two ids and the rule number; 0 is kept for "no key". */
function mix(a: number, b: number, salt: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + salt * 0x27d4eb2d, 0xc2b2ae35)
  h ^= h >>> 16
  h = Math.imul(h, 0x7feb352d)
  h ^= h >>> 15
  return h >>> 0 || 1
}

/** Each rule's key of every record, in shared memory. */
export function blockingKeys(r: PreparedRecords, rules: readonly BlockingRule[]): Uint32Array[] {
  return rules.map((rule) => {
    const keys = new Uint32Array(new SharedArrayBuffer(Math.max(4, r.size * 4)))
    const f = BLOCKING_RULES[rule]
    for (let i = 0; i < r.size; i++) keys[i] = f(r, i)
    return keys
  })
}

/** Records sorted by one rule's key, so that a block is a run of the sorted arrays. */
export type BlockIndex = {
  /** records with a key (the arrays below may be longer: shared memory is never allocated empty) */
  size: number
  keys: Uint32Array
  order: Uint32Array
  /** where each record sits in `order` (0xffffffff when it has no key) */
  position: Uint32Array
  /** for each place in `order`, the end of its block */
  blockEnd: Uint32Array
}

const MAX_RECORDS = 2 ** 21

/** Sorts records by key (records without a key left out); `position` finds a record in the order. */
export function indexBlocks(keys: Uint32Array): BlockIndex {
  if (keys.length > MAX_RECORDS) throw new Error(`at most ${MAX_RECORDS} records per side`)
  const packed = new Float64Array(keys.length)
  let n = 0
  // key and record in one number, so one numeric sort orders both
  for (let i = 0; i < keys.length; i++) if (keys[i]) packed[n++] = keys[i]! * MAX_RECORDS + i
  const sorted = packed.subarray(0, n).sort()
  const index: BlockIndex = {
    size: n,
    keys: new Uint32Array(new SharedArrayBuffer(Math.max(4, n * 4))),
    order: new Uint32Array(new SharedArrayBuffer(Math.max(4, n * 4))),
    position: new Uint32Array(new SharedArrayBuffer(Math.max(4, keys.length * 4))).fill(0xffffffff),
    blockEnd: new Uint32Array(new SharedArrayBuffer(Math.max(4, n * 4))),
  }
  for (let p = 0; p < n; p++) {
    const v = sorted[p]!
    const record = v % MAX_RECORDS
    index.keys[p] = (v - record) / MAX_RECORDS
    index.order[p] = record
    index.position[record] = p
  }
  for (let p = n - 1; p >= 0; p--)
    index.blockEnd[p] = p + 1 < n && index.keys[p + 1] === index.keys[p] ? index.blockEnd[p + 1]! : p + 1
  return index
}

/** The run [start, end) of `key` in an index, by binary search. */
export function blockOf(index: BlockIndex, key: number): [number, number] {
  const k = index.keys
  let lo = 0
  let hi = index.size
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (k[mid]! < key) lo = mid + 1
    else hi = mid
  }
  return lo < index.size && k[lo] === key ? [lo, index.blockEnd[lo]!] : [lo, lo]
}

export type BlockStats = {
  rule: BlockingRule
  blocks: number
  largest: number
  capped: number
}

/** Sizes of the blocks of one rule, for the report: how many, the largest, how many were too big. */
export function blockStats(rule: BlockingRule, index: BlockIndex, cap: number): BlockStats {
  let blocks = 0
  let largest = 0
  let capped = 0
  for (let p = 0; p < index.size; ) {
    const e = index.blockEnd[p]!
    blocks++
    largest = Math.max(largest, e - p)
    if (e - p > cap) capped++
    p = e
  }
  return { rule, blocks, largest, capped }
}
