import { FEMALE_GIVEN_NAMES, type GivenName, MALE_GIVEN_NAMES } from './data/given-names'
import {
  CAPTURE_PLACES,
  RUSSIAN_KIN,
  RUSSIAN_PLACES,
  RUSSIAN_RANKS,
  RUSSIAN_STREETS,
  RUSSIAN_UNIT_KINDS,
  UKRAINIAN_KIN,
  UKRAINIAN_PLACES,
  UKRAINIAN_RANKS,
  UKRAINIAN_STREETS,
  UKRAINIAN_UNIT_KINDS,
} from './data/places'
import surnameTail from './data/surname-tail.json'
import { RUSSIAN_SURNAMES, type SurnamePair, UKRAINIAN_SURNAMES } from './data/surnames'
import { feminineSurname, patronymicOf } from './forms'
import { Random, WeightedTable, zipfWeights } from './random'

export type Nationality = 'UA' | 'RU'

/** A fictitious person, written in their own language, with the other language's forms kept as truth. */
export type GeneratedPerson = {
  id: string
  nationality: Nationality
  sex: 'male' | 'female'
  surname: string
  givenName: string
  patronymic: string
  dateOfBirth: string
  placeOfBirth: string
  rank: string
  serviceNumber: string
  unit: string
  fatherFirstName: string
  motherMaidenName: string
  nextOfKin?: { name: string; relationship: string; address: string }
  capture: { date: string; place: string }
  /** The same name in both languages and informally in English, for the corruption model. */
  forms: { givenName: GivenName; surname: SurnamePair; father: GivenName }
}

export type PopulationOptions = {
  seed: number
  count: number
  nationality?: Nationality | 'mixed'
  /** First ground-truth number; ids run P0000001, P0000002, ... from here. */
  firstId?: number
  /** Share of women (soldiers are mostly men). */
  femaleShare?: number
}

const tail = (surnameTail as [string, string][]).map(([uk, ru]) => ({ uk, ru }))
// The commonest surnames together are about a fifth of a population, the commonest alone about two
// per cent (as Ivanov or Melnyk); the long tail of rarer surnames holds the rest, as in real lists.
const HEAD_SHARE = 0.2
function surnameTable(head: SurnamePair[]) {
  const zipf = zipfWeights(head.length, 0.8)
  const headTotal = zipf.reduce((a, b) => a + b, 0)
  const headWeights = zipf.map((w) => (w / headTotal) * HEAD_SHARE)
  const tailWeight = (1 - HEAD_SHARE) / tail.length
  return new WeightedTable([...head, ...tail], [...headWeights, ...tail.map(() => tailWeight)])
}

const TABLES = {
  maleGiven: new WeightedTable(MALE_GIVEN_NAMES, zipfWeights(MALE_GIVEN_NAMES.length, 0.9)),
  femaleGiven: new WeightedTable(FEMALE_GIVEN_NAMES, zipfWeights(FEMALE_GIVEN_NAMES.length, 0.9)),
  UA: {
    surnames: surnameTable(UKRAINIAN_SURNAMES),
    ranks: new WeightedTable(
      UKRAINIAN_RANKS.map((r) => r[0]),
      UKRAINIAN_RANKS.map((r) => r[1]),
    ),
  },
  RU: {
    surnames: surnameTable(RUSSIAN_SURNAMES),
    ranks: new WeightedTable(
      RUSSIAN_RANKS.map((r) => r[0]),
      RUSSIAN_RANKS.map((r) => r[1]),
    ),
  },
}

const CAPTURE_FROM = Date.UTC(2022, 1, 24)
const CAPTURE_TO = Date.UTC(2026, 9, 31)
const DAY = 86_400_000
const SERVICE_LETTERS = 'АВЕКМНОРСТ'

const iso = (t: number) => new Date(t).toISOString().slice(0, 10)
const pad = (n: number, width: number) => String(n).padStart(width, '0')

/** Age at capture: most between 20 and 35, a tail up to 60, never under 18. */
function ageAtCapture(random: Random): number {
  const age = random.chance(0.82) ? random.normal(28, 5) : 35 + random.next() * 25
  return Math.min(60, Math.max(18, age))
}

/**
 * Fictitious persons drawn from name frequency tables. The same options give the same persons,
 * in the same order, on every machine.
 */
