import type { Standard } from '../names/transliterate'
import {
  type CorruptedRecord,
  type CorruptionRates,
  corruptPerson,
  HARD_RATES,
  HARD_STANDARDS,
  recordOf,
} from './corrupt'
import { patronymicOf } from './forms'
import { type GeneratedPerson, generatePersons, type Nationality } from './population'
import { Random } from './random'

export const SCENARIOS = ['register', 'list', 'duplicates', 'missing'] as const
export type Scenario = (typeof SCENARIOS)[number]
export const DIFFICULTIES = ['normal', 'hard'] as const
export type Difficulty = (typeof DIFFICULTIES)[number]

/** hard: share of the list's persons not in the register who carry a register person's name */
const HARD_NAMESAKE_SHARE = 0.05

export type ScenarioOptions = {
  seed: number
  persons: number
  nationality: Nationality | 'mixed'
  /** list: rows in the counterpart list */
  listRows: number
  /** list: share of list rows that are copies of register persons */
  matchShare: number
  /** list and duplicates: share of rows that repeat another row of the same file */
  duplicateShare: number
  rates?: Partial<CorruptionRates>
  /** hard: the error classes of real lists at their rates (HARD_RATES), namesakes, strangers written as carelessly */
  difficulty?: Difficulty
}

/** A row of a register file, in the column names Parley's importer reads. */
export function registerRow(p: GeneratedPerson, seed: number): Record<string, string> {
  return {
    id: p.id,
    category: 'prisoner_of_war',
    surname: p.surname,
    first_names: p.givenName,
    patronymic: p.patronymic,
    sex: p.sex,
    rank: p.rank,
    service_number: p.serviceNumber,
    date_of_birth: p.dateOfBirth,
    place_of_birth: p.placeOfBirth,
    power_depended_on: p.nationality === 'UA' ? 'Ukraine' : 'Russian Federation',
    nationality: p.nationality === 'UA' ? 'Ukrainian' : 'Russian',
    father_first_name: p.fatherFirstName,
    mother_maiden_name: p.motherMaidenName,
    next_of_kin_name: p.nextOfKin ? `${p.nextOfKin.name} (${p.nextOfKin.relationship})` : '',
    next_of_kin_address: p.nextOfKin?.address ?? '',
    unit: p.unit,
    captured_on: p.capture.date,
    capture_place: p.capture.place,
    confirmation: 'confirmed',
    source: `generator seed ${seed}`,
  }
}
export const REGISTER_COLUMNS = Object.keys(
  registerRow(generatePersons({ seed: 1, count: 1 }).next().value as GeneratedPerson, 1),
)

/** A row of a counterpart list, with its ground truth: the register person it copies, if any. */
export function listRow(rowId: string, r: CorruptedRecord, duplicateOf = ''): Record<string, string> {
  return {
    row_id: rowId,
    surname: r.surname,
    first_names: r.givenName,
    patronymic: r.patronymic,
    date_of_birth: r.dateOfBirth,
    place_of_birth: r.placeOfBirth,
    rank: r.rank,
    service_number: r.serviceNumber,
    unit: r.unit,
    true_person_id: r.truePersonId,
    duplicate_of: duplicateOf,
    corruptions: r.corruptions.join(' '),
  }
}
export const LIST_COLUMNS = [
  'row_id',
  'surname',
  'first_names',
  'patronymic',
  'date_of_birth',
  'place_of_birth',
  'rank',
  'service_number',
  'unit',
  'true_person_id',
  'duplicate_of',
  'corruptions',
]

/** The register of a scenario: the same seed always gives the same persons. */
export function scenarioRegister(o: ScenarioOptions): Iterable<GeneratedPerson> {
  return generatePersons({ seed: o.seed, count: o.persons, nationality: o.nationality })
}

/**
 * The counterpart list: `matchShare` of its rows are corrupted copies of distinct register persons,
 * the rest persons who are not in the register (true_person_id empty), and `duplicateShare` rows
 * repeat an earlier row of the list, corrupted again, as lists compiled from several reports do.
 * Rows come shuffled, so a list's order tells nothing.
 */
