import anyAscii from 'any-ascii'
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
  // German (Schewtschenko: sch ш, tsch ч, schtsch щ) and Polish (sz ш, szcz щ) spellings, before the
  // English digraphs
  [/schtsch|shch|szcz|shh/g, 'Щ'],
  [/tsch/g, 'Ч'],
  [/sch|sz/g, 'Ш'],
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
export const NAME_KEY_VERSION = 3

// Scholarly and Czech-style letters, read before diacritics are removed (Ševčenko is Shevchenko, not
// Sevcenko); ć is the Polish soft ц.
const SCHOLARLY: Record<string, string> = {
  č: 'ch',
  š: 'sh',
  ž: 'zh',
  ć: 'ts',
  ǯ: 'dzh',
  ǆ: 'dzh',
  ï: 'yi',
  // Latin letters NFD does not take apart
  ł: 'l',
  ø: 'o',
  đ: 'd',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ı: 'i',
}
const SCHOLARLY_LETTERS = /[čšžćǯǆïłøđßæœı]/g
const HAS_SCHOLARLY = /[čšžćǯǆïłøđßæœı]/

// Letters neither Latin nor Cyrillic (Arabic, Chinese, Korean, Armenian, Georgian, Greek...): brought
// to Latin by any-ascii first. Latin with diacritics and Cyrillic keep their own rules below.
function hasOtherScript(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    // Latin with its marks, Cyrillic, Latin Extended Additional, punctuation
    if (c < 0x370 || (c >= 0x400 && c < 0x530) || (c >= 0x1e00 && c < 0x2070)) continue
    return true
  }
  return false
}

// Korean surnames as their bearers write them in Latin letters (Kim, not Gim; Park, not Bak).
const KOREAN_SURNAMES: Record<string, string> = {
  김: 'Kim',
  이: 'Lee',
  박: 'Park',
  최: 'Choi',
  정: 'Jung',
  강: 'Kang',
  조: 'Cho',
  윤: 'Yoon',
  장: 'Jang',
  임: 'Lim',
  한: 'Han',
  신: 'Shin',
}

/**
 * A name word in any script as Latin letters: Cyrillic and Latin pass unchanged (their own rules
 * follow), anything else through any-ascii. A Chinese or Korean name written as one word splits
 * into its surname (the first character) and given name, as Latin lists write it (王小明: Wang
 * Xiaoming).
 */
export function toLatinWords(word: string): string[] {
  if (!hasOtherScript(word)) return [word]
  const chars = [...word]
  if (chars.length >= 2 && chars.length <= 4 && /^[\p{Script=Han}\p{Script=Hangul}]+$/u.test(word)) {
    const surname = KOREAN_SURNAMES[chars[0]!] ?? anyAscii(chars[0]!)
    return [surname, anyAscii(chars.slice(1).join('')).toLowerCase()]
  }
  return [anyAscii(word)]
}

/**
 * The name key of one word: its Ukrainian, Russian and Latin spellings by any standard (or none)
 * give the same key, so "Сирський", "Сырский", "Syrskyi", "Sirsky" and "Syrsky" meet. Keys are for
 * finding candidates; deciding is the similarity score's work.
 */
export function nameKey(word: string): string {
  let s = ''
  let text = normaliseName(word).toLowerCase()
  if (HAS_SCHOLARLY.test(text)) text = text.replace(SCHOLARLY_LETTERS, (c) => SCHOLARLY[c]!)
  if (hasOtherScript(text)) text = toLatinWords(text).join('').toLowerCase()
  for (const ch of text.normalize('NFD').replace(/\p{M}/gu, '')) s += SKELETON[ch] ?? ch
  s = s.replace(/[^a-zʼ'`’”·-]/g, '')
  // German and Polish write х as ch (Chatschaturow, Charkiw), German writes ц as z (Schazkij);
  // none of these letter pairs comes out of a Cyrillic word's skeleton
  // (tested with includes first: keys are made in the hot loops of search and linkage)
  if (s.includes('w') || s.includes('sz') || s.includes('sch')) {
    s = s.replace(/(?<![st])ch/g, 'H')
    if (s.includes('sch')) s = s.replace(/z(?!h)/g, 'Ц')
    // Polish writes ч as cz where GOST 7.79 writes ц as cz: only a Polish word (w, sz) reads it as ч
    if (s.includes('w') || s.includes('sz')) s = s.replace(/cz/g, 'Ч')
  } else if (s.includes('tch') || s.includes('ou')) {
    // French: ch is ш wherever tch writes ч (Chevtchenko), ou is у (Drapouchko)
    s = s
      .replace(/(?<!t)ch/g, 'Ш')
      .replace(/tch/g, 'Ч')
      .replace(/ou/g, 'u')
  }
  for (const [pattern, replacement] of FOLDS) s = s.replace(pattern, replacement)
  s = s.replace(/[ЩЖЧШЦH]/g, (c) => READABLE[c]!)
  // no letter at all (a dash, an apostrophe): an empty key, unknown, never equal to anything
  return /[a-z]/.test(s) ? s : ''
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
