import { ValidationError } from '../core/errors'
import { normaliseHeader } from '../custody/import-columns'
import { parsePartialDate } from '../custody/partial-date'

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
  }
}

export type LinkField = Exclude<keyof LinkRecord, never>

/**
 * Headers a linkage input may use, in English, Ukrainian and Russian. Lists come from every kind of
 * office; anything not named here is kept in the file and ignored by the engine.
 */
const COLUMNS: Record<LinkField, string[]> = {
  id: ['id', 'row_id', 'record_id', 'person_id', 'source_id', 'номер', 'номер_запису', 'номер_записи'],
  surname: ['surname', 'last_name', 'family_name', 'прізвище', 'фамилия'],
  givenName: ['first_name', 'first_names', 'given_name', 'given_names', 'name', 'імя', 'ім_я', 'имя'],
  patronymic: ['patronymic', 'middle_name', 'по_батькові', 'по_батькови', 'отчество'],
  fatherName: ['father_name', 'father_first_name', 'імя_батька', 'ім_я_батька', 'имя_отца'],
  dateOfBirth: ['date_of_birth', 'dob', 'birth_date', 'дата_народження', 'дата_рождения'],
  placeOfBirth: ['place_of_birth', 'birthplace', 'місце_народження', 'место_рождения'],
  serviceNumber: [
    'service_number',
    'personal_number',
    'serial_number',
    'особовий_номер',
    'личный_номер',
    'жетон',
  ],
  unit: ['unit', 'military_unit', 'частина', 'підрозділ', 'часть', 'подразделение'],
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
    const parsed = parsePartialDate(r.dateOfBirth)
    const swapped = parsed.ok ? null : swappedDate(r.dateOfBirth)
    if (parsed.ok) r.dateOfBirth = parsed.value
    else if (swapped) r.dateOfBirth = swapped
    else {
      warning = `date_of_birth: ${parsed.message}`
      r.dateOfBirth = ''
    }
  }
  return { record: r, warning }
}

/**
 * A date whose "month" is above 12 but would be a day ("1994-23-05", "05.23.1994"): the writer put
 * day and month the other way round. It is kept as written, month and day as given, so the date
 * comparison can recognise the swap instead of losing the date.
 */
function swappedDate(text: string): string | null {
  const t = text.trim()
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t)
  const dotted = iso ? null : /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(t)
  const [year, month, day] = iso ? [iso[1], iso[2], iso[3]] : dotted ? [dotted[3], dotted[2], dotted[1]] : []
  if (!year || Number(month) <= 12 || Number(month) > 31 || Number(day) < 1 || Number(day) > 12) return null
  return `${year}-${month!.padStart(2, '0')}-${day!.padStart(2, '0')}`
}

/** Bad input in a linkage file: the CLI exits 2 and the API answers 400, naming the file and row. */
export function badInput(message: string): ValidationError {
  return new ValidationError([{ path: '', message }], message)
}
