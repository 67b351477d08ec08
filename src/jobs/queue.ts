import type { Db } from '../db/connection'
import type { JobRow } from './store'

/**
 * How jobs reach a worker. The jobs table holds what users see and the lease a worker must hold
 * to write; a queue only delivers "job X is ready" to one worker, once, and again when the job
 * comes back (a retry, a worker that died).
 */
export type Queue = {
  name: 'pg-boss' | 'in-process'
  /** Inside the transaction that stores the job: the job is queued if and only if it is stored. */
  enqueue: (tx: Db, jobId: string) => Promise<void>
  /** Starts taking jobs; `take` claims (by id, or the next one) and runs it. */
  work: (take: Take) => Promise<void>
  /** A job back in the queue (or failed) after its worker vanished: deliver it again (or drop it). */
  redeliver: (job: Pick<JobRow, 'id' | 'status' | 'queue_ref'>) => Promise<void>
  /** Wakes an idle worker in this process (a job was just stored). */
  kick: () => void
  /** Stops taking jobs; the running one has been handed back by the runner. */
  stop: () => Promise<void>
}

/** Claims job `id` (or the oldest queued one when undefined) and runs it; 'again' = hand back to the queue. */
export type Take = (id: string | undefined, ref?: string) => Promise<'idle' | 'ran' | 'again'>
