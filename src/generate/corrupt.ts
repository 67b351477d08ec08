import { GIVEN_NAME_GROUPS, givenNameGroups } from '../names/equivalents'
import { type Standard, transliterate } from '../names/transliterate'
import { feminineSurname, patronymicOf } from './forms'
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
  // the classes below are off by default (rate 0 draws nothing, so older seeds write the same
  // files) and on in the hard scenario
  'surname_typo',
  'given_typo',
  'given_diminutive',
  'surname_russian_form',
  'service_number_slip',
  // lists from the other side mostly carry no service number, and some give only a year of birth:
  // without these the hard list linked on service numbers alone and scored F1 1.000
  'service_number_missing',
  'dob_year_only',
  // nor, mostly, the place of birth or the unit: with both on every row a true pair had some eight
  // bits of evidence no real list gives
  'place_missing',
  'unit_missing',
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
  surname_typo: 0,
  given_typo: 0,
  given_diminutive: 0,
  surname_russian_form: 0,
  service_number_slip: 0,
  service_number_missing: 0,
  dob_year_only: 0,
  place_missing: 0,
  unit_missing: 0,
}

/**
 * The hard scenario: the error classes real lists show most, at the rates seen in them. Names
 * swapped between fields in about 6% of rows, no date in 3%, a surname with one or two slips in 5%,
 * given names misspelt or written as a diminutive, Ukrainian surnames in their Russian form, dates
 * with day and month swapped, service numbers with one wrong character; Latin spellings by ICAO,
 * the Ukrainian 2010 standard (HARD_STANDARDS) or by ear.
 */
export const HARD_RATES: CorruptionRates = {
  transliterated: 0.3,
  informal_latin: 0.15,
  other_language: 0.15,
  typo: 0.05,
  swapped_names: 0.06,
  patronymic_missing: 0.35,
  dob_day_month_swapped: 0.03,
  dob_year_off: 0.04,
  dob_missing: 0.03,
  field_empty: 0.2,
  surname_typo: 0.05,
  given_typo: 0.04,
  given_diminutive: 0.06,
  surname_russian_form: 0.1,
  service_number_slip: 0.04,
  service_number_missing: 0.7,
  dob_year_only: 0.03,
  place_missing: 0.6,
  unit_missing: 0.8,
}

/** The romanisations lists received today are written in: ICAO passports, the Ukrainian 2010 standard. */
export const HARD_STANDARDS: readonly Standard[] = ['ru-icao', 'uk-2010', 'ru-icao', 'uk-2010', 'ru-bgn']

/** `namesake`: a list person not in the register who carries a register person's name (hard lists). */
export type CorruptedRecord = ListRecord & { truePersonId: string; corruptions: (Corruption | 'namesake')[] }

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
  /** the romanisations to draw from; unset: the ones each language's documents use */
  standards?: readonly Standard[],
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
  if (rate.surname_russian_form > 0 && lang === 'uk' && random.chance(rate.surname_russian_form)) {
    // the Russian form of a Ukrainian surname (Кіт: Кот, Олійник: Олейник), as Russian lists write it
    const ru = p.forms.surname.ru
    r.surname = p.sex === 'male' ? ru : feminineSurname(ru, 'ru')
    applied.push('surname_russian_form')
  }
  if (rate.given_diminutive > 0 && random.chance(rate.given_diminutive)) {
    const diminutive = diminutiveOf(random, r.givenName)
    if (diminutive) {
      r.givenName = diminutive
      applied.push('given_diminutive')
    }
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
  if (rate.surname_typo > 0 && random.chance(rate.surname_typo)) {
    r.surname = typingError(random, r.surname).text
    if (random.chance(0.3)) r.surname = typingError(random, r.surname).text
    applied.push('surname_typo')
  }
  if (rate.given_typo > 0 && random.chance(rate.given_typo)) {
    r.givenName = typingError(random, r.givenName).text
    applied.push('given_typo')
  }
  // Latin spellings come after the Cyrillic slips, as a clerk abroad copies what was sent.
  if (random.chance(rate.transliterated)) {
    const standard: Standard = random.pick(
      standards ??
        (lang === 'uk'
          ? (['uk-2010', 'uk-2010', 'ru-icao'] as const)
          : (['ru-icao', 'ru-gost-b', 'ru-bgn'] as const)),
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
  if (rate.dob_year_only > 0 && r.dateOfBirth && random.chance(rate.dob_year_only)) {
    r.dateOfBirth = r.dateOfBirth.slice(0, 4)
    applied.push('dob_year_only')
  }
  if (rate.service_number_missing > 0 && r.serviceNumber && random.chance(rate.service_number_missing)) {
    r.serviceNumber = ''
    applied.push('service_number_missing')
  } else if (rate.service_number_slip > 0 && r.serviceNumber && random.chance(rate.service_number_slip)) {
    r.serviceNumber = oneWrongCharacter(random, r.serviceNumber)
    applied.push('service_number_slip')
  }
  if (rate.place_missing > 0 && random.chance(rate.place_missing)) {
    r.placeOfBirth = ''
    applied.push('place_missing')
  }
  if (rate.unit_missing > 0 && random.chance(rate.unit_missing)) {
    r.unit = ''
    applied.push('unit_missing')
  }
  if (random.chance(rate.field_empty)) {
    r[random.pick(EMPTIABLE)] = ''
    applied.push('field_empty')
  }
  return { ...r, truePersonId: p.id, corruptions: applied }
}

/** A Cyrillic diminutive of a given name in the same language family (Олександр: Саша), if one is known. */
function diminutiveOf(random: Random, givenName: string): string | null {
  const options = givenNameGroups(givenName).flatMap((id) =>
    GIVEN_NAME_GROUPS[id]!.diminutives.filter((d) => /\p{Script=Cyrillic}/u.test(d)),
  )
  return options.length > 0 ? random.pick(options) : null
}

/** A service number with one digit or letter misread or mistyped (the hyphen stays). */
function oneWrongCharacter(random: Random, serviceNumber: string): string {
  const chars = [...serviceNumber]
  const positions = chars.flatMap((c, i) => (c === '-' ? [] : [i]))
  const at = random.pick(positions)
  const was = chars[at]!
  const pool = /\d/.test(was) ? '0123456789' : 'АВЕКМНОРСТ'
  let now = was
  while (now === was) now = random.pick([...pool])
  chars[at] = now
  return chars.join('')
}