export function scenarioList(o: ScenarioOptions, register: GeneratedPerson[]): Record<string, string>[] {
  const random = new Random(o.seed ^ 0x5bd1e995)
  const hard = o.difficulty === 'hard'
  const rates = hard ? { ...HARD_RATES, ...o.rates } : o.rates
  const standards = hard ? HARD_STANDARDS : undefined
  const duplicates = Math.round(o.listRows * o.duplicateShare)
  const distinct = o.listRows - duplicates
  const matched = Math.min(register.length, Math.round(distinct * o.matchShare))
  const chosen = sample(random, register.length, matched).map((i) => register[i]!)
  const others = [
    ...generatePersons({
      seed: o.seed + 7919,
      count: distinct - matched,
      nationality: o.nationality,
      firstId: 9_000_001,
    }),
  ]
  const strangers = hard
    ? hardStrangers(new Random(o.seed ^ 0x68e31da4), others, register, rates, standards)
    : others.map((p) => ({ ...recordOf(p), truePersonId: '', corruptions: [] }) as CorruptedRecord)
  const originals = [...chosen.map((p) => corruptPerson(random, p, rates, standards)), ...strangers]
  const rows = originals.map((r, i) => ({
    id: `L${String(i + 1).padStart(7, '0')}`,
    record: r,
    duplicateOf: '',
  }))
  for (let d = 0; d < duplicates; d++) {
    const of = rows[random.int(0, originals.length - 1)]!
    const person = chosen.find((p) => p.id === of.record.truePersonId)
    const again = person ? corruptPerson(random, person, rates, standards) : { ...of.record }
    rows.push({ id: `L${String(rows.length + 1).padStart(7, '0')}`, record: again, duplicateOf: of.id })
  }
  shuffle(random, rows)
  return rows.map((r) => listRow(r.id, r.record, r.duplicateOf))
}

/**
 * The hard list's persons who are not in the register: written as carelessly as the others (so the
 * spelling never tells who is in the register), and some of them namesakes of a register person:
 * the same surname and given name (sometimes the patronymic too), another date of birth and
 * service number, as common names give in any large list.
 */
function hardStrangers(
  random: Random,
  others: GeneratedPerson[],
  register: GeneratedPerson[],
  rates: Partial<CorruptionRates> | undefined,
  standards: readonly Standard[] | undefined,
): CorruptedRecord[] {
  return others.map((p) => {
    let person = p
    let namesake = false
    if (register.length > 0 && random.chance(HARD_NAMESAKE_SHARE)) {
      const of = register[random.int(0, register.length - 1)]!
      const sameFather = random.chance(0.3)
      person = {
        ...p,
        sex: of.sex,
        surname: of.surname,
        givenName: of.givenName,
        patronymic: sameFather
          ? of.patronymic
          : patronymicOf(p.forms.father[languageOf(of)], languageOf(of), of.sex),
        nationality: of.nationality,
        forms: {
          surname: of.forms.surname,
          givenName: of.forms.givenName,
          father: sameFather ? of.forms.father : p.forms.father,
        },
      }
      namesake = true
    }
    const r = corruptPerson(random, person, rates, standards)
    return { ...r, truePersonId: '', corruptions: namesake ? ['namesake', ...r.corruptions] : r.corruptions }
  })
}

const languageOf = (p: GeneratedPerson) => (p.nationality === 'UA' ? 'uk' : 'ru')

/**
 * A register with internal duplicates: `duplicateShare` of its rows register again, as another
 * registrar wrote them, a person already in it; `duplicate_of` names the first registration.
 */
export function* scenarioDuplicates(o: ScenarioOptions): Generator<Record<string, string>> {
  const random = new Random(o.seed ^ 0x27d4eb2d)
  const recent: GeneratedPerson[] = []
  let n = 0
  for (const p of scenarioRegister(o)) {
    n++
    yield { ...registerRow(p, o.seed), duplicate_of: '' }
    recent.push(p)
    if (recent.length > 1000) recent.shift()
    if (random.chance(o.duplicateShare / (1 - o.duplicateShare))) {
      const original = random.pick(recent)
      const base = o.difficulty === 'hard' ? HARD_RATES : {}
      const copy = corruptPerson(random, original, {
        ...base,
        transliterated: 0,
        informal_latin: 0,
        ...o.rates,
      })
      n++
      yield {
        ...registerRow(original, o.seed),
        id: `D${String(n).padStart(7, '0')}`,
        surname: copy.surname,
        first_names: copy.givenName,
        patronymic: copy.patronymic,
        date_of_birth: /^\d{4}-(0[1-9]|1[0-2])-\d{2}$/.test(copy.dateOfBirth) ? copy.dateOfBirth : '',
        service_number: copy.serviceNumber,
        duplicate_of: original.id,
      }
    }
  }
}

/** `k` distinct indexes below `n` (Floyd's algorithm: no n-sized array for a small sample). */
function sample(random: Random, n: number, k: number): number[] {
  const chosen = new Set<number>()
  for (let j = n - k; j < n; j++) {
    const t = random.int(0, j)
    chosen.add(chosen.has(t) ? j : t)
  }
  return [...chosen]
}

function shuffle<T>(random: Random, items: T[]) {
  for (let i = items.length - 1; i > 0; i--) {
    const j = random.int(0, i)
    ;[items[i], items[j]] = [items[j]!, items[i]!]
  }
}
