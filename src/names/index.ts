export { cyrillicSpellings } from './cyrillic'
export {
  GIVEN_NAME_GROUPS,
  givenNameGroups,
  otherLanguageKeys,
  russianToUkrainian,
  sameGivenName,
  ukrainianToRussian,
} from './equivalents'
export { fullNameKeys, nameKey } from './key'
export { cyrillicLanguageOf } from './language'
export { detectScript, nameTokens, normaliseName } from './normalise'
export {
  compareNames,
  jaroWinkler,
  type PersonName,
  type PreparedName,
  prepareName,
  scoreOnly,
  scorePrepared,
} from './similarity'
export { isStandard, STANDARDS, type Standard, transliterate } from './transliterate'