export function* generatePersons(options: PopulationOptions): Generator<GeneratedPerson> {
  const random = new Random(options.seed)
  const femaleShare = options.femaleShare ?? 0.08
  const firstId = options.firstId ?? 1
  for (let i = 0; i < options.count; i++) {
    const nationality: Nationality =
      options.nationality === 'UA' || options.nationality === 'RU'
        ? options.nationality
        : random.chance(0.5)
          ? 'UA'
          : 'RU'
    yield makePerson(random, nationality, random.chance(femaleShare) ? 'female' : 'male', firstId + i)
  }
}

function makePerson(
  random: Random,
  nationality: Nationality,
  sex: 'male' | 'female',
  n: number,
): GeneratedPerson {
  const lang = nationality === 'UA' ? 'uk' : 'ru'
  const tables = TABLES[nationality]
  const given = (sex === 'male' ? TABLES.maleGiven : TABLES.femaleGiven).draw(random)
  const father = TABLES.maleGiven.draw(random)
  const surnamePair = tables.surnames.draw(random)
  const surname = sex === 'male' ? surnamePair[lang] : feminineSurname(surnamePair[lang], lang)

  const capturedAt = CAPTURE_FROM + Math.floor(random.next() * ((CAPTURE_TO - CAPTURE_FROM) / DAY)) * DAY
  const bornAt = capturedAt - Math.floor(ageAtCapture(random) * 365.25 * DAY) - random.int(0, 364) * DAY
  const places = nationality === 'UA' ? UKRAINIAN_PLACES : RUSSIAN_PLACES
  const letters = `${random.pick([...SERVICE_LETTERS])}${random.pick([...SERVICE_LETTERS])}`
  const serviceNumber =
    nationality === 'UA'
      ? `${letters}${pad(random.int(0, 999_999), 6)}`
      : `${letters}-${pad(random.int(0, 999_999), 6)}`
  const unitKinds = nationality === 'UA' ? UKRAINIAN_UNIT_KINDS : RUSSIAN_UNIT_KINDS
  const unit =
    nationality === 'UA'
      ? `в/ч А${pad(random.int(1000, 9999), 4)} (${random.pick(unitKinds)})`
      : `в/ч ${pad(random.int(10000, 99999), 5)} (${random.pick(unitKinds)})`
  const mother = feminineSurname(tables.surnames.draw(random)[lang], lang)

  return {
    id: `P${pad(n, 7)}`,
    nationality,
    sex,
    surname,
    givenName: given[lang],
    patronymic: patronymicOf(father[lang], lang, sex),
    dateOfBirth: iso(bornAt),
    placeOfBirth: random.pick(places),
    rank:
      sex === 'female' && random.chance(0.5)
        ? lang === 'uk'
          ? 'солдат'
          : 'рядовой'
        : tables.ranks.draw(random),
    serviceNumber,
    unit,
    fatherFirstName: father[lang],
    motherMaidenName: mother,
    nextOfKin: random.chance(0.85) ? nextOfKin(random, nationality, surnamePair[lang]) : undefined,
    capture: { date: iso(capturedAt), place: random.pick(CAPTURE_PLACES) },
    forms: { givenName: given, surname: surnamePair, father },
  }
}

function nextOfKin(random: Random, nationality: Nationality, familySurname: string) {
  const lang = nationality === 'UA' ? 'uk' : 'ru'
  const kinds = nationality === 'UA' ? UKRAINIAN_KIN : RUSSIAN_KIN
  const k = random.int(0, kinds.length - 1)
  // mother, wife and sister (0, 2, 4) are women; father and brother men
  const female = k === 0 || k === 2 || k === 4
  const given = (female ? TABLES.femaleGiven : TABLES.maleGiven).draw(random)[lang]
  const surname = female ? feminineSurname(familySurname, lang) : familySurname
  const city = random.pick(nationality === 'UA' ? UKRAINIAN_PLACES : RUSSIAN_PLACES)
  const street = random.pick(nationality === 'UA' ? UKRAINIAN_STREETS : RUSSIAN_STREETS)
  const house = random.int(1, 120)
  return {
    name: `${surname} ${given}`,
    relationship: kinds[k]!,
    address:
      nationality === 'UA'
        ? `м. ${city}, вул. ${street}, ${house}`
        : `г. ${city}, ул. ${street}, д. ${house}`,
  }
}
