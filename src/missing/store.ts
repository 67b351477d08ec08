import { type Insertable, type Selectable, sql } from 'kysely'
import type { Db } from '../db/connection'
import type { MissingEventsTable, MissingPersonsTable, MissingReportsTable } from '../db/schema'
import type { Confidence, MissingEvent } from './events'

export type MissingRow = Selectable<MissingPersonsTable>
export type NewMissingRow = Insertable<MissingPersonsTable>
export type ReportRow = Selectable<MissingReportsTable>
export type NewReportRow = Insertable<MissingReportsTable>
export type NewMissingEventRow = Insertable<MissingEventsTable>

const BATCH = 300

export async function insertMissing(tx: Db, rows: NewMissingRow[]): Promise<MissingRow[]> {
  const out: MissingRow[] = []
  for (let i = 0; i < rows.length; i += BATCH)
    out.push(
      ...(await tx
        .insertInto('missing_persons')
        .values(rows.slice(i, i + BATCH))
        .returningAll()
        .execute()),
    )
  return out
}

export async function insertReports(tx: Db, rows: NewReportRow[]) {
  for (let i = 0; i < rows.length; i += BATCH)
    await tx
      .insertInto('missing_reports')
      .values(rows.slice(i, i + BATCH))
      .execute()
}

export async function insertMissingEvents(tx: Db, rows: NewMissingEventRow[]) {
  for (let i = 0; i < rows.length; i += BATCH)
    await tx
      .insertInto('missing_events')
      .values(rows.slice(i, i + BATCH))
      .execute()
}

export async function findMissing(db: Db, id: string): Promise<MissingRow | undefined> {
  return db.selectFrom('missing_persons').selectAll().where('id', '=', id).executeTakeFirst()
}

/** A record by the number the register gave it (the one operators say and write). */
export async function findMissingByNumber(db: Db, n: number): Promise<MissingRow | undefined> {
  return db.selectFrom('missing_persons').selectAll().where('register_number', '=', n).executeTakeFirst()
}

export async function updateMissing(
  tx: Db,
  id: string,
  changes: Partial<NewMissingRow>,
): Promise<MissingRow> {
  return tx
    .updateTable('missing_persons')
    .set(changes)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()
}

export type StoredMissingEvent = MissingEvent & {
  authorId: string
  recordedAt: Date
  corrects: number | null
  retracted: boolean
  /** Why the row corrects or retracts another */
  reason: string | null
}

function storedEvent(r: Selectable<MissingEventsTable>): StoredMissingEvent {
  return {
    seq: r.seq,
    type: r.type as MissingEvent['type'],
    occurredOn: r.occurred_on,
    source: r.source,
    confidence: r.confidence as Confidence,
    details: (r.details ?? {}) as Record<string, unknown>,
    authorId: r.author_id,
    recordedAt: r.recorded_at,
    corrects: r.corrects,
    retracted: r.retracted,
    reason: r.reason,
  }
}

export async function listMissingEvents(db: Db, id: string): Promise<StoredMissingEvent[]> {
  const rows = await db
    .selectFrom('missing_events')
    .selectAll()
    .where('missing_person_id', '=', id)
    .orderBy('occurred_on')
    .orderBy('seq')
    .execute()
  return rows.map(storedEvent)
}

export async function listReports(db: Db, id: string): Promise<ReportRow[]> {
  return db
    .selectFrom('missing_reports')
    .selectAll()
    .where('missing_person_id', '=', id)
    .orderBy('seq')
    .execute()
}

export async function findExistingReportKeys(db: Db, keys: string[]): Promise<Set<string>> {
  const found = new Set<string>()
  for (let i = 0; i < keys.length; i += 5000) {
    const rows = await db
      .selectFrom('missing_reports')
      .select('source_key')
      .where('source_key', 'in', keys.slice(i, i + 5000))
      .execute()
    for (const r of rows) if (r.source_key) found.add(r.source_key)
  }
  return found
}

export type MissingFilter = {
  q?: string
  status?: string
  captivity?: string
  unit?: string
  region?: string
  /** last seen on or after / on or before */
  from?: string
  to?: string
  source?: string
}

/**
 * A page of the register, newest record first, paged by register number. Unit and region match
 * as prefixes regardless of case ("93" finds "93 ОМБр"); the source is any report's.
 */
