/**
 * From a Latin spelling back to the Cyrillic spellings it plausibly stands for, in Ukrainian and in
 * Russian: "Oleksandr" → Олександр; "Syrskyi" → Сирський; "Sirsky" → Сирский, Сірський. A small
 * beam search over the Latin letter groups each standard (or habit) writes for one Cyrillic letter.
 */

import ua2ru from './data/ua2ru.json'
import { GIVEN_NAME_GROUPS } from './equivalents'

type Reading = 'uk' | 'ru'
// [Latin group, Cyrillic, weight in Ukrainian, weight in Russian]; weights rank the readings.
type Option = [string, string, number, number]

const GROUPS: Option[] = [
  ['shch', 'щ', 1, 1],
  ['sch', 'щ', 0.6, 0.6],
  ['shh', 'щ', 0.6, 0.6],
  ['zgh', 'зг', 1, 0.3],
  ['sk', 'ськ', 0.5, 0.02],
  ['tsk', 'цьк', 0.5, 0.02],
  ['l', 'ль', 0.15, 0.15],
  ['zh', 'ж', 1, 1],
  ['kh', 'х', 1, 1],
  ['ch', 'ч', 1, 1],
  ['sh', 'ш', 1, 1],
  ['ts', 'ц', 1, 1],
  ['tz', 'ц', 0.5, 0.5],
  ['cz', 'ц', 0.5, 0.5],
  ['ts', 'тс', 0.2, 0.2],
  ['ya', 'я', 1, 1],
  ['ia', 'я', 0.9, 0.9],
  ['ia', 'ія', 0.4, 0.2],
  ['iya', 'ія', 0.6, 0.3],
  ['iya', 'ия', 0.2, 0.6],
  ['yu', 'ю', 1, 1],
  ['iu', 'ю', 0.9, 0.9],
  ['ye', 'є', 0.9, 0.05],
  ['ye', 'е', 0.3, 0.9],
  ['ie', 'є', 0.8, 0.05],
  ['ie', 'ье', 0.05, 0.4],
  ['ie', 'ъе', 0.01, 0.2],
  ['yi', 'ї', 1, 0.05],
  ['yi', 'ий', 0.5, 0.3],
  ['yo', 'ьо', 0.6, 0.05],
  ['yo', 'йо', 0.4, 0.1],
  ['yo', 'ё', 0.01, 0.9],
  ['a', 'а', 1, 1],
  ['b', 'б', 1, 1],
  ['v', 'в', 1, 1],
  ['w', 'в', 0.5, 0.5],
  ['d', 'д', 1, 1],
  ['z', 'з', 1, 1],
  ['k', 'к', 1, 1],
  ['l', 'л', 1, 1],
  ['m', 'м', 1, 1],
  ['n', 'н', 1, 1],
  ['o', 'о', 1, 1],
  ['p', 'п', 1, 1],
  ['r', 'р', 1, 1],
  ['s', 'с', 1, 1],
  ['t', 'т', 1, 1],
  ['u', 'у', 1, 1],
  ['f', 'ф', 1, 1],
  ['ph', 'ф', 0.5, 0.5],
  ['g', 'г', 0.3, 1],
  ['g', 'ґ', 0.5, 0.01],
  ['h', 'г', 1, 0.2],
  ['h', 'х', 0.2, 0.5],
  ['e', 'е', 1, 1],
  ['e', 'є', 0.1, 0.01],
  ['e', 'э', 0.01, 0.2],
  ['y', 'и', 1, 0.3],
  ['y', 'ы', 0.01, 0.8],
  ['y', 'й', 0.5, 0.5],
  ['i', 'і', 1, 0.05],
  ['i', 'и', 0.3, 1],
  ['i', 'й', 0.3, 0.4],
  ['j', 'й', 0.5, 0.5],
  ['x', 'кс', 1, 1],
  ['c', 'к', 0.4, 0.4],
  ['c', 'ц', 0.4, 0.4],
  ['q', 'к', 0.5, 0.5],
  ["'", 'ь', 0.5, 0.6],
  ["'", 'ʼ', 0.6, 0.01],
  ['`', 'ь', 0.5, 0.6],
]
// Endings that the standards write differently from the letters inside a word
const ENDINGS: Option[] = [
  ['yi', 'ий', 1, 0.4],
  ['iy', 'ий', 0.6, 0.8],
  ['iy', 'ій', 0.6, 0.01],
  ['ii', 'ій', 0.8, 0.01],
  ['ii', 'ий', 0.4, 0.6],
  ['yy', 'ый', 0.01, 0.7],
  ['y', 'ий', 0.5, 0.6],
  ['y', 'ый', 0.01, 0.4],
  ['ij', 'ий', 0.3, 0.5],
]

