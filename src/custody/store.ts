import { type Insertable, type Selectable, sql } from 'kysely'
import type { Db } from '../db/connection'
import type { CapturesTable, FacilitiesTable, PersonEventsTable, PersonsTable } from '../db/schema'
import { raiseNotices } from '../notices/store'
import type { PersonEvent } from './events'
import { FACT_FILTERS, type FactFilter } from './facts'

export type PersonRow = Selectable<PersonsTable>
export type NewPersonRow = Insertable<PersonsTable>
export type FacilityRow = Selectable<FacilitiesTable>
export type CaptureRow = Selectable<CapturesTable>
export type NewEventRow = Insertable<PersonEventsTable>

const BATCH = 400

export async function insertPersons(tx: Db, rows: NewPersonRow[]): Promise<PersonRow[]> {
  const out: PersonRow[] = []
  for (let i = 0; i < rows.length; i += BATCH) {
    out.push(
      ...(await tx
        .insertInto('persons')
        .values(rows.slice(i, i + BATCH))
        .returningAll()
        .execute()),
    )
  }
  return out
}

export async function insertEvents(tx: Db, rows: NewEventRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    await tx
      .insertInto('person_events')
      .values(rows.slice(i, i + BATCH))
      .execute()
  }
  // the notifications the events owe (GC III Art. 122, GC IV Art. 136), in the same transaction
  await raiseNotices(tx, rows)
}

export async function findPerson(
  db: Db,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<PersonRow | undefined> {
  let q = db.selectFrom('persons').selectAll().where('id', '=', id)
  if (opts.forUpdate) q = q.forUpdate()
  return q.executeTakeFirst()
}

export async function updatePerson(tx: Db, id: string, changes: Partial<NewPersonRow>): Promise<PersonRow> {
  return tx.updateTable('persons').set(changes).where('id', '=', id).returningAll().executeTakeFirstOrThrow()
}

export async function listEventsOf(
  db: Db,
  personId: string,
): Promise<(PersonEvent & { id: string; source: string; authorId: string; recordedAt: Date })[]> {
  const rows = await db
    .selectFrom('person_events')
    .selectAll()
    .where('person_id', '=', personId)
    // the order things happened in: by date, then by the order they were recorded
    .orderBy('occurred_on')
    .orderBy('seq')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    seq: r.seq,
    type: r.type as PersonEvent['type'],
    occurredOn: r.occurred_on,
    facilityId: r.facility_id,
    details: (r.details ?? {}) as Record<string, unknown>,
    source: r.source,
    authorId: r.author_id,
    recordedAt: r.recorded_at,
  }))
}

export async function findExistingSourceKeys(db: Db, keys: string[]): Promise<Set<string>> {
  const found = new Set<string>()
  for (let i = 0; i < keys.length; i += 5000) {
    const rows = await db
      .selectFrom('persons')
      .select('source_key')
      .where('source_key', 'in', keys.slice(i, i + 5000))
      .execute()
    for (const r of rows) if (r.source_key) found.add(r.source_key)
  }
  return found
}

export type PersonSort = 'registerNumber' | 'surname' | 'dateOfBirth' | 'status'
export type PersonFilter = {
  q?: string
  status?: string
  category?: string
  facilityId?: string
  captureId?: string
  confirmation?: 'confirmed' | 'unconfirmed' | 'all'
  art17Complete?: boolean
  /** persons of whom this fact holds now (consent given, Art. 109 refusal, proceedings open) */
  fact?: FactFilter
  /** only persons held now (captured, interned, hospitalised) */
  held?: 'true'
  sex?: string
  /** a health as recorded, or seriously_wounded_or_sick for either */
  health?: string
  /** registered (entered in the register) on or after this day, UTC (YYYY-MM-DD) */
  registeredFrom?: string
  /** registered on or before this day, UTC */
  registeredTo?: string
}
export type PersonPage = {
  sort: PersonSort
  direction: 'asc' | 'desc'
  limit: number
  after?: [string | number, string]
}

