import { ValidationError } from '../core/errors'
import { normaliseHeader } from '../custody/import-columns'
import { readLinkDate } from './dates'

/**
 * One person as a list or register gives them, before preparation: every field optional but the id,
 * because lists from the other side and families' enquiries are rarely complete.
 */
export type LinkRecord = {
  id: string
  surname: string
  givenName: string
  patronymic: string
  fatherName: string
  /** ISO partial date (YYYY, YYYY-MM or YYYY-MM-DD), or '' when unknown or unreadable */
  dateOfBirth: string
  placeOfBirth: string
  serviceNumber: string
  unit: string
  /** an e-mail address or other contact some lists carry (families' enquiries) */
  email?: string
}

/** A record with every field empty, to fill from a row. */
export function emptyRecord(id = ''): LinkRecord {
  return {
    id,
    surname: '',
    givenName: '',
    patronymic: '',
    fatherName: '',
    dateOfBirth: '',
    placeOfBirth: '',
    serviceNumber: '',
    unit: '',
    email: '',
  }
}

export type LinkField = keyof LinkRecord

/**
 * Headers a linkage input may use, in English, Ukrainian and Russian. Lists come from every kind of
 * office; anything not named here is kept in the file and ignored by the engine.
 */
const COLUMNS: Record<LinkField, string[]> = {
  id: [
    'id',
    'row_id',
    'record_id',
    'rec_id',
    'unique_id',
    'uid',
    'person_id',
    'source_id',
    'номер',
    'номер_запису',
    'номер_записи',
  ],
  surname: ['surname', 'last_name', 'lastname', 'family_name', 'familyname', 'прізвище', 'фамилия'],
  givenName: [
    'first_name',
    'firstname',
    'first_names',
    'forename',
    'forenames',
    'given_name',
    'givenname',
    'given_names',
    'name',
    'імя',
    'ім_я',
    'имя',
  ],
  patronymic: ['patronymic', 'middle_name', 'middle_names', 'по_батькові', 'по_батькови', 'отчество'],
  fatherName: ['father_name', 'father_first_name', 'імя_батька', 'ім_я_батька', 'имя_отца'],
  dateOfBirth: [
    'date_of_birth',
    'dob',
    'birth_date',
    'birthdate',
    'born',
    'дата_народження',
    'дата_рождения',
  ],
  placeOfBirth: [
    'place_of_birth',
    'birthplace',
    'birth_place',
    'city',
    'town',
    'suburb',
    'locality',
    'місце_народження',
    'место_рождения',
    'місто',
    'город',
  ],
  serviceNumber: [
    'service_number',
    'personal_number',
    'serial_number',
    'soc_sec_id',
    'ssn',
    'social_security_number',
    'national_id',
    'id_number',
    'passport_number',
    'особовий_номер',
    'личный_номер',
    'жетон',
  ],
  unit: ['unit', 'military_unit', 'частина', 'підрозділ', 'часть', 'подразделение'],
  email: ['email', 'e_mail', 'email_address', 'ел_пошта', 'эл_почта'],
}

const BY_HEADER = new Map<string, LinkField>(
  Object.entries(COLUMNS).flatMap(([field, names]) =>
    names.map((n) => [normaliseHeader(n), field as LinkField]),
  ),
)

export type HeaderMap = { columns: (LinkField | undefined)[]; ignored: string[] }

/**
 * Which field each column holds. A file without an id column or without any name column cannot be
 * linked, and says so.
 */
export function mapLinkHeader(header: string[], file: string): HeaderMap {
  const columns: (LinkField | undefined)[] = []
  const seen = new Set<LinkField>()
  for (const h of header) {
    const field = BY_HEADER.get(normaliseHeader(h))
    // the first column claiming a field wins (first_name and first_names in one file)
    columns.push(field && !seen.has(field) ? field : undefined)
    if (field) seen.add(field)
  }
  if (!seen.has('id')) throw badInput(`${file}: no id column (expected one of: ${COLUMNS.id.join(', ')})`)
  if (!seen.has('surname') && !seen.has('givenName'))
    throw badInput(`${file}: no surname or first_name column (headers: ${header.join(', ')})`)
  return { columns, ignored: header.filter((_, i) => !columns[i]) }
}

/**
 * A record from one row of values under a mapped header. An unreadable date of birth is dropped to
 * unknown and reported, not guessed: a wrong date would mislead the model more than a missing one.
 */
export function recordFromRow(
  values: readonly string[],
  map: HeaderMap,
): { record: LinkRecord; warning?: string } {
  const r = emptyRecord()
  for (let i = 0; i < map.columns.length; i++) {
    const field = map.columns[i]
    if (field) r[field] = (values[i] ?? '').trim()
  }
  let warning: string | undefined
  if (r.dateOfBirth) {
    const read = readLinkDate(r.dateOfBirth)
    if (read.warning) warning = `date_of_birth: ${read.warning}`
    r.dateOfBirth = read.value
  }
  return { record: r, warning }
}

/** Bad input in a linkage file: the CLI exits 2 and the API answers 400, naming the file and row. */
export function badInput(message: string): ValidationError {
  return new ValidationError([{ path: '', message }], message)
}
