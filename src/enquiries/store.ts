import { type Insertable, type Selectable, sql } from 'kysely'
import type { Db } from '../db/connection'
import type {
  EnquiriesTable,
  EnquiryCandidatesTable,
  EnquiryFollowUpsTable,
  EnquiryRepliesTable,
} from '../db/schema'
import { listLists, listRecords } from '../lists/store'
import { otherLanguageKeys } from '../names/equivalents'
import { nameKey } from '../names/key'
import type { Candidate, PoolRecord } from './match'

export type EnquiryRow = Selectable<EnquiriesTable>
export type CandidateRow = Selectable<EnquiryCandidatesTable>
export type ReplyRow = Selectable<EnquiryRepliesTable>
export type FollowUpRow = Selectable<EnquiryFollowUpsTable>

export async function insertEnquiry(tx: Db, row: Insertable<EnquiriesTable>): Promise<EnquiryRow> {
  return tx.insertInto('enquiries').values(row).returningAll().executeTakeFirstOrThrow()
}

export async function findEnquiry(db: Db, id: string): Promise<EnquiryRow | undefined> {
  return db.selectFrom('enquiries').selectAll().where('id', '=', id).executeTakeFirst()
}

/**
 * The enquiry, locked for the rest of the write: taken after any missing person the write locks
 * (the pipeline's order, src/db/write.ts), so two tracers' changes to one enquiry queue.
 */
export async function lockEnquiry(tx: Db, id: string): Promise<EnquiryRow | undefined> {
  return tx.selectFrom('enquiries').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
}

export async function updateEnquiry(
  tx: Db,
  id: string,
  changes: Partial<Insertable<EnquiriesTable>>,
): Promise<EnquiryRow> {
  return tx
    .updateTable('enquiries')
    .set(changes)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()
}

export type EnquiryListRow = EnquiryRow & {
  surname: string
  first_names: string | null
  patronymic: string | null
  date_of_birth: string | null
  missing_status: string
  captivity: string
  next_follow_up_on: string | null
}

/** Enquiries with their sought person and earliest open follow-up, in one query. */
export async function listEnquiries(
  db: Db,
  filter: { state?: 'open' | 'closed'; missingPersonId?: string; id?: string },
): Promise<EnquiryListRow[]> {
  let q = db
    .selectFrom('enquiries as e')
    .innerJoin('missing_persons as m', 'm.id', 'e.missing_person_id')
    .selectAll('e')
    .select([
      'm.surname',
      'm.first_names',
      'm.patronymic',
      'm.date_of_birth',
      'm.status as missing_status',
      'm.captivity',
      (eb) =>
        eb
          .selectFrom('enquiry_follow_ups as f')
          .select(sql<string>`min(f.due_on)::text`.as('d'))
          .whereRef('f.enquiry_id', '=', 'e.id')
          .where('f.done_on', 'is', null)
          .as('next_follow_up_on'),
    ])
  if (filter.state) q = q.where('e.state', '=', filter.state)
  if (filter.missingPersonId) q = q.where('e.missing_person_id', '=', filter.missingPersonId)
  if (filter.id) q = q.where('e.id', '=', filter.id)
  return (await q.orderBy('e.number').limit(5000).execute()) as EnquiryListRow[]
}

export async function listCandidates(db: Db, id: string): Promise<CandidateRow[]> {
  return db
    .selectFrom('enquiry_candidates')
    .selectAll()
    .where('enquiry_id', '=', id)
    .orderBy('weight', 'desc')
    .execute()
}

/**
 * A new search's findings: undecided candidates not found again are dropped; those found again keep
 * when and by which search they were first found; decided ones stay with their decision (a
 * rejected one is not offered again), their evidence refreshed. Answers how many were found for
 * the first time.
 */
