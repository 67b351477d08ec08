import { type ColumnType, type Generated, type Selectable, sql } from 'kysely'
import type { Db } from '../db/connection'
import type { LinkRecord } from '../linkage/record'

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
type Json = ColumnType<unknown, string, string>

/** The tables of migration 0026, owned by this file alone (hence not in src/db/schema.ts). */
export type ReconciliationTables = {
  reconciliations: {
    id: Generated<string>
    number: Generated<number>
    list_id: string
    against: string
    threshold: number
    summary: Json | null
    created_by: string
    created_at: Generated<Date>
  }
  reconciliation_pairs: {
    reconciliation_id: string
    rank: number
    row_no: number
    row_ref: string
    record_id: string
    probability: number
    match_weight: number
    above: boolean
    evidence: Json
    decision: string | null
    decided_by: string | null
    decided_at: Timestamp | null
    event_seq: number | null
  }
  reconciliation_duplicates: {
    reconciliation_id: string
    group_no: number
    row_refs: Json
    evidence: Json
  }
}

export type PairRow = Selectable<ReconciliationTables['reconciliation_pairs']>
export type DuplicateRow = Selectable<ReconciliationTables['reconciliation_duplicates']>
export type NewPair = Omit<PairRow, 'decision' | 'decided_by' | 'decided_at' | 'event_seq' | 'evidence'> & {
  evidence: string
}

const tables = (db: Db) => db.withTables<ReconciliationTables>()

/** Stored with its job (job.ts) and under the job's id, in the transaction that queues the job. */
export async function insertRun(
  tx: Db,
  run: { id: string; listId: string; against: string; threshold: number; createdBy: string },
) {
  await tables(tx)
    .insertInto('reconciliations')
    .values({
      id: run.id,
      list_id: run.listId,
      against: run.against,
      threshold: run.threshold,
      created_by: run.createdBy,
    })
    .execute()
}

/**
 * A run with its state, which the jobs table holds (same id): status, stage, progress, error and
 * times are the job's (migration 0031 gave the runs older than that a job row of their own).
 */
function withState(db: Db) {
  return tables(db)
    .selectFrom('reconciliations as r')
    .innerJoin('jobs as j', 'j.id', 'r.id')
    .select((eb) => [
      'r.id',
      'r.number',
      'r.list_id',
      'r.against',
      'r.threshold',
      'r.summary',
      'r.created_by',
      'r.created_at',
      eb.ref('j.status').$castTo<string>().as('status'),
      'j.stage',
      eb.ref('j.done').$castTo<number>().as('done'),
      eb.ref('j.total').$castTo<number>().as('total'),
      'j.error',
      eb('j.cancel_requested_at', 'is not', null).$castTo<boolean>().as('cancel_requested'),
      'j.cancelled_by',
      'j.attempts',
      'j.started_at',
      'j.finished_at',
    ])
}

export type RunRow = NonNullable<Awaited<ReturnType<typeof getRun>>>

export async function getRun(db: Db, id: string) {
  return withState(db).where('r.id', '=', id).executeTakeFirst()
}

export async function listRuns(db: Db, listId?: string) {
  let q = withState(db)
  if (listId) q = q.where('r.list_id', '=', listId)
  return q.orderBy('r.number', 'desc').limit(200).execute()
}

/** The run's summary, written with its pairs when its job is done. */
export async function saveSummary(tx: Db, id: string, summary: string) {
  await tables(tx).updateTable('reconciliations').set({ summary }).where('id', '=', id).execute()
}

export async function insertPairs(tx: Db, rows: NewPair[]) {
  for (let i = 0; i < rows.length; i += 1000)
    await tables(tx)
      .insertInto('reconciliation_pairs')
      .values(rows.slice(i, i + 1000))
      .execute()
}

export async function insertDuplicates(
  tx: Db,
  rows: { reconciliation_id: string; group_no: number; row_refs: string; evidence: string }[],
) {
  for (let i = 0; i < rows.length; i += 1000)
    await tables(tx)
      .insertInto('reconciliation_duplicates')
      .values(rows.slice(i, i + 1000))
      .execute()
}

