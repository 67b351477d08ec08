import { transliterate } from '../names/transliterate'
import type { Random } from './random'

// How people write names in Latin letters without a standard: English habits, dropped softness,
// and the spellings of an older passport or a foreign newspaper.
const LOOSE: [RegExp, string][] = [
  [/iy\b/g, 'y'],
  [/yi\b/g, 'y'],
  [/ii\b/g, 'y'],
  [/kh/g, 'h'],
  [/ia/g, 'ya'],
  [/iu/g, 'yu'],
  [/ie/g, 'e'],
  [/ks/g, 'x'],
  [/zh/g, 'j'],
  [/ts/g, 'tz'],
  [/v\b/g, 'ff'],
  [/y/g, 'i'],
]

/** A Latin spelling someone might write by ear: a standard's output, loosened by a few habits. */
export function informalLatin(random: Random, cyrillic: string): string {
  let text = transliterate(cyrillic, random.chance(0.5) ? 'ru-icao' : 'ru-bgn').replace(/[’”·ë]/g, (c) =>
    c === 'ë' ? 'e' : '',
  )
  let applied = 0
  for (const [pattern, replacement] of LOOSE) {
    if (applied < 2 && pattern.test(text) && random.chance(0.5)) {
      text = text.replace(pattern, replacement)
      applied++
    }
    pattern.lastIndex = 0
  }
  return text
}