export async function storeCandidates(
  tx: Db,
  id: string,
  found: readonly Candidate[],
  at: Date,
  by: 'search' | 'research' = 'search',
): Promise<number> {
  const kept = new Set(found.map((c) => `${c.source}\u0000${c.ref}`))
  const before = await tx
    .selectFrom('enquiry_candidates')
    .select(['source', 'ref', 'decision'])
    .where('enquiry_id', '=', id)
    .execute()
  const known = new Set(before.map((c) => `${c.source}\u0000${c.ref}`))
  const gone = before.filter((c) => c.decision === 'pending' && !kept.has(`${c.source}\u0000${c.ref}`))
  for (const c of gone)
    await tx
      .deleteFrom('enquiry_candidates')
      .where('enquiry_id', '=', id)
      .where('source', '=', c.source)
      .where('ref', '=', c.ref)
      .execute()
  let fresh = 0
  for (const c of found) {
    if (!known.has(`${c.source}\u0000${c.ref}`)) fresh += 1
    await tx
      .insertInto('enquiry_candidates')
      .values({
        enquiry_id: id,
        source: c.source,
        ref: c.ref,
        label: c.label,
        born: c.born || null,
        detail: c.detail || null,
        probability: c.probability,
        weight: c.weight,
        evidence: JSON.stringify(c.evidence),
        found_at: at,
        first_found_at: at,
        found_by: by,
      })
      .onConflict((oc) =>
        oc.columns(['enquiry_id', 'source', 'ref']).doUpdateSet({
          label: c.label,
          born: c.born || null,
          detail: c.detail || null,
          probability: c.probability,
          weight: c.weight,
          evidence: JSON.stringify(c.evidence),
          found_at: at,
        }),
      )
      .execute()
  }
  return fresh
}