export type PairFilter = {
  band?: 'above' | 'below'
  decision?: 'pending' | 'accepted' | 'rejected' | 'unsure'
  /** at least this probability */
  min?: number
}

function filtered(db: Db, runId: string, f: PairFilter) {
  let q = tables(db).selectFrom('reconciliation_pairs').where('reconciliation_id', '=', runId)
  if (f.band) q = q.where('above', '=', f.band === 'above')
  if (f.decision === 'pending') q = q.where('decision', 'is', null)
  else if (f.decision) q = q.where('decision', '=', f.decision)
  if (f.min !== undefined) q = q.where('probability', '>=', f.min)
  return q
}

/** A page of the queue in rank order (best first), after rank `after`. */
export async function pairsPage(db: Db, runId: string, f: PairFilter, after: number, limit: number) {
  return filtered(db, runId, f).selectAll().where('rank', '>', after).orderBy('rank').limit(limit).execute()
}

export async function countPairs(db: Db, runId: string, f: PairFilter): Promise<number> {
  const row = await filtered(db, runId, f)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Pairs of a band in a random order: what a tracer looks at before accepting the band at once. */
export async function samplePairs(db: Db, runId: string, f: PairFilter, size: number) {
  return filtered(db, runId, f).selectAll().orderBy(sql`random()`).limit(size).execute()
}

export async function pairsOf(db: Db, runId: string, f: PairFilter) {
  return filtered(db, runId, f).selectAll().orderBy('rank').execute()
}

export async function getPair(db: Db, runId: string, rank: number): Promise<PairRow | undefined> {
  return tables(db)
    .selectFrom('reconciliation_pairs')
    .selectAll()
    .where('reconciliation_id', '=', runId)
    .where('rank', '=', rank)
    .executeTakeFirst()
}

/** The pair row locked for a decision: two tracers deciding it at once take turns. */
export async function lockPair(tx: Db, runId: string, rank: number): Promise<PairRow | undefined> {
  return tables(tx)
    .selectFrom('reconciliation_pairs')
    .selectAll()
    .where('reconciliation_id', '=', runId)
    .where('rank', '=', rank)
    .forUpdate()
    .executeTakeFirst()
}

export async function setDecision(
  tx: Db,
  runId: string,
  rank: number,
  d: { decision: string | null; by: string | null; at: Date | null; eventSeq: number | null },
) {
  await tables(tx)
    .updateTable('reconciliation_pairs')
    .set({ decision: d.decision, decided_by: d.by, decided_at: d.at, event_seq: d.eventSeq })
    .where('reconciliation_id', '=', runId)
    .where('rank', '=', rank)
    .execute()
}

/** Other pairs of the same list row or the same record already accepted in this run. */
export async function acceptedTouching(db: Db, runId: string, rowRef: string, recordId: string) {
  return tables(db)
    .selectFrom('reconciliation_pairs')
    .selectAll()
    .where('reconciliation_id', '=', runId)
    .where('decision', '=', 'accepted')
    .where((eb) => eb.or([eb('row_ref', '=', rowRef), eb('record_id', '=', recordId)]))
    .execute()
}

export async function duplicatesOf(db: Db, runId: string): Promise<DuplicateRow[]> {
  return tables(db)
    .selectFrom('reconciliation_duplicates')
    .selectAll()
    .where('reconciliation_id', '=', runId)
    .orderBy('group_no')
    .execute()
}

/**
 * Pairs that say a record of ours is on a list: accepted, or above the threshold and not rejected,
 * of every finished run against the register `against`, with the list each came from.
 */
export async function linkedPairs(db: Db, against: string, recordIds?: readonly string[]) {
  let q = tables(db)
    .selectFrom('reconciliation_pairs as p')
    .innerJoin('reconciliations as r', 'r.id', 'p.reconciliation_id')
    .select([
      'p.reconciliation_id',
      'p.rank',
      'p.row_no',
      'p.row_ref',
      'p.record_id',
      'p.probability',
      'p.decision',
      'r.list_id',
      'r.number',
    ])
    // a run's result (pairs and summary) is saved with its job's "done", in one transaction
    .where('r.summary', 'is not', null)
    .where('r.against', '=', against)
    .where((eb) =>
      eb.or([
        eb('p.decision', '=', 'accepted'),
        eb.and([
          eb('p.above', '=', true),
          eb.or([eb('p.decision', 'is', null), eb('p.decision', '=', 'unsure')]),
        ]),
      ]),
    )
  if (recordIds)
    q = q.where('p.record_id', 'in', recordIds.length ? recordIds : ['00000000-0000-0000-0000-000000000000'])
  return q.execute()
}

/** The missing-persons register as linkage records, read in batches by id. */
export async function missingRecords(db: Db): Promise<LinkRecord[]> {
  const out: LinkRecord[] = []
  let after = '00000000-0000-0000-0000-000000000000'
  for (;;) {
    const rows = await db
      .selectFrom('missing_persons')
      .select([
        'id',
        'surname',
        'first_names',
        'patronymic',
        'date_of_birth',
        'place_of_birth',
        'service_number',
        'unit',
      ])
      .where('id', '>', after)
      .orderBy('id')
      .limit(20_000)
      .execute()
    if (rows.length === 0) return out
    for (const r of rows)
      out.push({
        id: r.id,
        surname: r.surname,
        givenName: r.first_names ?? '',
        patronymic: r.patronymic ?? '',
        fatherName: '',
        dateOfBirth: r.date_of_birth ?? '',
        placeOfBirth: r.place_of_birth ?? '',
        serviceNumber: r.service_number ?? '',
        unit: r.unit ?? '',
      })
    after = rows.at(-1)!.id
  }
}

/** Records of ours by id, side by side with their rows: the missing-persons or the custody register. */
export async function recordsById(db: Db, against: string, ids: readonly string[]) {
  const out = new Map<string, OurRecord>()
  const wanted = [...new Set(ids)]
  for (let i = 0; i < wanted.length; i += 5000) {
    const chunk = wanted.slice(i, i + 5000)
    if (chunk.length === 0) break
    const rows =
      against === 'custody'
        ? await db
            .selectFrom('persons')
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
              'rank',
              'status',
            ])
            .select(sql<string>`'none'`.as('captivity'))
            .where('id', 'in', chunk)
            .execute()
        : await db
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
              'rank',
              'status',
              'captivity',
            ])
            .where('id', 'in', chunk)
            .execute()
    for (const r of rows) out.set(r.id, { ...r, register_number: Number(r.register_number) })
  }
  return out
}

