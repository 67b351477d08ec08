import type { z } from 'zod'
import type { appendAudit } from '../audit/store'
import type { Clock } from '../core/clock'
import type { Db } from '../db/connection'

/** What a running job may use: the database, the clock, the audit trail, its progress and its stop signal. */
export type JobContext = {
  /** the job's id (a capability's own row, e.g. linkage_jobs, shares it) */
  id: string
  /** who submitted it: results are theirs, audit entries name them */
  owner: { id: string; name: string }
  /** 1 for the first run, 2 when a worker stopped mid-job and another took it up... */
  attempt: number
  db: Db
  clock: Clock
  audit: { appendAudit: typeof appendAudit }
  /** Cheap to call often: written at most twice a second, fenced by this worker's lease. */
  progress: (stage: string, done: number, total: number) => void
  /** Aborted when a user cancels the job or this worker lost its lease to another. */
  signal: AbortSignal
}

/**
 * What a job hands back: a short summary (stored on the job, shown in lists) and, optionally, the
 * writes of its result, run in the same transaction that marks the job done and only if this worker
 * still holds the job. A job that a killed worker left half done therefore never leaves half a result.
 */
export type JobOutcome<S> = { summary: S; save?: (tx: Db) => Promise<void> }

/** A kind of job: its name, its input's schema and the work. */
export type JobKind<I = unknown, S = unknown> = {
  name: string
  input: z.ZodType<I>
  run: (ctx: JobContext, input: I) => Promise<JobOutcome<S>>
}

/** Declares a job kind with its input type inferred from the schema. */
export function defineJobKind<I, S>(kind: JobKind<I, S>): JobKind<I, S> {
  return kind
}

export const JOB_STATUSES = ['queued', 'running', 'done', 'failed', 'cancelled'] as const
export type JobStatus = (typeof JOB_STATUSES)[number]
export const FINISHED: readonly JobStatus[] = ['done', 'failed', 'cancelled']