export async function listMissing(
  db: Db,
  filter: MissingFilter,
  page: { limit: number; before?: number },
): Promise<MissingRow[]> {
  // a record merged into another is a pointer, not a person: the register lists the one it points to
  let q = db.selectFrom('missing_persons').selectAll().where('merged_into', 'is', null)
  const prefix = (v: string) => `${v.toLowerCase().replace(/[%_\\]/g, (c) => `\\${c}`)}%`
  if (filter.status) q = q.where('status', '=', filter.status)
  if (filter.captivity) q = q.where('captivity', '=', filter.captivity)
  if (filter.unit) q = q.where(sql`lower(unit)`, 'like', prefix(filter.unit))
  if (filter.region) q = q.where(sql`lower(region)`, 'like', prefix(filter.region))
  if (filter.from) q = q.where('last_seen_on', '>=', filter.from)
  if (filter.to) q = q.where('last_seen_on', '<=', filter.to)
  if (filter.q) {
    const t = filter.q
    if (/\d/.test(t)) q = q.where('service_number', '=', t)
    else if (/\p{Script=Cyrillic}/u.test(t)) q = q.where(sql`lower(surname)`, 'like', prefix(t))
    else q = q.where(sql`lower(surname_latin)`, 'like', prefix(t))
  }
  if (filter.source) {
    const source = filter.source
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('missing_reports as r')
          .select(sql`1`.as('one'))
          .whereRef('r.missing_person_id', '=', 'missing_persons.id')
          .where(sql`lower(r.source)`, 'like', prefix(source)),
      ),
    )
  }
  if (page.before !== undefined) q = q.where('register_number', '<', page.before)
  return q.orderBy('register_number', 'desc').limit(page.limit).execute()
}

/** Records by id, in chunks (an exchange brings home up to thousands at once). */
export async function findMissingMany(db: Db, ids: readonly string[]): Promise<MissingRow[]> {
  const out: MissingRow[] = []
  for (let i = 0; i < ids.length; i += 5000)
    out.push(
      ...(await db
        .selectFrom('missing_persons')
        .selectAll()
        .where('id', 'in', ids.slice(i, i + 5000))
        .execute()),
    )
  return out
}

/**
 * Open records (still missing) that share a service number or a birth date with someone who came
 * home: the only ones the name engine then compares, so a return never scans the whole register.
 */
export async function openRecordsAlike(
  db: Db,
  keys: { serviceNumbers: string[]; birthDates: string[]; birthYears: string[] },
): Promise<MissingRow[]> {
  const { serviceNumbers, birthDates, birthYears } = keys
  if (!serviceNumbers.length && !birthDates.length && !birthYears.length) return []
  return db
    .selectFrom('missing_persons')
    .selectAll()
    .where('status', '=', 'missing')
    .where('merged_into', 'is', null)
    .where((eb) =>
      eb.or([
        ...(serviceNumbers.length ? [eb('service_number', 'in', serviceNumbers)] : []),
        ...(birthDates.length ? [eb('date_of_birth', 'in', birthDates)] : []),
        ...(birthYears.length ? [eb(sql<string>`left(date_of_birth, 4)`, 'in', birthYears)] : []),
      ]),
    )
    .execute()
}

/** The histories of many records at once, each in date order. */
export async function missingEventsOfMany(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, StoredMissingEvent[]>> {
  const out = new Map<string, StoredMissingEvent[]>(ids.map((id) => [id, []]))
  for (let i = 0; i < ids.length; i += 5000) {
    const rows = await db
      .selectFrom('missing_events')
      .selectAll()
      .where('missing_person_id', 'in', ids.slice(i, i + 5000))
      .orderBy('occurred_on')
      .orderBy('seq')
      .execute()
    for (const r of rows) out.get(r.missing_person_id)?.push(storedEvent(r))
  }
  return out
}

/**
 * Ours the other side holds by a sure source: captivity confirmed and the case still open (not
 * returned, found or confirmed dead), oldest record first.
 */
export async function confirmedInCaptivity(db: Db): Promise<MissingRow[]> {
  return db
    .selectFrom('missing_persons')
    .selectAll()
    .where('captivity', '=', 'confirmed')
    .where('status', '=', 'missing')
    .where('merged_into', 'is', null)
    .orderBy('register_number')
    .execute()
}

/** Of these records, those a report consents to share with the other side (RFL: absent means no). */
export async function sharedWithOtherSide(db: Db, ids: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>()
  for (let i = 0; i < ids.length; i += 5000) {
    const rows = await db
      .selectFrom('missing_reports')
      .select('missing_person_id')
      .where('missing_person_id', 'in', ids.slice(i, i + 5000))
      .where('consent_share_other_side', '=', true)
      .execute()
    for (const r of rows) out.add(r.missing_person_id)
  }
  return out
}