// Keyset pagination: each sort is a column expression that an index serves, with id as tie-breaker.
const SORT_EXPR: Record<PersonSort, string> = {
  registerNumber: 'register_number',
  surname: "((lower(surname) || ' ' || coalesce(lower(first_names), '')) collate \"C\")",
  dateOfBirth: "coalesce(date_of_birth, '')",
  status: 'status',
}

function applyFilter<Q extends { where: (...args: never[]) => Q }>(query: Q, f: PersonFilter): Q {
  // biome-ignore lint/suspicious/noExplicitAny: Kysely's where overloads are not expressible generically here
  let q = query as any
  if (f.status) q = q.where('status', '=', f.status)
  if (f.category) q = q.where('category', '=', f.category)
  if (f.facilityId) q = q.where('facility_id', '=', f.facilityId)
  if (f.captureId) q = q.where('capture_id', '=', f.captureId)
  if (f.art17Complete !== undefined) q = q.where('art17_complete', '=', f.art17Complete)
  if (f.held) q = q.where('status', 'in', ['captured', 'interned', 'hospitalised'])
  if (f.sex) q = q.where('sex', '=', f.sex)
  if (f.health === 'seriously_wounded_or_sick')
    q = q.where('health', 'in', ['seriously_wounded', 'seriously_sick'])
  else if (f.health) q = q.where('health', '=', f.health)
  // the dashboard's registrations per week count by the UTC day of created_at: the same edges here
  if (f.registeredFrom) q = q.where('created_at', '>=', sql<Date>`${f.registeredFrom}::date`)
  if (f.registeredTo) q = q.where('created_at', '<', sql<Date>`${f.registeredTo}::date + 1`)
  if (f.fact) {
    const { kinds, latest } = FACT_FILTERS[f.fact]
    q = q.where(
      sql`(select e.type from person_events e where e.person_id = persons.id and e.type in (${sql.join([...kinds])}) order by e.occurred_on desc, e.seq desc limit 1)`,
      '=',
      latest,
    )
  }
  const confirmation = f.confirmation ?? 'confirmed'
  if (confirmation !== 'all') q = q.where('confirmation', '=', confirmation)
  if (f.q) {
    // One condition per query, so that one index serves it: an OR across columns would make the
    // planner walk the whole sort index instead. A Cyrillic prefix runs over surname and first names
    // (the surname sort's own expression), so "Кузнецов Ал" narrows as it is typed.
    const text = f.q.trim()
    const prefix = `${text.toLowerCase().replace(/[%_\\]/g, (c) => `\\${c}`)}%`
    if (/\d/.test(text)) q = q.where('service_number', '=', text)
    else if (/\p{Script=Cyrillic}/u.test(text)) q = q.where(sql.raw(SORT_EXPR.surname), 'like', prefix)
    else q = q.where(sql`lower(surname_latin)`, 'like', prefix)
  }
  return q as Q
}

export async function listPersons(db: Db, filter: PersonFilter, page: PersonPage): Promise<PersonRow[]> {
  const expr = SORT_EXPR[page.sort]
  const op = page.direction === 'asc' ? '>' : '<'
  let q = applyFilter(
    db
      .selectFrom('persons')
      .selectAll()
      .select(sql<string | number>`${sql.raw(expr)}`.as('sort_key')),
    filter,
  )
  if (filter.q && page.sort === 'surname' && !/\p{Script=Cyrillic}|\d/u.test(filter.q)) {
    // A Latin name search selects its rows by the Latin prefix index; OFFSET 0 keeps the planner
    // from walking the Cyrillic sort index hoping to meet them early, which takes seconds when they
    // cluster.
    q = db.selectFrom(q.offset(0).as('persons')).selectAll() as unknown as typeof q
  }
  if (page.after) {
    q = q.where(
      sql<boolean>`(${sql.raw(expr)}, id) ${sql.raw(op)} (${page.after[0]}, ${page.after[1]}::uuid)`,
    )
  }
  return q.orderBy(sql.raw(expr), page.direction).orderBy('id', page.direction).limit(page.limit).execute()
}

