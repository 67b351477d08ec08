const UKRAINIAN_ONLY = /[іїєґІЇЄҐ]/
const RUSSIAN_ONLY = /[ыэъёЫЭЪЁ]/

/** Which language a Cyrillic name is written in, where its letters tell: і ї є ґ are Ukrainian, ы э ъ ё Russian. */
export function cyrillicLanguageOf(text: string): 'uk' | 'ru' | 'unknown' {
  const uk = UKRAINIAN_ONLY.test(text)
  const ru = RUSSIAN_ONLY.test(text)
  if (uk && !ru) return 'uk'
  if (ru && !uk) return 'ru'
  return 'unknown'
}
