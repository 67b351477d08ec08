import { sql } from 'kysely'
import type { Db } from '../db/connection'
import type { JobStatus } from './kind'

export type JobRow = NonNullable<Awaited<ReturnType<typeof findJob>>>

export async function findJob(db: Db, id: string) {
  return db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function listJobs(db: Db, opts: { kind?: string; ownerId?: string; limit?: number } = {}) {
  let q = db
    .selectFrom('jobs')
    .selectAll()
    .orderBy('created_at', 'desc')
    .limit(opts.limit ?? 200)
  if (opts.kind) q = q.where('kind', '=', opts.kind)
  if (opts.ownerId) q = q.where('owner_id', '=', opts.ownerId)
  return q.execute()
}

export async function insertJob(
  tx: Db,
  row: { kind: string; input: unknown; owner_id: string; owner_name: string; max_attempts: number },
) {
  return tx
    .insertInto('jobs')
    .values({ ...row, input: JSON.stringify(row.input), status: 'queued' })
    .returning('id')
    .executeTakeFirstOrThrow()
}

export async function setQueueRef(tx: Db, id: string, ref: string) {
  await tx.updateTable('jobs').set({ queue_ref: ref }).where('id', '=', id).execute()
}

export async function countUnfinished(db: Db, kind: string) {
  const row = await db
    .selectFrom('jobs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('kind', '=', kind)
    .where('status', 'in', ['queued', 'running'])
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

const lease = (seconds: number) => sql<Date>`now() + make_interval(secs => ${seconds})`

/** Takes one queued job (this one, or the oldest) for `worker`: a job runs once at a time. */
export async function claimJob(db: Db, worker: string, leaseSeconds: number, id?: string) {
  const target = id
    ? sql`${id}::uuid`
    : sql`(select id from jobs where status = 'queued' order by created_at limit 1 for update skip locked)`
  return db
    .updateTable('jobs')
    .set((eb) => ({
      status: 'running',
      attempts: eb('attempts', '+', 1),
      worker,
      lease_until: lease(leaseSeconds),
      started_at: sql`coalesce(started_at, now())`,
      error: null,
    }))
    .where(sql<boolean>`id = ${target}`)
    .where('status', '=', 'queued')
    .returningAll()
    .executeTakeFirst()
}

export type Holder = { id: string; worker: string; attempt: number }

/**
 * Renews the lease of a running job (and writes its progress) if `holder` still holds it; answers
 * whether someone asked to cancel it, or undefined when the job is no longer this worker's.
 */
export async function renewLease(
  db: Db,
  holder: Holder,
  leaseSeconds: number,
  progress?: { stage: string; done: number; total: number },
) {
  const row = await db
    .updateTable('jobs')
    .set({ lease_until: lease(leaseSeconds), ...(progress ?? {}) })
    .where('id', '=', holder.id)
    .where('worker', '=', holder.worker)
    .where('attempts', '=', holder.attempt)
    .where('status', '=', 'running')
    .returning('cancel_requested_at')
    .executeTakeFirst()
  return row ? { cancelRequested: row.cancel_requested_at !== null } : undefined
}

/** Locks the job for its last write if `holder` still holds it (else undefined: another took it). */
export async function lockHeld(tx: Db, holder: Holder) {
  return tx
    .selectFrom('jobs')
    .selectAll()
    .where('id', '=', holder.id)
    .where('worker', '=', holder.worker)
    .where('attempts', '=', holder.attempt)
    .where('status', '=', 'running')
    .forUpdate()
    .executeTakeFirst()
}

export async function lockJob(tx: Db, id: string) {
  return tx.selectFrom('jobs').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
}

export async function finishJob(
  tx: Db,
  id: string,
  values: { status: JobStatus; result?: unknown; error?: string | null; stage?: string },
) {
  await tx
    .updateTable('jobs')
    .set({
      status: values.status,
      stage: values.stage ?? values.status,
      error: values.error ?? null,
      ...(values.result === undefined ? {} : { result: JSON.stringify(values.result) }),
      worker: null,
      lease_until: null,
      finished_at: sql`now()`,
    })
    .where('id', '=', id)
    .execute()
}

/** Puts a job back in the queue (a failure worth another attempt, or a worker stopping). */
export async function requeueJob(tx: Db, id: string, error: string | null, refundAttempt = false) {
  await tx
    .updateTable('jobs')
    .set((eb) => ({
      status: 'queued',
      worker: null,
      lease_until: null,
      error,
      ...(refundAttempt ? { attempts: eb('attempts', '-', 1) } : {}),
    }))
    .where('id', '=', id)
    .execute()
}

export async function requestCancel(tx: Db, id: string, by: string) {
  await tx
    .updateTable('jobs')
    .set({ cancel_requested_at: sql`now()`, cancelled_by: by })
    .where('id', '=', id)
    .execute()
}

/**
 * Jobs whose worker stopped renewing the lease (killed, machine gone): back to the queue while
 * attempts remain, else failed. Each row is changed by one reaper only (the update re-checks).
 * `all` takes every running job regardless of its lease: the embedded database at start, where
 * the data-folder lock proves no other process runs one.
 */
export async function reapAbandoned(db: Db, leaseSeconds: number, all = false) {
  const gone = `the worker running it stopped (no sign of life for ${leaseSeconds} s)`
  return db
    .updateTable('jobs')
    .set({
      status: sql`case when attempts < max_attempts then 'queued' else 'failed' end`,
      error: sql`case when attempts < max_attempts then ${`${gone}; taken up again`}
                 else ${`${gone} on each of its attempts; start it again`} end`,
      finished_at: sql`case when attempts < max_attempts then null else now() end`,
      worker: null,
      lease_until: null,
    })
    .where('status', '=', 'running')
    .$if(!all, (q) => q.where('lease_until', '<', sql<Date>`now()`))
    .returning(['id', 'status', 'queue_ref', 'kind', 'owner_id', 'owner_name', 'error'])
    .execute()
}
