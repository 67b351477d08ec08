import { normaliseName } from './normalise'

// Every Cyrillic letter to a Latin skeleton that the folding below treats like any Latin spelling.
const SKELETON: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  ґ: 'g',
  д: 'd',
  е: 'e',
  є: 'ye',
  ё: 'yo',
  ж: 'zh',
  з: 'z',
  и: 'i',
  і: 'i',
  ї: 'yi',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
}

// Applied in order; the placeholders (upper-case letters) keep digraphs from being folded again.
const FOLDS: [RegExp, string][] = [
  [/[ʼ'`’”·]/g, ''],
  [/shch|sch|shh/g, 'Щ'],
  [/zh/g, 'Ж'],
  [/kh/g, 'H'],
  [/ch/g, 'Ч'],
  [/sh/g, 'Ш'],
  [/ts|tz|cz/g, 'Ц'],
  [/ph/g, 'f'],
  [/th/g, 't'],
  [/ck/g, 'k'],
  [/c(?=[eiy])/g, 'Ц'],
  [/c/g, 'k'],
  [/x/g, 'ks'],
  [/w/g, 'v'],
  [/q/g, 'k'],
  [/j/g, 'y'],
  // г/ґ/х/g/h/kh are one sound class across the two languages and their romanisations
  [/[gh]/g, 'H'],
  // и/і/ы/й/y/i are one vowel class
  [/y/g, 'i'],
  [/i{2,}/g, 'i'],
  // е/є/э/ye/ie/ё/yo: a soft vowel after a consonant, or a plain e
  [/(?<=[bdfklmnprstvzHЖЧШЩЦ])io/g, 'e'],
  [/ie/g, 'e'],
  // -off, -eff: the French and German way of writing -ов, -ев (Ivanoff, Kuznetzoff)
  [/(?<=[oe])ff$/g, 'v'],
  [/(.)\1+/g, '$1'],
]

/**
 * Bumped whenever the folding rules change: stored keys made by another version are recomputed at
 * start (src/search/backfill.ts), so old and new keys never meet in one search.
 */
export const NAME_KEY_VERSION = 2

/**
 * The name key of one word: its Ukrainian, Russian and Latin spellings by any standard (or none)
 * give the same key, so "Сирський", "Сырский", "Syrskyi", "Sirsky" and "Syrsky" meet. Keys are for
 * finding candidates; deciding is the similarity score's work.
 */
export function nameKey(word: string): string {
  let s = ''
  for (const ch of normaliseName(word).toLowerCase().normalize('NFD').replace(/\p{M}/gu, ''))
    s += SKELETON[ch] ?? ch
  s = s.replace(/[^a-zʼ'`’”·-]/g, '')
  for (const [pattern, replacement] of FOLDS) s = s.replace(pattern, replacement)
  return s.replace(/[ЩЖЧШЦH]/g, (c) => READABLE[c]!)
}

const READABLE: Record<string, string> = { Щ: 'shch', Ж: 'zh', Ч: 'ch', Ш: 'sh', Ц: 'ts', H: 'h' }

/** Keys of every word of a full name, in order. */
export function fullNameKeys(fullName: string): string[] {
  return normaliseName(fullName)
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map(nameKey)
    .filter(Boolean)
}
