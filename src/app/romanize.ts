import { cyrillicLanguageOf } from '../names/language'
import { transliterate } from '../names/transliterate'

/**
 * Latin form of a name as written, stored beside it for search and for lists sent abroad: the
 * Ukrainian national standard for Ukrainian names, else ICAO Doc 9303, the passport standard that
 * the other side's documents use, so the stored form matches what their papers show.
 */
export function romanizeName(text: string): string {
  return transliterate(text, cyrillicLanguageOf(text) === 'uk' ? 'uk-2010' : 'ru-icao')
}
