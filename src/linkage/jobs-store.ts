import type { Db } from '../db/connection'
import type { LinkRecord } from './record'

export type JobRow = Awaited<ReturnType<typeof getJob>>

/** A linkage job's inputs and results with its state, which the jobs table holds (same id). */
function withState(db: Db) {
  return db
    .selectFrom('linkage_jobs as l')
    .innerJoin('jobs as j', 'j.id', 'l.id')
    .selectAll('l')
    .select([
      'j.status',
      'j.stage',
      'j.done',
      'j.total',
      'j.error',
      'j.attempts',
      'j.cancelled_by',
      'j.started_at',
      'j.finished_at',
    ])
}

export async function getJob(db: Db, id: string) {
  return withState(db).where('l.id', '=', id).executeTakeFirst()
}

export async function listJobs(db: Db) {
  return withState(db).orderBy('l.created_at', 'desc').limit(200).execute()
}

export async function saveResult(
  tx: Db,
  id: string,
  values: { candidates: number; pairs_found: number; model: string; blocking: string; warnings: string },
) {
  await tx.updateTable('linkage_jobs').set(values).where('id', '=', id).execute()
}

export type StoredPair = {
  rank: number
  left_ref: string
  right_ref: string
  match_weight: number
  probability: number
  evidence: string
}

export async function insertPairs(tx: Db, jobId: string, pairs: StoredPair[]) {
  for (let i = 0; i < pairs.length; i += 1000)
    await tx
      .insertInto('linkage_pairs')
      .values(pairs.slice(i, i + 1000).map((p) => ({ job_id: jobId, ...p })))
      .execute()
}

export async function pairsPage(db: Db, jobId: string, afterRank: number, limit: number) {
  return db
    .selectFrom('linkage_pairs')
    .selectAll()
    .where('job_id', '=', jobId)
    .where('rank', '>', afterRank)
    .orderBy('rank')
    .limit(limit)
    .execute()
}

/** The whole custody register as linkage records, read in batches by id. */
export async function registerRecords(db: Db): Promise<LinkRecord[]> {
  const out: LinkRecord[] = []
  let after = '00000000-0000-0000-0000-000000000000'
  for (;;) {
    const rows = await db
      .selectFrom('persons')
      .select([
        'id',
        'surname',
        'first_names',
        'patronymic',
        'father_first_name',
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
        fatherName: r.father_first_name ?? '',
        dateOfBirth: r.date_of_birth ?? '',
        placeOfBirth: r.place_of_birth ?? '',
        serviceNumber: r.service_number ?? '',
        unit: r.unit ?? '',
      })
    after = rows.at(-1)!.id
  }
}
