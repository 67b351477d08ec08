import { givenNameGroups, otherLanguageKeys } from './equivalents'
import { nameKey, toLatinWords } from './key'
import { nameTokens } from './normalise'

/** A name with its parts known, as registers hold it. */
export type PersonName = { surname: string; givenName?: string | null; patronymic?: string | null }

type Role = 'surname' | 'given' | 'patronymic' | 'unknown'

/** One word of a name, prepared once: compared many times without recomputing anything. */
type PreparedToken = {
  text: string
  role: Role
  key: string
  groups: readonly number[]
  otherKeys: readonly string[]
  /** for patronymics: the father's given-name groups (Миколайович: Микола) */
  fatherGroups: readonly number[]
  /** a patronymic by its ending in any script (Petrovych, Петрівна), whatever field it came in */
  patronymicLike: boolean
  /** a lone letter (O., O): an initial, which agrees with any word it begins */
  initial: string
  /** written in Arabic or Hebrew letters, which leave vowels out: compared by consonants */
  abjad: boolean
  /** the key's consonants, for comparing with a name written without vowels */
  consonants: string
}
export type PreparedName = { tokens: PreparedToken[] }

// Ukrainian and Russian patronymic endings, longest first, and what remains of the father's name.
const PATRONYMIC_ENDINGS: [RegExp, string[]][] = [
  [/(ійович|іївна)$/, ['ій']],
  [/(ьович|івна)$/, ['ь', '', 'о']],
  [/(айович|аївна)$/, ['а']],
  [/(ович|овна)$/, ['', 'о', 'а']],
  [/(ьевич|ьевна)$/, ['ий']],
  [/(иевич|иевна)$/, ['ий']],
  [/(еевич|еевна)$/, ['ей']],
  [/(аевич|аевна)$/, ['ай']],
  [/(евич|евна)$/, ['ь', 'ей', 'ий']],
  [/(ич|ична|инична)$/, ['а', 'я']],
]

export function fatherGroupsOf(patronymic: string): readonly number[] {
  const lower = patronymic.toLowerCase()
  for (const [ending, stems] of PATRONYMIC_ENDINGS) {
    if (!ending.test(lower)) continue
    const base = lower.replace(ending, '')
    const groups = stems.flatMap((stem) => givenNameGroups(base + stem))
    if (groups.length > 0) return [...new Set(groups)]
  }
  return []
}

// Registers repeat names endlessly (a million persons share a few thousand surnames), so a prepared
// word is kept and reused; the cache is emptied when it grows past its bound.
const TOKEN_CACHE = new Map<string, PreparedToken>()
const TOKEN_CACHE_LIMIT = 200_000

function prepareToken(text: string, role: Role): PreparedToken {
  const cacheKey = `${role}\u0000${text}`
  const cached = TOKEN_CACHE.get(cacheKey)
  if (cached) return cached
  if (TOKEN_CACHE.size >= TOKEN_CACHE_LIMIT) TOKEN_CACHE.clear()
  const token = makeToken(text, role)
  TOKEN_CACHE.set(cacheKey, token)
  return token
}

const PATRONYMIC_KEY = /(ovich|evich|ovna|evna|ivna|ichna)$/
const ABJAD = /[\p{Script=Arabic}\p{Script=Hebrew}]/u

function makeToken(text: string, role: Role): PreparedToken {
  const key = nameKey(text)
  const fatherGroups = role === 'patronymic' || role === 'unknown' ? fatherGroupsOf(text) : []
  return {
    text,
    role,
    key,
    groups: role === 'surname' ? [] : givenNameGroups(text),
    otherKeys: otherLanguageKeys(text),
    fatherGroups,
    patronymicLike: role === 'patronymic' || fatherGroups.length > 0 || PATRONYMIC_KEY.test(key),
    initial: key.length <= 2 && /^(\p{L}|\p{L}{1,2}\.)$/u.test(text) ? key : '',
    abjad: ABJAD.test(text),
    consonants: key.replace(/[aeiouy]/g, ''),
  }
}

const HAN_OR_HANGUL = /[\p{Script=Han}\p{Script=Hangul}]/u

