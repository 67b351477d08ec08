import type { Db } from '../db/connection'
import type { LinkRecord } from './record'

export type JobRow = Awaited<ReturnType<typeof getJob>>

export async function getJob(db: Db, id: string) {
  return db.selectFrom('linkage_jobs').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function listJobs(db: Db) {
  return db.selectFrom('linkage_jobs').selectAll().orderBy('created_at', 'desc').limit(200).execute()
}

export async function updateJob(
  db: Db,
  id: string,
  values: Partial<{
    status: 'queued' | 'running' | 'done' | 'failed'
    stage: string
    done: number
    total: number
    candidates: number
    pairs_found: number
    model: string
    blocking: string
    warnings: string
    error: string
    started_at: Date
    finished_at: Date
  }>,
) {
  await db.updateTable('linkage_jobs').set(values).where('id', '=', id).execute()
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

/** Jobs a stopped server left unfinished: their inputs are stored, so they can simply run again. */
export async function failUnfinished(db: Db, now: Date) {
  const result = await db
    .updateTable('linkage_jobs')
    .set({
      status: 'failed',
      error: 'the server stopped while this job ran; start it again',
      finished_at: now,
    })
    .where('status', 'in', ['queued', 'running'])
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
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
