import { type Standard, transliterate } from '../names/transliterate'
import { patronymicOf } from './forms'
import { informalLatin } from './informal'
import { typingError } from './keyboards'
import type { GeneratedPerson } from './population'
import type { Random } from './random'

/** What another office would have written about a person: the fields a list carries. */
export type ListRecord = {
  surname: string
  givenName: string
  patronymic: string
  dateOfBirth: string
  placeOfBirth: string
  rank: string
  serviceNumber: string
  unit: string
}

/** Ways another office writes a record differently; each is applied at its own rate. */
export const CORRUPTIONS = [
  'transliterated',
  'informal_latin',
  'other_language',
  'typo',
  'swapped_names',
  'patronymic_missing',
  'dob_day_month_swapped',
  'dob_year_off',
  'dob_missing',
  'field_empty',
] as const
export type Corruption = (typeof CORRUPTIONS)[number]
export type CorruptionRates = Record<Corruption, number>

export const DEFAULT_RATES: CorruptionRates = {
  transliterated: 0.25,
  informal_latin: 0.1,
  other_language: 0.15,
  typo: 0.15,
  swapped_names: 0.05,
  patronymic_missing: 0.3,
  dob_day_month_swapped: 0.03,
  dob_year_off: 0.05,
  dob_missing: 0.05,
  field_empty: 0.15,
}

export type CorruptedRecord = ListRecord & { truePersonId: string; corruptions: Corruption[] }

export function recordOf(p: GeneratedPerson): ListRecord {
  return {
    surname: p.surname,
    givenName: p.givenName,
    patronymic: p.patronymic,
    dateOfBirth: p.dateOfBirth,
    placeOfBirth: p.placeOfBirth,
    rank: p.rank,
    serviceNumber: p.serviceNumber,
    unit: p.unit,
  }
}

const EMPTIABLE: (keyof ListRecord)[] = ['rank', 'serviceNumber', 'unit', 'placeOfBirth']

/**
 * Turns a true record into what another office would have written. Every corruption is decided
 * independently with its rate and named in the result, so tests and benchmarks know the truth.
 */
export function corruptPerson(
  random: Random,
  p: GeneratedPerson,
  rates: Partial<CorruptionRates> = {},
): CorruptedRecord {
  const rate = { ...DEFAULT_RATES, ...rates }
  const r = recordOf(p)
  const applied: Corruption[] = []
  const lang = p.nationality === 'UA' ? 'uk' : 'ru'

  if (random.chance(rate.other_language)) {
    const other = lang === 'uk' ? 'ru' : 'uk'
    r.givenName = p.forms.givenName[other]
    r.surname = p.sex === 'male' ? p.forms.surname[other] : r.surname
    r.patronymic = patronymicOf(p.forms.father[other], other, p.sex)
    applied.push('other_language')
  }
  if (random.chance(rate.patronymic_missing)) {
    r.patronymic = ''
    applied.push('patronymic_missing')
  }
  if (random.chance(rate.typo)) {
    const field = random.chance(0.7) ? 'surname' : 'givenName'
    r[field] = typingError(random, r[field]).text
    applied.push('typo')
  }
  // Latin spellings come after the Cyrillic slips, as a clerk abroad copies what was sent.
  if (random.chance(rate.transliterated)) {
    const standard: Standard = random.pick(
      lang === 'uk'
        ? (['uk-2010', 'uk-2010', 'ru-icao'] as const)
        : (['ru-icao', 'ru-gost-b', 'ru-bgn'] as const),
    )
    r.surname = transliterate(r.surname, standard)
    r.givenName = transliterate(r.givenName, standard)
    r.patronymic = transliterate(r.patronymic, standard)
    applied.push('transliterated')
  } else if (random.chance(rate.informal_latin)) {
    r.surname = informalLatin(random, r.surname)
    r.givenName = random.chance(0.6) ? p.forms.givenName.en : informalLatin(random, r.givenName)
    r.patronymic = r.patronymic ? informalLatin(random, r.patronymic) : ''
    applied.push('informal_latin')
  }
  if (random.chance(rate.swapped_names)) {
    ;[r.surname, r.givenName] = [r.givenName, r.surname]
    applied.push('swapped_names')
  }
  if (random.chance(rate.dob_missing)) {
    r.dateOfBirth = ''
    applied.push('dob_missing')
  } else {
    if (random.chance(rate.dob_day_month_swapped)) {
      // written the other way round; with a day above 12 the result is not a date, as in real lists
      const [y, m, d] = r.dateOfBirth.split('-')
      r.dateOfBirth = `${y}-${d}-${m}`
      applied.push('dob_day_month_swapped')
    }
    if (random.chance(rate.dob_year_off)) {
      const year = Number(r.dateOfBirth.slice(0, 4)) + (random.chance(0.5) ? 1 : -1)
      r.dateOfBirth = `${year}${r.dateOfBirth.slice(4)}`
      applied.push('dob_year_off')
    }
  }
  if (random.chance(rate.field_empty)) {
    r[random.pick(EMPTIABLE)] = ''
    applied.push('field_empty')
  }
  return { ...r, truePersonId: p.id, corruptions: applied }
}
