import { type GeneratedPerson, generatePersons } from './population'
import { Random } from './random'

// Oblasts where our people went missing, for the register's region filter.
const REGIONS = ['Донецька', 'Луганська', 'Запорізька', 'Херсонська', 'Харківська', 'Сумська', 'Миколаївська']
const CIRCUMSTANCES = [
  'зв’язок втрачено під час бою',
  'не повернувся з завдання',
  'позиції оточено',
  'евакуаційна група не вийшла на зв’язок',
]
/** Status of a row and its share: most are simply missing, as in a real register. */
const STATUSES: [string, number][] = [
  ['missing', 0.62],
  ['captivity_indicated', 0.15],
  ['captivity_confirmed', 0.12],
  ['returned', 0.06],
  ['died', 0.03],
  ['found', 0.02],
]

/** A row of a missing-persons register, in the column names `parley import missing` reads. */
export function missingRow(p: GeneratedPerson, random: Random, seed: number): Record<string, string> {
  const since = p.capture.date
  const status = pickStatus(random)
  const kin = p.nextOfKin
  const byUnit = !kin || random.chance(0.2)
  const received = addDays(since, random.int(1, 40))
  return {
    id: p.id,
    surname: p.surname,
    first_names: p.givenName,
    patronymic: p.patronymic,
    sex: p.sex,
    rank: p.rank,
    service_number: p.serviceNumber,
    date_of_birth: p.dateOfBirth,
    place_of_birth: p.placeOfBirth,
    unit: p.unit,
    region: random.pick(REGIONS),
    distinguishing_marks: random.chance(0.3) ? 'шрам на лівому передпліччі' : '',
    last_seen_on: since,
    last_seen_place: p.capture.place,
    circumstances: random.pick(CIRCUMSTANCES),
    witness: random.chance(0.4) ? 'побратим з підрозділу' : '',
    reported_by: byUnit ? p.unit : kin!.name,
    relation: byUnit ? 'unit' : kin!.relationship,
    // fictitious numbers: the 0 00 block is never assigned
    contact: byUnit ? '' : `+380 00 ${String(random.int(0, 9_999_999)).padStart(7, '0')}`,
    language: random.chance(0.9) ? 'uk' : random.pick(['ru', 'en']),
    consent: 'yes',
    consent_icrc: random.chance(0.85) ? 'yes' : 'no',
    consent_other_side: random.chance(0.4) ? 'yes' : 'no',
    consent_public: random.chance(0.2) ? 'yes' : 'no',
    consent_on: received,
    received_on: received,
    source: byUnit ? 'unit report' : 'hotline',
    status,
    status_on: status === 'missing' ? '' : addDays(received, random.int(1, 200)),
    status_source:
      status === 'captivity_confirmed'
        ? 'ICRC'
        : status === 'captivity_indicated'
          ? 'open source'
          : status === 'missing'
            ? ''
            : 'unit',
    generator: `seed ${seed}`,
  }
}

export const MISSING_COLUMNS_GENERATED = [
  'id',
  'surname',
  'first_names',
  'patronymic',
  'sex',
  'rank',
  'service_number',
  'date_of_birth',
  'place_of_birth',
  'unit',
  'region',
  'distinguishing_marks',
  'last_seen_on',
  'last_seen_place',
  'circumstances',
  'witness',
  'reported_by',
  'relation',
  'contact',
  'language',
  'consent',
  'consent_icrc',
  'consent_other_side',
  'consent_public',
  'consent_on',
  'received_on',
  'source',
  'status',
  'status_on',
  'status_source',
]

/**
 * A missing-persons register of `count` fictitious Ukrainian soldiers: the generator's population,
 * missing since the day it would have been captured, reported by a relative or the unit.
 */
export function* scenarioMissing(o: { seed: number; persons: number }): Generator<Record<string, string>> {
  const random = new Random(o.seed).fork(15)
  const today = new Date().toISOString().slice(0, 10)
  for (const p of generatePersons({ seed: o.seed, count: o.persons, nationality: 'UA' })) {
    const { generator, ...row } = missingRow(p, random, o.seed)
    // a date the generator would put after today is left out, as a register could not hold it
    if (row.status_on && row.status_on > today) {
      row.status = 'missing'
      row.status_on = ''
      row.status_source = ''
    }
    if (row.received_on! > today) row.received_on = row.consent_on = today
    yield row
  }
}

function pickStatus(random: Random): string {
  let x = random.next()
  for (const [s, share] of STATUSES) {
    if (x < share) return s
    x -= share
  }
  return 'missing'
}

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}