/** Per enquiry, the undecided candidates the automatic search found: new to the tracer. */
export async function newCandidateCounts(db: Db, ids?: readonly string[]): Promise<Map<string, number>> {
  let q = db
    .selectFrom('enquiry_candidates')
    .select(['enquiry_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('decision', '=', 'pending')
    .where('found_by', '=', 'research')
    .groupBy('enquiry_id')
  if (ids) {
    if (ids.length === 0) return new Map()
    q = q.where('enquiry_id', 'in', ids)
  }
  const rows = await q.execute()
  return new Map(rows.map((r) => [r.enquiry_id, Number(r.n)]))
}

/** Open enquiries, oldest first: what the automatic search goes through. */
export async function openEnquiryIds(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('enquiries')
    .select('id')
    .where('state', '=', 'open')
    .orderBy('number')
    .execute()
  return rows.map((r) => r.id)
}

export async function findCandidate(tx: Db, id: string, source: string, ref: string) {
  return tx
    .selectFrom('enquiry_candidates')
    .selectAll()
    .where('enquiry_id', '=', id)
    .where('source', '=', source)
    .where('ref', '=', ref)
    .executeTakeFirst()
}

export async function decideCandidate(
  tx: Db,
  key: { id: string; source: string; ref: string },
  d: { decision: string; by: string; at: Date; note: string | null },
) {
  return tx
    .updateTable('enquiry_candidates')
    .set({ decision: d.decision, decided_by: d.by, decided_at: d.at, decision_note: d.note })
    .where('enquiry_id', '=', key.id)
    .where('source', '=', key.source)
    .where('ref', '=', key.ref)
    .returningAll()
    .executeTakeFirstOrThrow()
}

export async function listReplies(db: Db, id: string): Promise<ReplyRow[]> {
  return db.selectFrom('enquiry_replies').selectAll().where('enquiry_id', '=', id).orderBy('seq').execute()
}

export async function insertReply(tx: Db, row: Insertable<EnquiryRepliesTable>): Promise<ReplyRow> {
  return tx.insertInto('enquiry_replies').values(row).returningAll().executeTakeFirstOrThrow()
}

export async function updateReply(
  tx: Db,
  id: string,
  seq: number,
  changes: Partial<Insertable<EnquiryRepliesTable>>,
): Promise<ReplyRow> {
  return tx
    .updateTable('enquiry_replies')
    .set(changes)
    .where('enquiry_id', '=', id)
    .where('seq', '=', seq)
    .returningAll()
    .executeTakeFirstOrThrow()
}

export async function listFollowUps(db: Db, id: string): Promise<FollowUpRow[]> {
  return db.selectFrom('enquiry_follow_ups').selectAll().where('enquiry_id', '=', id).orderBy('seq').execute()
}

export async function insertFollowUp(tx: Db, row: Insertable<EnquiryFollowUpsTable>): Promise<FollowUpRow> {
  return tx.insertInto('enquiry_follow_ups').values(row).returningAll().executeTakeFirstOrThrow()
}

export async function markFollowUpDone(tx: Db, id: string, seq: number, on: string, by: string) {
  return tx
    .updateTable('enquiry_follow_ups')
    .set({ done_on: on, done_by: by })
    .where('enquiry_id', '=', id)
    .where('seq', '=', seq)
    .returningAll()
    .executeTakeFirst()
}

/** When a list or a register last changed: candidates searched before it may be out of date. */
export async function lastRegisterChange(db: Db): Promise<Date | null> {
  const r = await sql<{ at: Date | null }>`
    select greatest(
      (select max(created_at) from lists),
      (select max(updated_at) from missing_persons),
      (select max(created_at) from persons)
    ) as at`.execute(db)
  const at = r.rows[0]?.at
  return at ? new Date(at) : null
}

const text = (v: string | null | undefined) => v ?? ''

/**
 * Persons of the custody register who may be the sought person: the same surname key or its other
 * language's form (Олійник, Олейник), the same service number, or the same date of birth. The
 * register may hold a million persons: only these are compared, by the indexes search uses.
 */
export async function custodyPool(
  db: Db,
  sought: { surname: string; serviceNumber: string; dateOfBirth: string },
): Promise<{ pool: PoolRecord[]; universe: number }> {
  const keys = [nameKey(sought.surname), ...otherLanguageKeys(sought.surname)].filter(Boolean)
  const rows = await db
    .selectFrom('persons as p')
    .leftJoin('facilities as f', 'f.id', 'p.facility_id')
    .select([
      'p.id',
      'p.register_number',
      'p.surname',
      'p.first_names',
      'p.patronymic',
      'p.father_first_name',
      'p.date_of_birth',
      'p.place_of_birth',
      'p.service_number',
      'p.unit',
      'p.status',
      'f.name as facility',
    ])
    .where((eb) =>
      eb.or([
        ...(keys.length ? [eb('p.surname_key', 'in', keys)] : []),
        ...(sought.serviceNumber ? [eb('p.service_number', '=', sought.serviceNumber)] : []),
        ...(sought.dateOfBirth.length === 10 ? [eb('p.date_of_birth', '=', sought.dateOfBirth)] : []),
        eb.val(false),
      ]),
    )
    .limit(2000)
    .execute()
  const count = await sql<{ n: number }>`select count(*)::int as n from persons`.execute(db)
  return {
    universe: Number(count.rows[0]?.n ?? 0),
    pool: rows.map((r) => ({
      source: 'custody' as const,
      ref: r.id,
      label: [r.surname, r.first_names, r.patronymic].filter(Boolean).join(' '),
      born: text(r.date_of_birth),
      detail: [`№ ${r.register_number}`, r.status, r.facility].filter(Boolean).join(', '),
      record: {
        id: r.id,
        surname: r.surname,
        givenName: text(r.first_names),
        patronymic: text(r.patronymic),
        fatherName: text(r.father_first_name),
        dateOfBirth: text(r.date_of_birth),
        placeOfBirth: text(r.place_of_birth),
        serviceNumber: text(r.service_number),
        unit: text(r.unit),
      },
    })),
  }
}

/** Every record of the missing register (the caller leaves out the sought one): one person reported twice is found this way. */
export async function missingPool(db: Db): Promise<PoolRecord[]> {
  const rows = await db
    .selectFrom('missing_persons')
    .select([
      'id',
      'register_number',
      'surname',
      'first_names',
      'patronymic',
      'date_of_birth',
      'place_of_birth',
      'service_number',
      'unit',
      'status',
    ])
    .execute()
  return rows.map((r) => ({
    source: 'missing' as const,
    ref: r.id,
    label: [r.surname, r.first_names, r.patronymic].filter(Boolean).join(' '),
    born: text(r.date_of_birth),
    detail: `№ ${r.register_number}, ${r.status}`,
    record: {
      id: r.id,
      surname: r.surname,
      givenName: text(r.first_names),
      patronymic: text(r.patronymic),
      fatherName: '',
      dateOfBirth: text(r.date_of_birth),
      placeOfBirth: text(r.place_of_birth),
      serviceNumber: text(r.service_number),
      unit: text(r.unit),
    },
  }))
}

/** Every row of every stored list, through the lists' own read functions. */
export async function listPool(db: Db): Promise<PoolRecord[]> {
  const out: PoolRecord[] = []
  for (const list of await listLists(db)) {
    const received = list.createdAt.toISOString().slice(0, 10)
    for (const r of await listRecords(db, list.id))
      out.push({
        source: 'list',
        ref: `${list.id}:${r.id}`,
        label: [r.surname, r.givenName, r.patronymic].filter(Boolean).join(' '),
        born: r.dateOfBirth,
        detail: `${list.name} (${received}), ${r.id}`,
        record: r,
      })
  }
  return out
}