type Candidate = { text: string; weight: number }

const VOWELS = new Set([...'аеєиіїоуюяыэё'])
// Every letter group emitted costs a little, so a digraph read as one letter (sh: ш) beats its
// letters read apart (s, h: сг).
const STEP = 0.8

/** й after a vowel (Nikolai, Serhii), і or и elsewhere. */
function contextWeight(out: string, cyrillic: string, weight: number): number {
  const afterVowel = VOWELS.has(out.at(-1) ?? '')
  if (cyrillic === 'й') return afterVowel ? 1 : weight * 0.3
  if ((cyrillic === 'і' || cyrillic === 'и') && afterVowel) return weight * 0.3
  return weight
}

function readingsOf(word: string, reading: Reading, beam: number): Candidate[] {
  const lower = word.toLowerCase()
  const w = (o: Option) => (reading === 'uk' ? o[2] : o[3])
  let states: { at: number; out: string; weight: number }[] = [{ at: 0, out: '', weight: 1 }]
  const done: Candidate[] = []
  while (states.length > 0) {
    const next: typeof states = []
    for (const s of states) {
      if (s.at >= lower.length) {
        done.push({ text: s.out, weight: s.weight })
        continue
      }
      const rest = lower.slice(s.at)
      for (const o of ENDINGS)
        if (rest === o[0] && w(o) > 0)
          next.push({ at: lower.length, out: s.out + o[1], weight: s.weight * w(o) * STEP })
      let matched = false
      for (const o of GROUPS) {
        if (!rest.startsWith(o[0]) || w(o) <= 0) continue
        matched = true
        const weight = contextWeight(s.out, o[1], w(o))
        next.push({ at: s.at + o[0].length, out: s.out + o[1], weight: s.weight * weight * STEP })
      }
      if (!matched) next.push({ at: s.at + 1, out: s.out + rest[0], weight: s.weight * 0.5 })
    }
    next.sort((a, b) => b.weight - a.weight)
    states = next.slice(0, beam)
  }
  return done
}

function restoreCase(source: string, cyrillic: string): string {
  if (source.length > 1 && source === source.toUpperCase()) return cyrillic.toUpperCase()
  if (source[0] && source[0] !== source[0].toLowerCase())
    return cyrillic.charAt(0).toUpperCase() + cyrillic.slice(1)
  return cyrillic
}

// Spellings the name tables know are preferred over spellings only the letters suggest.
const KNOWN = new Set<string>([
  ...GIVEN_NAME_GROUPS.flatMap((g) => [...g.uk, ...g.ru, ...g.diminutives]).map((n) => n.toLowerCase()),
  ...(ua2ru as [string, string][]).flat().map((n) => n.toLowerCase()),
])
const KNOWN_BOOST = 20

/** The plausible Cyrillic spellings of a Latin name, most plausible first (Ukrainian and Russian readings). */
export function cyrillicSpellings(latin: string, limit = 8): string[] {
  const words = latin.trim().split(/\s+/).filter(Boolean)
  if (words.length === 0) return []
  const perReading = (['uk', 'ru'] as const).map((reading) => {
    let phrases: Candidate[] = [{ text: '', weight: 1 }]
    for (const word of words) {
      const options = readingsOf(word, reading, 48)
        .map((c) => (KNOWN.has(c.text) ? { ...c, weight: c.weight * KNOWN_BOOST } : c))
        .sort((a, b) => b.weight - a.weight)
        .slice(0, limit)
        .map((c) => ({ text: restoreCase(word, c.text), weight: c.weight }))
      phrases = phrases
        .flatMap((p) =>
          options.map((o) => ({
            text: p.text ? `${p.text} ${o.text}` : o.text,
            weight: p.weight * o.weight,
          })),
        )
        .sort((a, b) => b.weight - a.weight)
        .slice(0, limit)
    }
    return phrases
  })
  const best = new Map<string, number>()
  for (const c of perReading.flat()) best.set(c.text, Math.max(best.get(c.text) ?? 0, c.weight))
  return [...best.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([text]) => text)
}
