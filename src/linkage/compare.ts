import { givenGroupKeys, groupsOfKey } from '../names/equivalents'
import { jaroWinkler } from '../names/similarity'
import { type PreparedRecords, SERVICE_WIDTH } from './prepare'

/**
 * The fields compared and their levels, from least to most alike. Level 0 is always "not given on
 * one side": it carries no evidence (weight 0), because a missing field on a list says nothing
 * about whether two rows are one person.
 */
export const COMPARISONS = [
  {
    field: 'surname',
    levels: [
      'missing',
      'different',
      'similar (JW ≥ 0.80)',
      'close (JW ≥ 0.92)',
      'same name (key or other-language form)',
    ],
  },
  {
    field: 'given_name',
    levels: ['missing', 'different', 'similar (JW ≥ 0.85)', 'equivalent name', 'same name key'],
  },
  {
    field: 'patronymic',
    levels: ['missing', 'different', 'similar (JW ≥ 0.85)', "same father's name", 'same name key'],
  },
  {
    field: 'date_of_birth',
    levels: [
      'missing',
      'different',
      'same year',
      // a list that gives only the year ("1991") agreeing with a full date: evidence for, where
      // "same year" with another month is evidence against
      'same year, no month on one side',
      'year off by one',
      'same year and month',
      'day and month swapped',
      'same date',
    ],
  },
  { field: 'service_number', levels: ['missing', 'different', 'one character off', 'same'] },
  { field: 'place_of_birth', levels: ['missing', 'different', 'similar', 'same'] },
  { field: 'unit', levels: ['missing', 'different', 'same'] },
  { field: 'email', levels: ['missing', 'different', 'similar', 'same'] },
] as const

export const FIELD_COUNT = COMPARISONS.length
export const LEVEL_COUNTS = COMPARISONS.map((c) => c.levels.length)
/** Index of each field's level in the mixed-radix pattern number. */
const RADIX: number[] = []
{
  let r = 1
  for (const n of LEVEL_COUNTS) {
    RADIX.push(r)
    r *= n
  }
  RADIX.push(r)
}
export const PATTERN_COUNT = RADIX[FIELD_COUNT]!

export const SURNAME = 0
export const GIVEN = 1

/** The levels of a pattern number, one per field. */
export function levelsOf(pattern: number): number[] {
  return LEVEL_COUNTS.map((n, f) => Math.floor(pattern / RADIX[f]!) % n)
}

export const PATRONYMIC = 2
export const DATE = 3
export const SERVICE = 4
export const PLACE = 5
export const UNIT = 6
export const EMAIL = 7

/** Compares two prepared records and returns the pattern of their levels as one number. */
export function comparePair(
  a: PreparedRecords,
  i: number,
  b: PreparedRecords,
  j: number,
  words: readonly string[],
): number {
  const names = swappedNames(
    a,
    i,
    b,
    j,
    words,
    surnameLevel(a, i, b, j, words),
    givenLevel(a, i, b, j, words),
  )
  return patternOf(
    names & 7,
    names >> 3,
    patronymicLevel(a, i, b, j, words),
    dateLevel(a, i, b, j),
    serviceLevel(a, i, b, j),
    placeLevel(a.place[i]!, b.place[j]!, words),
    unitLevel(a, i, b, j),
    emailLevel(a.email[i]!, b.email[j]!, words),
  )
}

/** The pattern number of eight fields' levels. */
export function patternOf(
  surname: number,
  given: number,
  patronymic: number,
  date: number,
  service: number,
  place: number,
  unit: number,
  email: number,
): number {
  return (
    surname +
    given * RADIX[GIVEN]! +
    patronymic * RADIX[PATRONYMIC]! +
    date * RADIX[DATE]! +
    service * RADIX[SERVICE]! +
    place * RADIX[PLACE]! +
    unit * RADIX[UNIT]! +
    email * RADIX[EMAIL]!
  )
}

/** The surnames in the order given: a key, the other language's form, or a slip in either. */
export function surnameLevel(
  a: PreparedRecords,
  i: number,
  b: PreparedRecords,
  j: number,
  words: readonly string[],
): number {
  let surname = nameLevel(
    a.surnameKey[i]!,
    b.surnameKey[j]!,
    a.surnameCanon[i]!,
    b.surnameCanon[j]!,
    words,
    0.8,
    0.92,
  )
  // a surname's form in the other language (Олійник, Олейник) is the same surname
  if (surname === 3 && a.surnameCanon[i] === b.surnameCanon[j]) surname = 4
  else if (
    surname > 0 &&
    surname < 4 &&
    ((a.surnameAlt[i] !== 0 && a.surnameAlt[i] === b.surnameKey[j]) ||
      (b.surnameAlt[j] !== 0 && a.surnameKey[i] === b.surnameAlt[j]))
  )
    surname = 4
  if (surname === 1 || surname === 2) {
    // a slip in a surname written in the other language's form (Ррковский for Раківський): held
    // against that side's other-language form too; only where the first letters agree, as this
    // runs on every candidate pair
    const alt = Math.max(
      similarAlt(a.surnameKey[i]!, b.surnameAlt[j]!, words),
      similarAlt(b.surnameKey[j]!, a.surnameAlt[i]!, words),
    )
    if (alt >= 0.92) surname = 3
    else if (alt >= 0.8) surname = Math.max(surname, 2)
  }
  return surname
}

