import { type Insertable, type Selectable, sql } from 'kysely'
import type { Db } from '../db/connection'
import type { NoticeBatchesTable, NoticeBatchFilesTable, NoticesTable, PersonEventsTable } from '../db/schema'
import { writeTimeOf } from '../db/write'
import { readSetting } from '../settings/store'
import { correctNotices } from './corrections'
import { DEFAULT_TARGET_DAYS, noticesFor, type TriggerEvent } from './rules'
import { settleWeekly } from './weekly-store'

export type NoticeRow = Selectable<NoticesTable>
export type BatchRow = Selectable<NoticeBatchesTable>
type NewNotice = Insertable<NoticesTable>

// a notice row binds 13 parameters: 2,000 rows stay well under PostgreSQL's 65,535, in a fifth of the statements
const INSERT_CHUNK = 2000
export const OPEN_STATES = ['due', 'prepared'] as const

/** The bureau's target in days for "the shortest possible period"; settings key notices.targetDays. */
export async function targetDays(tx: Db): Promise<number> {
  const v = await readSetting(tx, 'notices.targetDays')
  return typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : DEFAULT_TARGET_DAYS
}

/** Event types that can start or end a period of serious illness or wounds (weekly bulletins). */
const WEEKLY_TOUCHED = [
  'hospitalised',
  'discharged',
  'health_bulletin',
  'died',
  'released',
  'repatriated',
  'exchanged',
  'escaped',
]

/**
 * Raises the notices that newly written custody events owe, inside the transaction that writes
 * them (called by the custody store's insertEvents, so no write path can forget it), stamped with
 * the write pipeline's time (the injected clock). A correction of particulars replaces what is
 * pending and re-issues what was sent with the wrong particulars (corrections.ts); an event that
 * starts or ends a serious illness brings the weekly bulletins up to date (weekly.ts).
 */
export async function raiseNotices(
  tx: Db,
  rows: readonly Pick<
    Insertable<PersonEventsTable>,
    'person_id' | 'seq' | 'type' | 'occurred_on' | 'details'
  >[],
) {
  if (rows.length === 0) return
  const now = writeTimeOf(tx)
  // a defect, not a user's error: every write of events goes through the pipeline (src/db/write.ts)
  if (!now) throw new Error('notices raised outside the write pipeline: no clock time for this transaction')
  const today = now.toISOString().slice(0, 10)
  const personIds = [...new Set(rows.map((r) => r.person_id))]
  const persons = []
  for (let i = 0; i < personIds.length; i += INSERT_CHUNK) {
    persons.push(
      ...(await tx
        .selectFrom('persons')
        .leftJoin('notice_withholdings as w', 'w.person_id', 'persons.id')
        .select(['persons.id', 'persons.category', 'persons.confirmation', 'w.person_id as withheld'])
        // one array parameter, not one per id
        .where(sql<boolean>`persons.id = any(${personIds.slice(i, i + INSERT_CHUNK)}::uuid[])`)
        .execute()),
    )
  }
  const target = await targetDays(tx)
  const byPerson = new Map<string, TriggerEvent[]>()
  for (const r of rows) {
    const list = byPerson.get(r.person_id) ?? []
    list.push({ seq: r.seq, type: r.type, occurredOn: r.occurred_on, health: healthOf(r.details) })
    byPerson.set(r.person_id, list)
  }
  const fresh: NewNotice[] = []
  const corrected: string[] = []
  const weekly: string[] = []
  for (const p of persons) {
    const events = byPerson.get(p.id) ?? []
    const planned = noticesFor(
      { category: p.category, confirmation: p.confirmation, withheld: p.withheld !== null },
      events,
      { targetDays: target },
    )
    for (const n of planned) fresh.push(noticeRow(p.id, n, now))
    if (events.some((e) => e.type === 'amended')) corrected.push(p.id)
    if (events.some((e) => WEEKLY_TOUCHED.includes(e.type))) weekly.push(p.id)
  }
  for (const id of corrected) await correctNotices(tx, id, today, now, target)
  for (let i = 0; i < fresh.length; i += INSERT_CHUNK) {
    await tx
      .insertInto('notices')
      .values(fresh.slice(i, i + INSERT_CHUNK))
      .execute()
  }
  if (weekly.length > 0) await settleWeekly(tx, weekly, today, now)
}

function noticeRow(personId: string, n: ReturnType<typeof noticesFor>[number], now: Date): NewNotice {
  return {
    person_id: personId,
    kind: n.kind,
    convention: n.convention,
    article: n.article,
    recipient: n.recipient,
    event_seq: n.eventSeq,
    event_type: n.eventType,
    occurred_on: n.occurredOn,
    due_on: n.dueOn,
    state: 'due',
    withheld_from_power: n.withheldFromPower,
    created_at: now,
    updated_at: now,
  }
}