/**
 * The words of a name as written; a Chinese or Korean name in one word becomes its surname and
 * given name in Latin letters, as lists abroad write it (王小明: Wang Xiaoming).
 */
function words(text: string): string[] {
  const tokens = nameTokens(text)
  return tokens.some((t) => HAN_OR_HANGUL.test(t)) ? tokens.flatMap(toLatinWords) : tokens
}

/** Prepares a name for many comparisons. A plain string is split into words of unknown role. */
export function prepareName(name: PersonName | string): PreparedName {
  // a word with no letters any script reads (a dash, a digit) has an empty key: unknown, never
  // equal to another empty key, so it is left out rather than compared
  if (typeof name === 'string')
    return {
      tokens: words(name)
        .map((t) => prepareToken(t, 'unknown'))
        .filter((t) => t.key !== ''),
    }
  const tokens = words(name.surname).map((t) => prepareToken(t, 'surname'))
  for (const t of words(name.givenName ?? '')) tokens.push(prepareToken(t, 'given'))
  for (const t of words(name.patronymic ?? '')) tokens.push(prepareToken(t, 'patronymic'))
  return { tokens: tokens.filter((t) => t.key !== '') }
}

// Scratch space reused by every comparison: the hot path allocates nothing.
const A_MATCH = new Int32Array(32)
const MATRIX = new Float64Array(64)

/** Jaro-Winkler similarity of two short strings (under 32 letters), 0..1. */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1
  const la = a.length
  const lb = b.length
  if (la === 0 || lb === 0) return 0
  const window = Math.max(0, (Math.max(la, lb) >> 1) - 1)
  let matchedB = 0
  let matches = 0
  const aMatch = A_MATCH
  for (let i = 0; i < la; i++) {
    const from = Math.max(0, i - window)
    const to = Math.min(lb - 1, i + window)
    for (let j = from; j <= to; j++) {
      if (matchedB & (1 << j) || a.charCodeAt(i) !== b.charCodeAt(j)) continue
      matchedB |= 1 << j
      aMatch[matches] = i
      matches++
      break
    }
  }
  if (matches === 0) return 0
  let transpositions = 0
  let k = 0
  for (let j = 0; j < lb && k < matches; j++) {
    if (!(matchedB & (1 << j))) continue
    if (a.charCodeAt(aMatch[k]!) !== b.charCodeAt(j)) transpositions++
    k++
  }
  const jaro = (matches / la + matches / lb + (matches - transpositions / 2) / matches) / 3
  let prefix = 0
  while (prefix < 4 && prefix < la && prefix < lb && a[prefix] === b[prefix]) prefix++
  return jaro + prefix * 0.1 * (1 - jaro)
}

// Scratch for the edit distance: two rows of at most 32 letters.
const ROW_A = new Int32Array(33)
const ROW_B = new Int32Array(33)

/** Levenshtein distance of two short strings (under 32 letters), without allocating. */
function editDistance(a: string, b: string): number {
  const la = a.length
  const lb = b.length
  let prev = ROW_A
  let cur = ROW_B
  for (let j = 0; j <= lb; j++) prev[j] = j
  for (let i = 1; i <= la; i++) {
    cur[0] = i
    const ca = a.charCodeAt(i - 1)
    for (let j = 1; j <= lb; j++) {
      const sub = prev[j - 1]! + (ca === b.charCodeAt(j - 1) ? 0 : 1)
      const del = prev[j]! + 1
      const ins = cur[j - 1]! + 1
      cur[j] = sub < del ? (sub < ins ? sub : ins) : del < ins ? del : ins
    }
    const t = prev
    prev = cur
    cur = t
  }
  return prev[lb]!
}

/**
 * How alike two spellings are, 0..1: Jaro-Winkler (kind to a shared beginning) averaged with the
 * share of letters an edit changes (strict about a different ending: Кравченко / Кравчук share a
 * beginning, not a name). Alike beginnings alone no longer pass as one surname.
 */
