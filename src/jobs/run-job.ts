import type { appendAudit } from '../audit/store'
import type { Clock } from '../core/clock'
import { isDomainError } from '../core/errors'
import type { Db } from '../db/connection'
import type { JobContext, JobKind } from './kind'
import * as store from './store'

/** How a run ended, for the queue: 'retry' and 'stopped' hand the job back to the queue. */
export type RunEnd = 'done' | 'failed' | 'cancelled' | 'lost' | 'retry' | 'stopped'

export type RunnerDeps = {
  db: Db
  clock: Clock
  audit: { appendAudit: typeof appendAudit }
  kinds: Map<string, JobKind>
  worker: string
  leaseSeconds: number
  /** jobs running in this process by id, each with its stop: a cancel made here stops it at once */
  running?: Map<string, () => void>
}

/** Progress is written at most this often: a job may report it for every block of pairs. */
const PROGRESS_EVERY_MS = 500

/**
 * How long a stopped job's computation is waited for before the worker takes its next job: a kind
 * that watches its signal ends within a task, and its cores are free before the next job starts; a
 * kind that does not is left to finish in the background.
 */
const STOP_GRACE_MS = 15_000

class Stop extends Error {
  constructor(readonly why: 'cancelled' | 'lost' | 'stopped') {
    super(why)
  }
}

/**
 * Runs a job this worker has claimed, renewing its lease while it works. The result is written
 * only if the worker still holds the job at the end (same worker, same attempt), in the
 * transaction that marks it done: a worker that was presumed dead and whose job was taken up
 * again can finish its computation, but cannot write a second result.
 */
export async function runClaimedJob(
  deps: RunnerDeps,
  row: store.JobRow,
  stopping: AbortSignal,
): Promise<RunEnd> {
  const { db, clock, audit } = deps
  const holder: store.Holder = { id: row.id, worker: deps.worker, attempt: row.attempts }
  const kind = deps.kinds.get(row.kind)
  if (!kind) return failFinally(deps, holder, row, `no worker here knows jobs of kind "${row.kind}"`)

  const controller = new AbortController()
  let stop: Stop | undefined
  const halt = (why: Stop['why']) => {
    if (stop) return
    stop = new Stop(why)
    controller.abort(stop)
  }
  const onStopping = () => halt('stopped')
  stopping.addEventListener('abort', onStopping)
  if (stopping.aborted) halt('stopped')
  deps.running?.set(row.id, () => halt('cancelled'))

  // one write at a time: progress and heartbeats never overtake each other
  let writing: Promise<void> = Promise.resolve()
  let pending: { stage: string; done: number; total: number } | undefined
  let lastProgress = 0
  const beat = () => {
    const progress = pending
    pending = undefined
    writing = writing
      .then(async () => {
        const state = await store.renewLease(db, holder, deps.leaseSeconds, progress)
        if (!state) halt('lost')
        else if (state.cancelRequested) halt('cancelled')
      })
      .catch(() => {}) // a lost connection shows as a lost lease at the next beat
  }
  const heartbeat = setInterval(beat, Math.min(2000, (deps.leaseSeconds * 1000) / 3))
  heartbeat.unref()

  const ctx: JobContext = {
    id: row.id,
    owner: { id: row.owner_id, name: row.owner_name },
    attempt: row.attempts,
    db,
    clock,
    audit,
    signal: controller.signal,
    progress: (stage, done, total) => {
      pending = { stage, done, total }
      const now = Date.now()
      if (now - lastProgress < PROGRESS_EVERY_MS && done < total) return
      lastProgress = now
      beat()
    },
  }

  let work: Promise<unknown> = Promise.resolve()
  try {
    const input = kind.input.parse(row.input)
    // A kind that does not watch the signal still stops being waited for: its computation ends on
    // its own and its result is dropped.
    const running = kind.run(ctx, input)
    work = running.catch(() => {})
    const outcome = await Promise.race([
      running,
      new Promise<never>((_, reject) => {
        controller.signal.addEventListener('abort', () => reject(controller.signal.reason))
        if (controller.signal.aborted) reject(controller.signal.reason)
      }),
    ])
    clearInterval(heartbeat)
    await writing
    return await db.transaction().execute(async (tx) => {
      const held = await store.lockHeld(tx, holder)
      if (!held) return 'lost' as const
      if (held.cancel_requested_at) {
        await store.finishJob(tx, row.id, { status: 'cancelled' })
        return 'cancelled' as const
      }
      await outcome.save?.(tx)
      await store.finishJob(tx, row.id, { status: 'done', result: outcome.summary ?? null })
      await audit.appendAudit(
        tx,
        [
          {
            actorId: row.owner_id,
            actorName: row.owner_name,
            action: 'job.done',
            entityType: 'job',
            entityId: row.id,
            before: null,
            after: { kind: row.kind, attempt: row.attempts, summary: outcome.summary ?? null },
          },
        ],
        clock(),
      )
      return 'done' as const
    })
  } catch (error) {
    clearInterval(heartbeat)
    await writing
    const reason = error instanceof Stop ? error : stop
    if (reason) await within(work, STOP_GRACE_MS)
    if (reason?.why === 'lost') return 'lost'
    if (reason?.why === 'cancelled') return settleCancel(deps, holder)
    if (reason?.why === 'stopped') {
      // this worker is shutting down: the job goes back for another worker, the attempt not counted
      await db.transaction().execute(async (tx) => {
        if (await store.lockHeld(tx, holder)) await store.requeueJob(tx, row.id, null, true)
      })
      return 'stopped'
    }
    const message = error instanceof Error ? error.message : String(error)
    // a refusal in the domain's words (a list deleted meanwhile, bad input) will not change on retry
    if (isDomainError(error) || row.attempts >= row.max_attempts)
      return failFinally(deps, holder, row, message)
    await db.transaction().execute(async (tx) => {
      if (await store.lockHeld(tx, holder))
        await store.requeueJob(tx, row.id, `attempt ${row.attempts} failed: ${message}`)
    })
    return 'retry'
  } finally {
    clearInterval(heartbeat)
    stopping.removeEventListener('abort', onStopping)
    deps.running?.delete(row.id)
  }
}

/** Waits for `work` to settle, or `ms`, whichever comes first. */
async function within(work: Promise<unknown>, ms: number) {
  let timer: NodeJS.Timeout | undefined
  await Promise.race([work, new Promise((resolve) => (timer = setTimeout(resolve, ms)))])
  clearTimeout(timer)
}

async function settleCancel(deps: RunnerDeps, holder: store.Holder): Promise<RunEnd> {
  return deps.db.transaction().execute(async (tx) => {
    if (!(await store.lockHeld(tx, holder))) return 'lost' as const
    await store.finishJob(tx, holder.id, { status: 'cancelled' })
    return 'cancelled' as const
  })
}

async function failFinally(
  deps: RunnerDeps,
  holder: store.Holder,
  row: store.JobRow,
  error: string,
): Promise<RunEnd> {
  return deps.db.transaction().execute(async (tx) => {
    if (!(await store.lockHeld(tx, holder))) return 'lost' as const
    await store.finishJob(tx, row.id, { status: 'failed', error })
    await deps.audit.appendAudit(
      tx,
      [
        {
          actorId: row.owner_id,
          actorName: row.owner_name,
          action: 'job.failed',
          entityType: 'job',
          entityId: row.id,
          before: null,
          after: { kind: row.kind, attempt: row.attempts, error },
        },
      ],
      deps.clock(),
    )
    return 'failed' as const
  })
}
