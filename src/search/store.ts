import { sql } from 'kysely'
import type { Db } from '../db/connection'

const COLUMNS = [
  'id',
  'register_number',
  'surname',
  'first_names',
  'patronymic',
  'surname_latin',
  'first_names_latin',
  'date_of_birth',
  'birth_year',
  'service_number',
  'status',
  'confirmation',
  'facility_id',
] as const

export type SearchCandidate = {
  id: string
  register_number: string | number
  surname: string
  first_names: string | null
  patronymic: string | null
  surname_latin: string | null
  first_names_latin: string | null
  date_of_birth: string | null
  birth_year: number | null
  service_number: string | null
  status: string
  confirmation: string
  facility_id: string | null
}

const CAP = 2000

export async function byServiceNumber(db: Db, serviceNumber: string): Promise<SearchCandidate[]> {
  return db
    .selectFrom('persons')
    .select(COLUMNS)
    .where('service_number', '=', serviceNumber)
    .limit(50)
    .execute()
}

/** Persons whose surname key and first-name key are both among `keys` (either word order). */
export async function bySurnameAndFirstName(db: Db, keys: string[]): Promise<SearchCandidate[]> {
  return db
    .selectFrom('persons')
    .select(COLUMNS)
    .where('surname_key', 'in', keys)
    .where('first_names_key', 'in', keys)
    .limit(CAP)
    .execute()
}

/** Persons whose surname key is among `keys`, born within a year of `birthYear` when given. */
export async function bySurname(db: Db, keys: string[], birthYear?: number): Promise<SearchCandidate[]> {
  let q = db.selectFrom('persons').select(COLUMNS).where('surname_key', 'in', keys)
  if (birthYear) q = q.where('birth_year', '>=', birthYear - 1).where('birth_year', '<=', birthYear + 1)
  return q.limit(CAP).execute()
}

/** The persons whose surname keys are nearest to `key` by trigrams: typing errors and odd spellings. */
export async function bySimilarSurname(db: Db, key: string, limit = 60): Promise<SearchCandidate[]> {
  return db.selectFrom('persons').select(COLUMNS).orderBy(sql`surname_key <-> ${key}`).limit(limit).execute()
}