export function spellingSimilarity(a: string, b: string): number {
  if (a === b) return 1
  if (a.length >= 32 || b.length >= 32 || a.length === 0 || b.length === 0) return 0
  const jw = jaroWinkler(a, b)
  // far apart by Jaro-Winkler is far apart by edits too; the edit distance is spared
  if (jw < 0.7) return jw * 0.7
  const edits = 1 - editDistance(a, b) / Math.max(a.length, b.length)
  return (jw + edits) / 2
}

// A key that differs only by spelling counts less than the same key: exact agreement stays ahead.
const SPELLING_WEIGHT = 0.92

function tokenScore(a: PreparedToken, b: PreparedToken): number {
  if (a.key === b.key) return a.key === '' ? 0 : 1
  for (const g of a.groups) if (b.groups.includes(g)) return 0.95
  if (a.otherKeys.includes(b.key) || b.otherKeys.includes(a.key)) return 0.95
  for (const g of a.fatherGroups) if (b.fatherGroups.includes(g)) return 0.93
  if (a.initial || b.initial) return initialScore(a, b)
  if (a.abjad !== b.abjad) {
    if (a.consonants === b.consonants) return 0.9
    return spellingSimilarity(a.consonants, b.consonants) * 0.85
  }
  return spellingSimilarity(a.key, b.key) * SPELLING_WEIGHT
}

function initialScore(a: PreparedToken, b: PreparedToken): number {
  if (a.initial && b.initial) return a.initial === b.initial ? 0.9 : 0
  const [initial, word] = a.initial ? [a.initial, b] : [b.initial, a]
  return word.key.startsWith(initial) || word.text.charAt(0).toLowerCase() === initial ? 0.88 : 0
}

function tokenWhy(a: PreparedToken, b: PreparedToken, score: number): string {
  if (a.key === b.key) return `${a.text} = ${b.text} (same name key ${a.key})`
  if (a.groups.some((g) => b.groups.includes(g)))
    return `${a.text} = ${b.text} (one given name across languages)`
  if (a.otherKeys.includes(b.key) || b.otherKeys.includes(a.key))
    return `${a.text} = ${b.text} (Ukrainian and Russian forms)`
  if (a.fatherGroups.some((g) => b.fatherGroups.includes(g)))
    return `${a.text} = ${b.text} (patronymics of one father's name)`
  if (a.initial || b.initial)
    return score > 0 ? `${a.text} ~ ${b.text} (initial)` : `${a.text} ≠ ${b.text} (another initial)`
  if (a.abjad !== b.abjad) return `${a.text} ~ ${b.text} (consonants ${a.consonants} / ${b.consonants})`
  return `${a.text} ~ ${b.text} (spelling ${(score / SPELLING_WEIGHT).toFixed(2)})`
}

// The pairs the last match chose: indexes into the shorter and the longer name, and their scores.
const CHOSEN_SHORT = new Int32Array(8)
const CHOSEN_LONG = new Int32Array(8)
const CHOSEN_SCORE = new Float64Array(8)

/** The agreement a word adds when it must agree on its own: no word may be much worse than this. */
const WORST_WORD_MARGIN = 0.08
const SWAPPED_FIELDS = 0.05
const OUT_OF_ORDER = 0.02

/**
 * Pairs the words of two names greedily by best agreement and scores the whole, allocating
 * nothing. The whole is the mean agreement, but never more than the worst agreeing word allows
 * (a surname that does not agree is not hidden by a given name that does); names written the
 * other way round cost a little (fields swapped more); a word only one side has costs little for a
 * patronymic, more for any other word.
 */