function healthOf(details: unknown): string | null {
  const d = typeof details === 'string' ? safeJson(details) : details
  const h = (d as { health?: unknown } | null)?.health
  return typeof h === 'string' ? h : null
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s)
  } catch {
    return null
  }
}

export type NoticeFilter = {
  state?: string
  personId?: string
  overdueOn?: string
  batchId?: string
}

/** Notices with the person's identity, earliest deadline first. */
export async function listNotices(db: Db, f: NoticeFilter, limit: number) {
  let q = db
    .selectFrom('notices as n')
    .innerJoin('persons as p', 'p.id', 'n.person_id')
    .selectAll('n')
    .select([
      'p.surname',
      'p.first_names',
      'p.patronymic',
      'p.surname_latin',
      'p.first_names_latin',
      'p.register_number',
      'p.category',
    ])
  if (f.state) q = q.where('n.state', '=', f.state)
  if (f.personId) q = q.where('n.person_id', '=', f.personId)
  if (f.batchId) q = q.where('n.batch_id', '=', f.batchId)
  if (f.overdueOn) q = q.where('n.state', 'in', [...OPEN_STATES]).where('n.due_on', '<', f.overdueOn)
  return q.orderBy('n.due_on').orderBy('n.number').limit(limit).execute()
}
export type ListedNotice = Awaited<ReturnType<typeof listNotices>>[number]

export async function findNotice(db: Db, id: string) {
  return db.selectFrom('notices').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function findBatch(db: Db, id: string, opts: { forUpdate?: boolean } = {}) {
  let q = db.selectFrom('notice_batches').selectAll().where('id', '=', id)
  if (opts.forUpdate) q = q.forUpdate()
  return q.executeTakeFirst()
}

export async function countOpen(db: Db, today: string) {
  const r = await db
    .selectFrom('notices')
    .select((eb) => [
      eb.fn.countAll<number>().as('open'),
      eb.fn.sum<number>(eb.case().when('due_on', '<', today).then(1).else(0).end()).as('overdue'),
    ])
    .where('state', 'in', [...OPEN_STATES])
    .executeTakeFirstOrThrow()
  return { open: Number(r.open), overdue: Number(r.overdue ?? 0) }
}

/** Batches, newest first, each with how many notices it holds. */
export async function listBatches(db: Db, limit: number) {
  return db
    .selectFrom('notice_batches as b')
    .selectAll('b')
    .select((eb) =>
      eb
        .selectFrom('notices as n')
        .select(eb.fn.countAll<number>().as('c'))
        .whereRef('n.batch_id', '=', 'b.id')
        .as('count'),
    )
    .orderBy('b.number', 'desc')
    .limit(limit)
    .execute()
}

const FILE_COLUMNS = [
  'id',
  'batch_id',
  'format',
  'file_name',
  'sha256',
  'exported_by',
  'exported_at',
  'sent',
] as const

/** The exports kept with a batch (without their bytes), oldest first. */
export async function batchFiles(db: Db, batchId: string) {
  return db
    .selectFrom('notice_batch_files')
    .select([...FILE_COLUMNS, sql<number>`octet_length(bytes)`.as('size')])
    .where('batch_id', '=', batchId)
    .orderBy('exported_at')
    .execute()
}
export type KeptFileRow = Awaited<ReturnType<typeof batchFiles>>[number]

export async function keptFile(db: Db, batchId: string, fileId: string) {
  return db
    .selectFrom('notice_batch_files')
    .selectAll()
    .where('batch_id', '=', batchId)
    .where('id', '=', fileId)
    .executeTakeFirst()
}

export async function keepFile(db: Db, row: Insertable<NoticeBatchFilesTable>) {
  return db
    .insertInto('notice_batch_files')
    .values(row)
    .returning([...FILE_COLUMNS, sql<number>`octet_length(bytes)`.as('size')])
    .executeTakeFirstOrThrow()
}

/**
 * Per month of sending (UTC), from `since`: notices sent, how many after their deadline, and the
 * median days from the event that raised each one to the day its batch was sent. A notice sent and
 * later superseded by a correction was still sent: counted by its batch, not by its state. A
 * backlog recorded as sent before Parley is no sending of ours and is left out.
 */
export async function sentByMonth(db: Db, since: string) {
  const r = await sql<{ month: string; sent: number; late: number; median: number | string | null }>`
    select to_char(b.sent_at at time zone 'UTC', 'YYYY-MM') as month,
           count(*)::int as sent,
           count(*) filter (where (b.sent_at at time zone 'UTC')::date > n.due_on)::int as late,
           percentile_cont(0.5) within group (order by (b.sent_at at time zone 'UTC')::date - n.occurred_on) as median
      from notices n
      join notice_batches b on b.id = n.batch_id
     where b.sent_at is not null and not b.backlog and b.sent_at >= ${since}::date
     group by 1
     order by 1`.execute(db)
  return r.rows.map((x) => ({
    month: x.month,
    sent: Number(x.sent),
    sentLate: Number(x.late),
    medianDays: Number(x.median),
  }))
}
