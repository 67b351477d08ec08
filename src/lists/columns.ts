import { headerReader, normaliseHeader } from '../core/file-header'
import { repeatedColumns } from '../core/repeated-columns'
import { PERSON_COLUMNS } from '../custody/import-columns'

/**
 * The particulars a received list may carry, and the headers that name each in English, Ukrainian
 * and Russian. The custody import's vocabulary is the base (lists and registers are written by the
 * same kinds of office); lists add the spellings their compilers use (row numbers, tokens).
 */
export const LIST_COLUMNS = {
  id: ['id', 'row_id', 'ref', 'no', 'номер', '№', '№_з/п', '№_п/п', ...PERSON_COLUMNS.id],
  surname: [...PERSON_COLUMNS.surname, 'lastname', 'familyname'],
  givenName: [...PERSON_COLUMNS.firstNames, 'forename', 'forenames', 'firstname'],
  patronymic: [...PERSON_COLUMNS.patronymic, 'middle_name'],
  fatherName: PERSON_COLUMNS.fatherFirstName,
  dateOfBirth: [...PERSON_COLUMNS.dateOfBirth, 'born', 'birthdate', 'рік_народження', 'год_рождения'],
  placeOfBirth: [...PERSON_COLUMNS.placeOfBirth, 'birthplace', 'birth_place'],
  serviceNumber: [...PERSON_COLUMNS.serviceNumber, 'жетон', 'номер_жетона'],
  rank: PERSON_COLUMNS.rank,
  unit: [...PERSON_COLUMNS.unit, 'військова_частина', 'воинская_часть'],
  sex: PERSON_COLUMNS.sex,
  citizenship: PERSON_COLUMNS.nationality,
  capturedOn: [...PERSON_COLUMNS.capturedOn, 'date_of_capture', 'дата_захоплення'],
  capturePlace: [...PERSON_COLUMNS.capturePlace, 'місце_захоплення'],
} as const

export type ListField = keyof typeof LIST_COLUMNS
export const LIST_FIELDS = Object.keys(LIST_COLUMNS) as ListField[]

/** A column mapping: the field each column of the file holds, in order; null where none. */
export type ColumnMapping = (ListField | null)[]

const readHeader = headerReader(LIST_COLUMNS)

/**
 * The mapping the headers themselves suggest: each column whose header names a field. Two columns
 * naming one field ("Фамилия" twice) are both left unassigned: the header does not say which holds
 * it, so a person chooses (the rule every import follows, src/core/repeated-columns.ts).
 */
export function recogniseHeader(header: readonly string[]): ColumnMapping {
  const { fields } = readHeader([...header])
  const repeated = new Set(repeatedColumns(header, fields).map((r) => r.field))
  return fields.map((f) => (f && !repeated.has(f) ? f : null))
}

/** The fields the headers name more than once, with their columns, for a refusal or a warning. */
export function repeatedInHeader(header: readonly string[]) {
  return repeatedColumns(header, readHeader([...header]).fields)
}

/** The key a header row is known by when a mapping is saved: its headers, normalised, in order. */
export function headerKey(header: readonly string[]): string {
  return header.map(normaliseHeader).join('|')
}
