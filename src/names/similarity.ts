import { givenNameGroups, otherLanguageKeys } from './equivalents'
import { nameKey } from './key'
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

function makeToken(text: string, role: Role): PreparedToken {
  return {
    text,
    role,
    key: nameKey(text),
    groups: role === 'surname' ? [] : givenNameGroups(text),
    otherKeys: otherLanguageKeys(text),
    fatherGroups: role === 'patronymic' || role === 'unknown' ? fatherGroupsOf(text) : [],
  }
}

/** Prepares a name for many comparisons. A plain string is split into words of unknown role. */
export function prepareName(name: PersonName | string): PreparedName {
  if (typeof name === 'string') return { tokens: nameTokens(name).map((t) => prepareToken(t, 'unknown')) }
  const tokens = [prepareToken(name.surname, 'surname')]
  for (const t of nameTokens(name.givenName ?? '')) tokens.push(prepareToken(t, 'given'))
  for (const t of nameTokens(name.patronymic ?? '')) tokens.push(prepareToken(t, 'patronymic'))
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

type TokenMatch = { score: number; why: string }

function tokenScore(a: PreparedToken, b: PreparedToken): number {
  if (a.key === b.key) return 1
  for (const g of a.groups) if (b.groups.includes(g)) return 0.95
  if (a.otherKeys.includes(b.key) || b.otherKeys.includes(a.key)) return 0.95
  for (const g of a.fatherGroups) if (b.fatherGroups.includes(g)) return 0.93
  return a.key.length < 32 && b.key.length < 32 ? jaroWinkler(a.key, b.key) * 0.92 : 0
}

/**
 * The score of `scorePrepared` without its reasons, allocating nothing: for ranking thousands of
 * candidates or comparing two lists (tens of millions of pairs).
 */
export function scoreOnly(a: PreparedName, b: PreparedName): number {
  const [short, long] = a.tokens.length <= b.tokens.length ? [a.tokens, b.tokens] : [b.tokens, a.tokens]
  const n = Math.min(short.length, 8)
  const m = Math.min(long.length, 8)
  if (n === 0) return 0
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) MATRIX[i * 8 + j] = tokenScore(short[i]!, long[j]!)
  let total = 0
  let usedShort = 0
  let usedLong = 0
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
    total += best
  }
  let score = total / n
  for (let j = 0; j < m; j++) {
    if (usedLong & (1 << j)) continue
    const t = long[j]!
    score -= t.role === 'patronymic' || t.fatherGroups.length > 0 ? 0.02 : 0.08
  }
  if (n === 1 && m > 1) score -= 0.05
  return score < 0 ? 0 : score > 1 ? 1 : score
}

function compareTokens(a: PreparedToken, b: PreparedToken): TokenMatch {
  if (a.key === b.key) return { score: 1, why: `${a.text} = ${b.text} (same name key ${a.key})` }
  if (a.groups.some((g) => b.groups.includes(g)))
    return { score: 0.95, why: `${a.text} = ${b.text} (one given name across languages)` }
  if (a.otherKeys.includes(b.key) || b.otherKeys.includes(a.key))
    return { score: 0.95, why: `${a.text} = ${b.text} (Ukrainian and Russian forms)` }
  if (a.fatherGroups.some((g) => b.fatherGroups.includes(g)))
    return { score: 0.93, why: `${a.text} = ${b.text} (patronymics of one father's name)` }
  // keys longer than 31 letters fall outside the bit masks; they are compared as unequal
  const jw = a.key.length < 32 && b.key.length < 32 ? jaroWinkler(a.key, b.key) : 0
  return { score: jw * 0.92, why: `${a.text} ~ ${b.text} (spelling ${jw.toFixed(2)})` }
}

/**
 * How alike two prepared names are, 0..1, and why. Words are paired greedily by best match, so
 * surname and given name written the other way round still meet; a patronymic only one side has
 * costs little, any other unmatched word more.
 */
export function scorePrepared(a: PreparedName, b: PreparedName): { score: number; reasons: string[] } {
  const [short, long] = a.tokens.length <= b.tokens.length ? [a, b] : [b, a]
  if (short.tokens.length === 0) return { score: 0, reasons: ['no name to compare'] }
  const pairs: { i: number; j: number; m: TokenMatch }[] = []
  for (let i = 0; i < short.tokens.length; i++)
    for (let j = 0; j < long.tokens.length; j++)
      pairs.push({ i, j, m: compareTokens(short.tokens[i]!, long.tokens[j]!) })
  pairs.sort((x, y) => y.m.score - x.m.score)
  const usedShort = new Set<number>()
  const usedLong = new Set<number>()
  let total = 0
  const reasons: string[] = []
  for (const p of pairs) {
    if (usedShort.has(p.i) || usedLong.has(p.j)) continue
    usedShort.add(p.i)
    usedLong.add(p.j)
    total += p.m.score
    reasons.push(p.m.why)
  }
  let score = total / short.tokens.length
  for (let j = 0; j < long.tokens.length; j++) {
    if (usedLong.has(j)) continue
    const t = long.tokens[j]!
    const patronymicLike = t.role === 'patronymic' || t.fatherGroups.length > 0
    score -= patronymicLike ? 0.02 : 0.08
    reasons.push(`${t.text} only on one side`)
  }
  if (short.tokens.length === 1 && long.tokens.length > 1) score -= 0.05
  return { score: Math.max(0, Math.min(1, score)), reasons }
}

/** Similarity of two full names in any scripts, robust to swapped order and a missing patronymic. */
export function compareNames(a: PersonName | string, b: PersonName | string) {
  return scorePrepared(prepareName(a), prepareName(b))
}