/** The sort key of a row as the database computed it, for the next page's cursor. */
export function sortKeyOf(row: PersonRow & { sort_key?: string | number }): string | number {
  return typeof row.sort_key === 'string' ? row.sort_key : Number(row.sort_key)
}

/** Counts up to `cap` (+1 to tell "more than cap"): exact totals of a million rows on every page are not worth their cost. */
export async function countPersons(db: Db, filter: PersonFilter, cap = 100_000): Promise<number> {
  const inner = applyFilter(db.selectFrom('persons').select(sql`1`.as('one')), filter).limit(cap + 1)
  const row = await db
    .selectFrom(inner.as('t'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export type RegisterCounts = {
  byStatus: Record<string, number>
  byCategory: Record<string, number>
  unconfirmed: number
  total: number
}

/** Counts for reports; unconfirmed reports stay out of them until confirmed. */
export async function countRegister(db: Db): Promise<RegisterCounts> {
  const rows = await db
    .selectFrom('persons')
    .select(['status', 'category', 'confirmation', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['status', 'category', 'confirmation'])
    .execute()
  const out: RegisterCounts = { byStatus: {}, byCategory: {}, unconfirmed: 0, total: 0 }
  for (const r of rows) {
    const n = Number(r.n)
    if (r.confirmation === 'unconfirmed') {
      out.unconfirmed += n
      continue
    }
    out.total += n
    out.byStatus[r.status] = (out.byStatus[r.status] ?? 0) + n
    out.byCategory[r.category] = (out.byCategory[r.category] ?? 0) + n
  }
  return out
}

export async function insertFacility(tx: Db, row: Insertable<FacilitiesTable>): Promise<FacilityRow> {
  return tx.insertInto('facilities').values(row).returningAll().executeTakeFirstOrThrow()
}

export async function listFacilities(db: Db): Promise<(FacilityRow & { occupancy: number })[]> {
  const rows = await db
    .selectFrom('facilities')
    .leftJoin('persons', (j) =>
      j.onRef('persons.facility_id', '=', 'facilities.id').on('persons.confirmation', '=', 'confirmed'),
    )
    .selectAll('facilities')
    .select((eb) => eb.fn.count<number>('persons.id').as('occupancy'))
    .groupBy('facilities.id')
    .orderBy('facilities.name')
    .execute()
  return rows.map((r) => ({ ...r, occupancy: Number(r.occupancy) }))
}

export async function findFacilities(db: Db, ids: string[]): Promise<FacilityRow[]> {
  if (ids.length === 0) return []
  return db.selectFrom('facilities').selectAll().where('id', 'in', ids).execute()
}

export async function findFacilityByName(db: Db, name: string): Promise<FacilityRow | undefined> {
  return db
    .selectFrom('facilities')
    .selectAll()
    .where(sql`lower(name)`, '=', name.trim().toLowerCase())
    .executeTakeFirst()
}

export async function insertCapture(tx: Db, row: Insertable<CapturesTable>): Promise<CaptureRow> {
  return tx.insertInto('captures').values(row).returningAll().executeTakeFirstOrThrow()
}

export async function findCapture(db: Db, id: string): Promise<CaptureRow | undefined> {
  return db.selectFrom('captures').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function listCaptures(db: Db, limit: number): Promise<(CaptureRow & { personCount: number })[]> {
  const rows = await db
    .selectFrom('captures')
    .leftJoin('persons', 'persons.capture_id', 'captures.id')
    .selectAll('captures')
    .select((eb) => eb.fn.count<number>('persons.id').as('personCount'))
    .groupBy('captures.id')
    .orderBy('captures.captured_on', 'desc')
    .limit(limit)
    .execute()
  return rows.map((r) => ({ ...r, personCount: Number(r.personCount) }))
}