export type OurRecord = {
  id: string
  register_number: number
  surname: string
  first_names: string | null
  patronymic: string | null
  date_of_birth: string | null
  place_of_birth: string | null
  service_number: string | null
  unit: string | null
  rank: string | null
  status: string
  captivity: string
}

/**
 * Ours still missing that no finished run against the missing register links to any list: the
 * families' reports no list answers. Paged by register number.
 */
export async function missingOnNoList(db: Db, limit: number) {
  const linked = tables(db)
    .selectFrom('reconciliation_pairs as p')
    .innerJoin('reconciliations as r', 'r.id', 'p.reconciliation_id')
    .select('p.record_id')
    // a run's result (pairs and summary) is saved with its job's "done", in one transaction
    .where('r.summary', 'is not', null)
    .where('r.against', '=', 'missing')
    .where((eb) =>
      eb.or([
        eb('p.decision', '=', 'accepted'),
        eb.and([
          eb('p.above', '=', true),
          eb.or([eb('p.decision', 'is', null), eb('p.decision', '=', 'unsure')]),
        ]),
      ]),
    )
  const base = tables(db)
    .selectFrom('missing_persons as m')
    .where('m.status', '=', 'missing')
    .where('m.id', 'not in', linked)
  const [rows, count] = await Promise.all([
    base
      .select([
        'm.id',
        'm.register_number',
        'm.surname',
        'm.first_names',
        'm.date_of_birth',
        'm.unit',
        'm.captivity',
      ])
      .orderBy('m.register_number')
      .limit(limit)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ])
  return {
    rows: rows.map((r) => ({ ...r, register_number: Number(r.register_number) })),
    total: Number(count.n),
  }
}