/** The given names in the order given, a misspelt form of the other's name group counting as similar. */
export function givenLevel(
  a: PreparedRecords,
  i: number,
  b: PreparedRecords,
  j: number,
  words: readonly string[],
): number {
  const given = nameLevel(a.givenKey[i]!, b.givenKey[j]!, a.givenCanon[i]!, b.givenCanon[j]!, words, 0.85, 2)
  return given === 1
    ? misspeltEquivalent(a.givenKey[i]!, a.givenCanon[i]!, b.givenKey[j]!, b.givenCanon[j]!, words)
    : given
}

/** Whether the names might be written the other way round on one side (both sides have one). */
export function swapPossible(a: PreparedRecords, i: number, b: PreparedRecords, j: number): boolean {
  return (a.surnameKey[i] !== 0 && b.givenKey[j] !== 0) || (a.givenKey[i] !== 0 && b.surnameKey[j] !== 0)
}

/**
 * The surname and given-name levels (surname + 8 × given) after comparing the names crosswise, when
 * in order they do not both agree: a pair written the other way round is at most "close".
 */
export function swappedNames(
  a: PreparedRecords,
  i: number,
  b: PreparedRecords,
  j: number,
  words: readonly string[],
  surname: number,
  given: number,
): number {
  if ((surname < 4 || given < 3) && swapPossible(a, i, b, j)) {
    // surname and given name written the other way round on one side: compared crosswise, and at
    // most "close", so a swapped pair weighs a little less than one written in order
    let s2 = nameLevel(a.surnameKey[i]!, b.givenKey[j]!, a.surnameCanon[i]!, -1, words, 0.8, 0.92)
    let g2 = nameLevel(a.givenKey[i]!, b.surnameKey[j]!, a.givenCanon[i]!, -1, words, 0.85, 2)
    // the given name in the surname column in another language or form (Елена for Олена, Peter
    // for Петро), and the surname in the given-name column in its other-language form
    if (s2 > 0 && s2 < 3 && inGroup(a.surnameKey[i]!, b.givenCanon[j]!, words)) s2 = 3
    if (g2 > 0 && g2 < 3 && inGroup(b.surnameKey[j]!, a.givenCanon[i]!, words)) g2 = 3
    if (g2 > 0 && g2 < 3 && b.surnameAlt[j] !== 0 && b.surnameAlt[j] === a.givenKey[i]) g2 = 3
    if (Math.min(s2, 3) + Math.min(g2, 3) > surname + given) return Math.min(s2, 3) + 8 * Math.min(g2, 3)
  }
  return surname + 8 * given
}

export function patronymicLevel(
  a: PreparedRecords,
  i: number,
  b: PreparedRecords,
  j: number,
  words: readonly string[],
): number {
  const level = nameLevel(
    a.patronymicKey[i]!,
    b.patronymicKey[j]!,
    a.fatherCanon[i]!,
    b.fatherCanon[j]!,
    words,
    0.85,
    2,
  )
  // a father's name given as a column on one side and as a patronymic on the other
  return level === 0 && a.fatherCanon[i]! !== 0 && a.fatherCanon[i] === b.fatherCanon[j] ? 3 : level
}

export function unitLevel(a: PreparedRecords, i: number, b: PreparedRecords, j: number): number {
  return a.unit[i] === 0 || b.unit[j] === 0 ? 0 : a.unit[i] === b.unit[j] ? 2 : 1
}

/**
 * 4 same key, 3 same canonical form (the other language's form, an equivalent given name), 2 and 1
 * Jaro-Winkler bands on the keys. A `close` threshold above 1 switches that band off.
 */
function nameLevel(
  ka: number,
  kb: number,
  ca: number,
  cb: number,
  words: readonly string[],
  similar: number,
  close: number,
): number {
  if (ka === 0 || kb === 0) return 0
  if (ka === kb) return 4
  if (ca !== 0 && ca === cb) return 3
  const jw = jaroWinkler(words[ka]!, words[kb]!)
  return jw >= close ? 3 : jw >= similar ? 2 : 1
}

/** Whether a name key belongs to the given-name group that a canonical id ("#12") names. */
function inGroup(key: number, canon: number, words: readonly string[]): boolean {
  const c = words[canon]!
  return c.charCodeAt(0) === 35 /* # */ && groupsOfKey(words[key]!).includes(Number(c.slice(1)))
}

