/**
 * Cleaning a name before it is compared: the forms a keyboard, a scanner or a spreadsheet give one
 * name must become one string.
 */

const APOSTROPHES = /['’ʼ‘`´ʹ]/g
const DASHES = /[‐‑‒–—―−]/g
// Latin letters that look like Cyrillic ones, typed on the wrong layout inside a Cyrillic word
const LATIN_TO_CYRILLIC: Record<string, string> = {
  a: 'а',
  c: 'с',
  e: 'е',
  i: 'і',
  o: 'о',
  p: 'р',
  x: 'х',
  y: 'у',
  k: 'к',
  m: 'м',
  t: 'т',
  h: 'н',
  b: 'в',
  A: 'А',
  C: 'С',
  E: 'Е',
  I: 'І',
  O: 'О',
  P: 'Р',
  X: 'Х',
  Y: 'У',
  K: 'К',
  M: 'М',
  T: 'Т',
  H: 'Н',
  B: 'В',
}
const CYRILLIC_TO_LATIN: Record<string, string> = {
  а: 'a',
  с: 'c',
  е: 'e',
  і: 'i',
  о: 'o',
  р: 'p',
  х: 'x',
  у: 'y',
  к: 'k',
  А: 'A',
  С: 'C',
  Е: 'E',
  І: 'I',
  О: 'O',
  Р: 'P',
  Х: 'X',
  У: 'Y',
  К: 'K',
  М: 'M',
  Т: 'T',
  Н: 'H',
  В: 'B',
}

export type Script = 'cyrillic' | 'latin' | 'mixed' | 'other'

export function detectScript(text: string): Script {
  const cyr = /\p{Script=Cyrillic}/u.test(text)
  const lat = /\p{Script=Latin}/u.test(text)
  if (cyr && lat) return 'mixed'
  if (cyr) return 'cyrillic'
  if (lat) return 'latin'
  return 'other'
}

/**
 * Repairs words typed partly on the wrong keyboard layout: a word that is mostly Cyrillic gets the
 * Cyrillic look-alikes of its Latin letters, and the reverse.
 */
export function repairMixedScript(word: string): string {
  let cyr = 0
  let lat = 0
  for (const ch of word) {
    if (/\p{Script=Cyrillic}/u.test(ch)) cyr++
    else if (/\p{Script=Latin}/u.test(ch)) lat++
  }
  if (cyr === 0 || lat === 0) return word
  const table = cyr >= lat ? LATIN_TO_CYRILLIC : CYRILLIC_TO_LATIN
  return [...word].map((ch) => table[ch] ?? ch).join('')
}

/**
 * NFKC, one apostrophe (ʼ, the Ukrainian orthographic one), one hyphen, single spaces, and
 * mixed-layout words repaired. Case is kept: display needs it; keys fold it.
 */
export function normaliseName(text: string): string {
  return text
    .normalize('NFKC')
    .replace(APOSTROPHES, 'ʼ')
    .replace(DASHES, '-')
    .replace(/\s*-\s*/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .split(' ')
    .map(repairMixedScript)
    .join(' ')
}

/** The words of a name: split on spaces and commas; hyphenated parts stay one word. */
export function nameTokens(text: string): string[] {
  return normaliseName(text)
    .split(/[\s,;]+/)
    .filter((t) => t.length > 0)
}
