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
  'surname_key',
  'first_names_key',
  'patronymic_key',
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
  surname_key: string | null
  first_names_key: string | null
  patronymic_key: string | null
  date_of_birth: string | null
  birth_year: number | null
  service_number: string | null
  status: string
  confirmation: string
  facility_id: string | null
}

const CAP = 1000

export async function byServiceNumber(db: Db, serviceNumber: string): Promise<SearchCandidate[]> {
  return db
    .selectFrom('persons')
    .select(COLUMNS)
    .where('service_number', '=', serviceNumber)
    .limit(50)
    .execute()
}

/**
 * For each of `keys`, the register's name keys nearest to it by trigrams (typing errors, odd
 * spellings), in one round trip.
 */
export async function nearestKeys(
  db: Db,
  keys: string[],
  perKey: number,
): Promise<{ key: string; similarity: number }[]> {
  if (keys.length === 0) return []
  const result = await sql<{ key: string; similarity: number }>`
    select v.key, similarity(v.key, w.k) as similarity
    from unnest(${keys}::text[]) as w(k)
    cross join lateral (
      select key from name_vocabulary order by key <-> w.k limit ${perKey}
    ) v`.execute(db)
  return result.rows.map((r) => ({ key: r.key, similarity: Number(r.similarity) }))
}

type Years = { from: number; to: number } | undefined

/** Persons whose surname key and first-name key are both among `keys` (either word order). */
export async function bySurnameAndFirstName(
  db: Db,
  keys: string[],
  years: Years,
): Promise<SearchCandidate[]> {
  let q = db
    .selectFrom('persons')
    .select(COLUMNS)
    .where('surname_key', 'in', keys)
    .where('first_names_key', 'in', keys)
  if (years) q = q.where('birth_year', '>=', years.from).where('birth_year', '<=', years.to)
  return q.limit(CAP).execute()
}

/** Persons whose surname key is among `keys`, born in `years` when given. */
export async function bySurname(db: Db, keys: string[], years: Years): Promise<SearchCandidate[]> {
  let q = db.selectFrom('persons').select(COLUMNS).where('surname_key', 'in', keys)
  if (years) q = q.where('birth_year', '>=', years.from).where('birth_year', '<=', years.to)
  return q.limit(CAP).execute()
}

/**
 * Persons born on `date` (YYYY, YYYY-MM or YYYY-MM-DD), for a query that gives a date and no name.
 * A full date also finds those whose record keeps only its month: they may be the person.
 */
export async function byDateOfBirth(db: Db, date: string): Promise<SearchCandidate[]> {
  let q = db.selectFrom('persons').select(COLUMNS)
  if (date.length === 10) q = q.where('date_of_birth', 'in', [date, date.slice(0, 7)])
  else if (date.length === 7) q = q.where('date_of_birth', 'like', `${date}%`)
  else q = q.where('birth_year', '=', Number(date))
  return q.orderBy('register_number').limit(CAP).execute()
}
