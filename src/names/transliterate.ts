import { RU_BGN, RU_GOST_B, RU_ICAO, UK_2010 } from './standards'

export const STANDARDS = ['uk-2010', 'ru-icao', 'ru-gost-b', 'uk-bgn', 'ru-bgn'] as const
export type Standard = (typeof STANDARDS)[number]

export function isStandard(value: string): value is Standard {
  return (STANDARDS as readonly string[]).includes(value)
}

const APOSTROPHES = new Set(["'", '’', 'ʼ', '`'])
const CYRILLIC = /[\u0400-\u04FF]/
const LETTER = /\p{L}/u
const RU_VOWELS = new Set([...'аеёиоуыэюяіїє'])
// BGN/PCGN separates letters with a middle dot where the Latin letters would read as one sound.
const BGN_DOT_PAIRS: Record<string, Set<string>> = {
  т: new Set(['с']),
  ш: new Set(['ч', 'х']),
  к: new Set(['х']),
  с: new Set(['х']),
  ц: new Set(['х']),
  з: new Set(['х']),
  ы: new Set([...'ауыэ']),
  й: new Set([...'ауыэ']),
}

type Context = { prev: string; next: string; wordStart: boolean }

function romanOf(standard: Standard, c: string, ctx: Context): string | undefined {
  switch (standard) {
    case 'uk-2010':
    case 'uk-bgn': {
      if (APOSTROPHES.has(c)) return ''
      // "зг" is written zgh, so that it is not read as the digraph zh
      if (c === 'г' && ctx.prev === 'з') return 'gh'
      if (ctx.wordStart && UK_2010.initial[c]) return UK_2010.initial[c]
      return (UK_2010.letters as Record<string, string>)[c]
    }
    case 'ru-icao':
      return RU_ICAO.letters[c]
    case 'ru-gost-b': {
      if (c === 'ц') {
        const following = ctx.next ? (RU_GOST_B.letters[ctx.next] ?? ctx.next) : ''
        return /^[iejy]/.test(following) ? 'c' : 'cz'
      }
      return RU_GOST_B.letters[c]
    }
    case 'ru-bgn': {
      const afterVowel = ctx.wordStart || RU_VOWELS.has(ctx.prev) || 'йъь'.includes(ctx.prev || '-')
      let roman = RU_BGN.letters[c]
      if (c === 'е' && afterVowel) roman = 'ye'
      if (c === 'ё' && afterVowel) roman = 'yë'
      if (roman !== undefined && BGN_DOT_PAIRS[c]?.has(ctx.next)) roman += '·'
      return roman
    }
  }
}

/**
 * Writes Cyrillic text in Latin letters by one official standard, exactly, with the standard's
 * position rules. Case follows the source: a capitalised word stays capitalised (Щ → Shch), a word
 * in capitals stays in capitals (ЩЕРБАК → SHCHERBAK). Anything not Cyrillic passes through.
 */
export function transliterate(text: string, standard: Standard): string {
  const chars = [...text.normalize('NFC')]
  let out = ''
  let wordStart = true
  let wordUpper = false
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!
    const lower = ch.toLowerCase()
    const isLetter = LETTER.test(ch)
    const inWordApostrophe = APOSTROPHES.has(ch) && i > 0 && LETTER.test(chars[i - 1]!)
    if (!isLetter && !inWordApostrophe) {
      out += ch
      wordStart = true
      continue
    }
    if (wordStart) wordUpper = isAllCaps(chars, i)
    const roman =
      CYRILLIC.test(ch) || inWordApostrophe
        ? romanOf(standard, lower, {
            prev: i > 0 && !wordStart ? chars[i - 1]!.toLowerCase() : '',
            next: (chars[i + 1] ?? '').toLowerCase(),
            wordStart,
          })
        : undefined
    if (roman === undefined) out += ch
    else if (wordUpper) out += roman.toUpperCase()
    else if (ch !== lower) out += roman.charAt(0).toUpperCase() + roman.slice(1)
    else out += roman
    wordStart = false
  }
  return out
}

/** A word of two or more letters, all capitals. */
function isAllCaps(chars: string[], from: number): boolean {
  let letters = 0
  for (let j = from; j < chars.length; j++) {
    const c = chars[j]!
    if (!LETTER.test(c)) {
      if (APOSTROPHES.has(c)) continue
      break
    }
    if (c === c.toLowerCase()) return false
    letters++
  }
  return letters > 1
}