function match(short: PreparedToken[], long: PreparedToken[]): { score: number; chosen: number } {
  const n = Math.min(short.length, 8)
  const m = Math.min(long.length, 8)
  if (n === 0) return { score: 0, chosen: 0 }
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) MATRIX[i * 8 + j] = tokenScore(short[i]!, long[j]!)
  let total = 0
  let worst = 1
  let usedShort = 0
  let usedLong = 0
  let chosen = 0
  for (let k = 0; k < n; k++) {
    let best = -1
    let bi = 0
    let bj = 0
    for (let i = 0; i < n; i++) {
      if (usedShort & (1 << i)) continue
      for (let j = 0; j < m; j++) {
        if (usedLong & (1 << j)) continue
        const v = MATRIX[i * 8 + j]!
        if (v > best) {
          best = v
          bi = i
          bj = j
        }
      }
    }
    if (best < 0) break
    usedShort |= 1 << bi
    usedLong |= 1 << bj
    CHOSEN_SHORT[chosen] = bi
    CHOSEN_LONG[chosen] = bj
    CHOSEN_SCORE[chosen] = best
    chosen++
    total += best
    if (best < worst) worst = best
  }
  let score = total / n
  if (score > worst + WORST_WORD_MARGIN) score = worst + WORST_WORD_MARGIN
  // order: surname against given name (fields swapped), or free text in another order
  let swapped = false
  let reordered = false
  for (let x = 0; x < chosen; x++) {
    const a = short[CHOSEN_SHORT[x]!]!
    const b = long[CHOSEN_LONG[x]!]!
    if ((a.role === 'surname' && b.role === 'given') || (a.role === 'given' && b.role === 'surname'))
      swapped = true
    for (let y = 0; y < chosen; y++)
      if (CHOSEN_SHORT[y]! > CHOSEN_SHORT[x]! && CHOSEN_LONG[y]! < CHOSEN_LONG[x]!) reordered = true
  }
  if (swapped) score -= SWAPPED_FIELDS
  else if (reordered) score -= OUT_OF_ORDER
  for (let j = 0; j < m; j++) {
    if (usedLong & (1 << j)) continue
    score -= long[j]!.patronymicLike ? 0.02 : 0.08
  }
  if (n === 1 && m > 1) score -= 0.05
  return { score: score < 0 ? 0 : score > 1 ? 1 : score, chosen }
}

/**
 * The score of `scorePrepared` without its reasons, allocating nothing: for ranking thousands of
 * candidates or comparing two lists (tens of millions of pairs).
 */
export function scoreOnly(a: PreparedName, b: PreparedName): number {
  const [short, long] = a.tokens.length <= b.tokens.length ? [a.tokens, b.tokens] : [b.tokens, a.tokens]
  return match(short, long).score
}

/**
 * How alike two prepared names are, 0..1, and why. Words are paired greedily by best match, so
 * surname and given name written the other way round still meet (for a little less); the worst
 * agreeing word bounds the whole; a patronymic only one side has costs little, any other unmatched
 * word more.
 */
export function scorePrepared(a: PreparedName, b: PreparedName): { score: number; reasons: string[] } {
  const [short, long] = a.tokens.length <= b.tokens.length ? [a, b] : [b, a]
  if (short.tokens.length === 0) return { score: 0, reasons: ['no name in letters to compare'] }
  const { score, chosen } = match(short.tokens, long.tokens)
  const reasons: string[] = []
  const usedLong = new Set<number>()
  let worst = 1
  let swapped = false
  for (let x = 0; x < chosen; x++) {
    const s = short.tokens[CHOSEN_SHORT[x]!]!
    const l = long.tokens[CHOSEN_LONG[x]!]!
    usedLong.add(CHOSEN_LONG[x]!)
    worst = Math.min(worst, CHOSEN_SCORE[x]!)
    if ((s.role === 'surname' && l.role === 'given') || (s.role === 'given' && l.role === 'surname'))
      swapped = true
    reasons.push(tokenWhy(s, l, CHOSEN_SCORE[x]!))
  }
  if (chosen > 1 && worst + WORST_WORD_MARGIN < 1)
    reasons.push(`the least alike word bounds the score (${worst.toFixed(2)})`)
  if (swapped) reasons.push("surname and given name in each other's fields")
  for (let j = 0; j < long.tokens.length; j++)
    if (!usedLong.has(j)) reasons.push(`${long.tokens[j]!.text} only on one side`)
  return { score, reasons }
}

/** Similarity of two full names in any scripts, robust to swapped order and a missing patronymic. */
export function compareNames(a: PersonName | string, b: PersonName | string) {
  return scorePrepared(prepareName(a), prepareName(b))
}