function similarAlt(key: number, alt: number, words: readonly string[]): number {
  if (alt === 0 || key === 0) return 0
  const k = words[key]!
  const w = words[alt]!
  return k.charCodeAt(0) === w.charCodeAt(0) ? jaroWinkler(k, w) : 0
}

/**
 * A given name outside every group (a typo: "Алекснй", "Oloeh") against a name in a group: similar
 * (level 2) when it is close to any of that group's forms, so a Russian form with a slip still
 * meets the Ukrainian one. Otherwise different (1).
 */
function misspeltEquivalent(
  ka: number,
  ca: number,
  kb: number,
  cb: number,
  words: readonly string[],
): number {
  const wa = words[ca]!
  const wb = words[cb]!
  let key: string
  let group: string
  if (wa.startsWith('=') && wb.startsWith('#')) {
    key = words[ka]!
    group = wb
  } else if (wb.startsWith('=') && wa.startsWith('#')) {
    key = words[kb]!
    group = wa
  } else return 1
  for (const form of givenGroupKeys(Number(group.slice(1)))) if (jaroWinkler(key, form) >= 0.85) return 2
  return 1
}

export function dateLevel(a: PreparedRecords, i: number, b: PreparedRecords, j: number): number {
  const ya = a.year[i]!
  const yb = b.year[j]!
  if (ya === 0 || yb === 0) return 0
  const ma = a.month[i]!
  const mb = b.month[j]!
  const da = a.day[i]!
  const db = b.day[j]!
  if (ya === yb) {
    if (ma === 0 || mb === 0) return 3
    if (ma !== mb) return da !== 0 && ma === db && da === mb ? 6 : 2
    if (da === 0 || db === 0) return 5
    return da === db ? 7 : 5
  }
  if (Math.abs(ya - yb) === 1 && ma !== 0 && ma === mb && da === db) return 4
  return 1
}

export function serviceLevel(a: PreparedRecords, i: number, b: PreparedRecords, j: number): number {
  if (a.serviceNumber[i] === 0 || b.serviceNumber[j] === 0) return 0
  const ca = a.serviceChars
  const cb = b.serviceChars
  const oa = i * SERVICE_WIDTH
  const ob = j * SERVICE_WIDTH
  if (a.serviceNumber[i] === b.serviceNumber[j]) {
    let same = true
    for (let c = 0; c < SERVICE_WIDTH && same; c++) same = ca[oa + c] === cb[ob + c]
    if (same) return 3
  }
  return withinOneEdit(ca, oa, lengthAt(ca, oa), cb, ob, lengthAt(cb, ob)) ? 2 : 1
}

function lengthAt(chars: Uint16Array, offset: number): number {
  let n = 0
  while (n < SERVICE_WIDTH && chars[offset + n] !== 0) n++
  return n
}

export function placeLevel(pa: number, pb: number, words: readonly string[]): number {
  if (pa === 0 || pb === 0) return 0
  if (pa === pb) return 3
  return jaroWinkler(words[pa]!, words[pb]!) >= 0.88 ? 2 : 1
}

export function emailLevel(ea: number, eb: number, words: readonly string[]): number {
  if (ea === 0 || eb === 0) return 0
  if (ea === eb) return 3
  // the vocabulary's words carry a leading "@"
  const a = words[ea]!.slice(1)
  const b = words[eb]!.slice(1)
  return a.split('@')[0] === b.split('@')[0] || jaroWinkler(a, b) >= 0.88 ? 2 : 1
}

/** One substitution, insertion, deletion or swap of neighbours apart, on character codes. */
export function withinOneEdit(
  a: ArrayLike<number>,
  oa: number,
  la: number,
  b: ArrayLike<number>,
  ob: number,
  lb: number,
) {
  if (Math.abs(la - lb) > 1) return false
  let i = 0
  while (i < la && i < lb && a[oa + i] === b[ob + i]) i++
  if (la === lb) {
    if (sameRest(a, oa, la, i + 1, b, ob, lb, i + 1)) return true
    return (
      a[oa + i] === b[ob + i + 1] &&
      a[oa + i + 1] === b[ob + i] &&
      sameRest(a, oa, la, i + 2, b, ob, lb, i + 2)
    )
  }
  return la > lb ? sameRest(a, oa, la, i + 1, b, ob, lb, i) : sameRest(a, oa, la, i, b, ob, lb, i + 1)
}

/** Whether a from da and b from db are the same to their ends (a helper, not a closure: it runs per pair). */
function sameRest(
  a: ArrayLike<number>,
  oa: number,
  la: number,
  da: number,
  b: ArrayLike<number>,
  ob: number,
  lb: number,
  db: number,
) {
  if (la - da !== lb - db) return false
  for (let k = 0; da + k < la; k++) if (a[oa + da + k] !== b[ob + db + k]) return false
  return true
}
