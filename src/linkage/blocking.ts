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

/**
 * A block of more than SUB_BLOCK records is split by its rule's second key. On a million records a
 * single date is shared by hundreds of persons and a common surname with a common given name by
 * thousands: such a block gives almost only strangers, and comparing all of it is most of a run
 * (Splink's advice: a wide rule needs a second key or a cap). The second key is one that a pair of
 * one person still shares where the rule is meant to help: the date alone is there for a misspelt
 * surname with a changed given name, so it is split by the surname's first letter (a slip after the
 * first letter keeps it); the rules on both names by the birth year. A record without the second
 * key (no date, say) still meets the whole block, so a list without dates links as before. Inputs
 * of a few tens of thousands have hardly a block this big and keep the candidates they had.
 */
export const SUB_BLOCK = 48

type SecondKey = (r: PreparedRecords, i: number, words: readonly string[]) => number

const surnameInitial: SecondKey = (r, i, words) => initialOf(words[r.surnameKey[i]!])
const givenInitial: SecondKey = (r, i, words) => initialOf(words[r.givenKey[i]!])
const birthYear: SecondKey = (r, i) => r.year[i]!

/** Each rule's second key, for its big blocks (service numbers and e-mails have none that big). */
export const SECOND_KEYS: Partial<Record<BlockingRule, SecondKey>> = {
  'surname+year': givenInitial,
  'given+date': surnameInitial,
  'surname+given': birthYear,
  'names either order': birthYear,
  date: surnameInitial,
  'surname+day': givenInitial,
}

/** The key's first letter (keys are Latin), 0 for no key. */
function initialOf(key: string | undefined): number {
  return key ? key.charCodeAt(0) : 0
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

/** Each rule's second key of every record (all 0 for a rule without one), in shared memory. */
export function secondKeys(
  r: PreparedRecords,
  rules: readonly BlockingRule[],
  words: readonly string[],
): Uint16Array[] {
  return rules.map((rule) => {
    const keys = new Uint16Array(new SharedArrayBuffer(Math.max(2, r.size * 2)))
    const f = SECOND_KEYS[rule]
    if (f) for (let i = 0; i < r.size; i++) keys[i] = Math.min(0xffff, f(r, i, words))
    return keys
  })
}

/** Flags of a place in a block index. */
export const SPLIT = 1
export const CAPPED = 2

/**
 * Records sorted by one rule's key, so that a block is a run of the sorted arrays; a split block is
 * sorted within by the second key, records without one first.
 */
export type BlockIndex = {
  /** records with a key (the arrays below may be longer: shared memory is never allocated empty) */
  size: number
  keys: Uint32Array
  order: Uint32Array
  /** where each record sits in `order` (0xffffffff when it has no key) */
  position: Uint32Array
  /** for each place in `order`, the end of its block */
  blockEnd: Uint32Array
  /**
   * For each place, the end of what its record meets after it when deduplicating: its block, or in
   * a split block the run of its second key (the rest of the block for a record without one).
   */
  runEnd: Uint32Array
  /** for each place in a split block, its record's second key (0: none) */
  second: Uint16Array
  /** for each place: SPLIT when its block was split, CAPPED when what its record meets is above the cap */
  flags: Uint8Array
  /** blocks above this many records are split (where the rule has a second key) */
  limit: number
  /** what a record meets under the rule is skipped above this many records */
  cap: number
}

const MAX_RECORDS = 2 ** 21

function sharedU32(n: number) {
  return new Uint32Array(new SharedArrayBuffer(Math.max(4, n * 4)))
}

/**
 * Sorts records by key (records without a key left out); `position` finds a record in the order.
 * With second keys, each block above `limit` records is split by them.
 */
export function indexBlocks(
  keys: Uint32Array,
  second?: Uint16Array,
  o: { limit?: number; cap?: number } = {},
): BlockIndex {
  if (keys.length > MAX_RECORDS) throw new Error(`at most ${MAX_RECORDS} records per side`)
  const limit = o.limit ?? SUB_BLOCK
  const cap = o.cap ?? Number.POSITIVE_INFINITY
  const packed = new Float64Array(keys.length)
  let n = 0
  // key and record in one number, so one numeric sort orders both
  for (let i = 0; i < keys.length; i++) if (keys[i]) packed[n++] = keys[i]! * MAX_RECORDS + i
  const sorted = packed.subarray(0, n).sort()
  const index: BlockIndex = {
    size: n,
    keys: sharedU32(n),
    order: sharedU32(n),
    position: sharedU32(keys.length).fill(0xffffffff),
    blockEnd: sharedU32(n),
    runEnd: sharedU32(n),
    second: new Uint16Array(new SharedArrayBuffer(Math.max(2, n * 2))),
    flags: new Uint8Array(new SharedArrayBuffer(Math.max(1, n))),
    limit,
    cap,
  }
  for (let p = 0; p < n; p++) {
    const v = sorted[p]!
    const record = v % MAX_RECORDS
    index.keys[p] = (v - record) / MAX_RECORDS
    index.order[p] = record
  }
  for (let start = 0; start < n; ) {
    let end = start + 1
    while (end < n && index.keys[end] === index.keys[start]) end++
    index.blockEnd.fill(end, start, end)
    if (second && end - start > limit && hasSecondKeys(second, index.order, start, end))
      splitBlock(index, second, start, end)
    else {
      index.runEnd.fill(end, start, end)
      if (end - start > cap) index.flags.fill(CAPPED, start, end)
    }
    start = end
  }
  for (let p = 0; p < n; p++) index.position[index.order[p]!] = p
  return index
}

function hasSecondKeys(second: Uint16Array, order: Uint32Array, start: number, end: number) {
  for (let p = start; p < end; p++) if (second[order[p]!]) return true
  return false
}

/** Sorts a block by second key (none first) and marks the runs each record meets. */
function splitBlock(index: BlockIndex, second: Uint16Array, start: number, end: number) {
  const packed = new Float64Array(end - start)
  for (let p = start; p < end; p++) {
    const record = index.order[p]!
    packed[p - start] = second[record]! * MAX_RECORDS + record
  }
  packed.sort()
  for (let p = start; p < end; p++) {
    const v = packed[p - start]!
    const record = v % MAX_RECORDS
    index.order[p] = record
    index.second[p] = (v - record) / MAX_RECORDS
  }
  for (let p = start; p < end; ) {
    let e = p + 1
    while (e < end && index.second[e] === index.second[p]) e++
    // a record without the second key meets the whole block; one with it, its own run
    const runEnd = index.second[p] === 0 ? end : e
    const size = index.second[p] === 0 ? end - start : e - p
    index.runEnd.fill(runEnd, p, e)
    index.flags.fill(size > index.cap ? SPLIT | CAPPED : SPLIT, p, e)
    p = e
  }
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

/** The first place in [from, to) whose second key is at least `value` (a split block is sorted by it). */
function secondFrom(index: BlockIndex, from: number, to: number, value: number): number {
  let lo = from
  let hi = to
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (index.second[mid]! < value) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * The places of the right side a left record meets under one rule when linking, written to `out` as
 * two runs [a, b) and [c, d): its whole block, or in a split block the records without a second
 * key and those with its own. Returns how many places that is, or −1 when it is above the cap.
 */
export function runsOf(index: BlockIndex, key: number, second: number, out: Uint32Array, at = 0): number {
  const [start, end] = key === 0 ? [0, 0] : blockOf(index, key)
  out[at] = start
  out[at + 2] = out[at + 3] = end
  if (start === end || !(index.flags[start]! & SPLIT) || second === 0) {
    out[at + 1] = end
    return end - start > index.cap ? -1 : end - start
  }
  const none = secondFrom(index, start, end, 1)
  const from = secondFrom(index, none, end, second)
  const to = secondFrom(index, from, end, second + 1)
  out[at + 1] = none
  out[at + 2] = from
  out[at + 3] = to
  const n = none - start + (to - from)
  return n > index.cap ? -1 : n
}

export type BlockStats = {
  rule: BlockingRule
  blocks: number
  largest: number
  /** blocks split by the rule's second key */
  split: number
  /** blocks (or, in split blocks, runs) skipped as above the cap */
  capped: number
}

/** Sizes of the blocks of one rule, for the report: how many, the largest, how many split or too big. */
export function blockStats(rule: BlockingRule, index: BlockIndex): BlockStats {
  let blocks = 0
  let largest = 0
  let split = 0
  let capped = 0
  for (let p = 0; p < index.size; ) {
    const e = index.blockEnd[p]!
    blocks++
    largest = Math.max(largest, e - p)
    if (index.flags[p]! & SPLIT) split++
    for (let q = p; q < e; q++)
      if (index.flags[q]! & CAPPED) {
        capped++
        break
      }
    p = e
  }
  return { rule, blocks, largest, split, capped }
}
