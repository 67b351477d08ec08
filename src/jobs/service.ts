import { randomBytes } from 'node:crypto'
import os from 'node:os'
import type { appendAudit } from '../audit/store'
import type { Actor } from '../auth/actor'
import type { Clock } from '../core/clock'
import { DomainError, notFound, ValidationError } from '../core/errors'
import type { Db } from '../db/connection'
import { FINISHED, type JobKind } from './kind'
import type { Queue } from './queue'
import { runClaimedJob } from './run-job'
import * as store from './store'

export type JobService = ReturnType<typeof createJobService>

/** A run gets this many attempts: a worker killed twice mid-job is taken up twice, then the job fails. */
export const MAX_ATTEMPTS = 3

/**
 * Long work as jobs, one abstraction on both databases: capabilities register kinds and submit
 * jobs; every instance reads state and progress from the jobs table; workers (`parley worker`, or
 * the server itself unless PARLEY_WORKERS=external) take them from the queue one at a time, since
 * each job already uses every core.
 */
export function createJobService(deps: {
  db: Db
  audit: { appendAudit: typeof appendAudit }
  clock: Clock
  queue: Queue
  /** seconds without a heartbeat after which a running job's worker is presumed dead */
  leaseSeconds: number
  /** 'external': this process only submits and reads; `parley worker` processes run the jobs */
  workers: 'internal' | 'external'
}) {
  const { db, audit, clock, queue, leaseSeconds } = deps
  const kinds = new Map<string, JobKind>()
  const worker = `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`
  const mine = new Set<string>()
  // the jobs this process is running, each with its stop (see cancel)
  const runningHere = new Map<string, () => void>()
  let working: { stopping: AbortController; reaper: NodeJS.Timeout; lazy: boolean } | undefined
  let running: Promise<unknown> = Promise.resolve()

  async function take(id: string | undefined, ref?: string) {
    const row = await store.claimJob(db, worker, leaseSeconds, id)
    if (!row) return 'idle' as const
    if (ref && row.queue_ref !== ref) await store.setQueueRef(db, row.id, ref)
    const run = runClaimedJob(
      { db, clock, audit, kinds, worker, leaseSeconds, running: runningHere },
      row,
      working?.stopping.signal ?? AbortSignal.abort(),
    )
    running = run.catch(() => {})
    const end = await run
    return end === 'retry' || end === 'stopped' ? ('again' as const) : ('ran' as const)
  }

  /** Jobs whose worker died (lease expired) go back to the queue or, out of attempts, fail. */
  async function reap(all = false) {
    const rows = await store.reapAbandoned(db, leaseSeconds, all)
    for (const row of rows) {
      if (row.status === 'failed')
        await db.transaction().execute((tx) =>
          audit.appendAudit(
            tx,
            [
              {
                actorId: row.owner_id,
                actorName: row.owner_name,
                action: 'job.failed',
                entityType: 'job',
                entityId: row.id,
                before: null,
                after: { kind: row.kind, error: row.error },
              },
            ],
            clock(),
          ),
        )
      await queue.redeliver(row)
    }
    return rows.length
  }

  async function startWorker(opts: { lazy?: boolean } = {}) {
    if (working) return
    const stopping = new AbortController()
    const reaper = setInterval(
      () => reap().catch((e) => console.error(`jobs: ${e instanceof Error ? e.message : e}`)),
      (leaseSeconds * 1000) / 2,
    )
    reaper.unref()
    working = { stopping, reaper, lazy: opts.lazy ?? false }
    // the embedded database belongs to this process alone: whatever ran when it last stopped is
    // abandoned, now, not after a lease
    await reap(queue.name === 'in-process')
    await queue.work(take)
  }

  /** Stops this process's worker (its running job goes back to the queue) and its queue client. */
  async function stopWorker() {
    if (working) {
      const { stopping, reaper } = working
      clearInterval(reaper)
      stopping.abort()
      await running
      working = undefined
    }
    // also a server that only submitted (PARLEY_WORKERS=external) has a queue client to stop
    await queue.stop()
  }

  return {
    /** Makes a kind of job known to this process (to submit it and to run it). */
    register<I, S>(kind: JobKind<I, S>) {
      kinds.set(kind.name, kind as unknown as JobKind)
    },

    /**
     * Stores a job, audits its owner and inputs, and queues it, in one transaction; `within` adds
     * the capability's own rows and audit entries to that transaction.
     * @throws ValidationError when the input does not fit the kind's schema
     */
    async submit(
      actor: Actor,
      kindName: string,
      input: unknown,
      within?: (tx: Db, id: string) => Promise<void>,
    ): Promise<string> {
      const kind = kinds.get(kindName)
      if (!kind) throw new DomainError('VALIDATION', `there is no kind of job called "${kindName}"`)
      const parsed = kind.input.safeParse(input)
      if (!parsed.success)
        throw new ValidationError(
          parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
        )
      const id = await db.transaction().execute(async (tx) => {
        const { id } = await store.insertJob(tx, {
          kind: kindName,
          input: parsed.data,
          owner_id: actor.id,
          owner_name: actor.name,
          max_attempts: MAX_ATTEMPTS,
        })
        await within?.(tx, id)
        await audit.appendAudit(
          tx,
          [
            {
              actorId: actor.id,
              actorName: actor.name,
              action: 'job.submit',
              entityType: 'job',
              entityId: id,
              before: null,
              after: { kind: kindName, input: parsed.data },
            },
          ],
          clock(),
        )
        await queue.enqueue(tx, id)
        return id
      })
      mine.add(id)
      // a process that submits and may work (not a server with external workers) runs its jobs
      // itself when nothing else started a worker here: a test, or a command line
      if (deps.workers === 'internal' && !working) await startWorker({ lazy: true })
      queue.kick()
      return id
    },

    async getJob(id: string) {
      const row = await store.findJob(db, id)
      if (!row) throw notFound('job', id)
      return presentJob(row)
    },

    findJob: (id: string) => store.findJob(db, id),

    async listJobs(opts: { kind?: string; ownerId?: string } = {}) {
      return (await store.listJobs(db, opts)).map(presentJob)
    },

    countUnfinished: (kind: string) => store.countUnfinished(db, kind),

    /**
     * Cancels a job: a queued one at once, a running one at its worker's next heartbeat (its result
     * is then not written). Who cancelled is kept on the job and in the audit trail.
     * @throws DomainError NOT_FOUND; CONFLICT when the job has already finished
     */
    async cancel(actor: Actor, id: string) {
      const was = await db.transaction().execute(async (tx) => {
        const row = await store.lockJob(tx, id)
        if (!row) throw notFound('job', id)
        if (FINISHED.includes(row.status))
          throw new DomainError(
            'CONFLICT',
            `job ${id} has finished already (${row.status}); nothing to cancel`,
          )
        await store.requestCancel(tx, id, actor.name)
        if (row.status === 'queued') await store.finishJob(tx, id, { status: 'cancelled' })
        await audit.appendAudit(
          tx,
          [
            {
              actorId: actor.id,
              actorName: actor.name,
              action: 'job.cancel',
              entityType: 'job',
              entityId: id,
              before: { status: row.status },
              after: { kind: row.kind, status: row.status === 'queued' ? 'cancelled' : 'cancelling' },
            },
          ],
          clock(),
        )
        return row.status
      })
      // running here: stopped now, not at the next heartbeat (another process's worker sees the
      // request at its own heartbeat, within two seconds)
      if (was === 'running') runningHere.get(id)?.()
      return this.getJob(id)
    },

    startWorker: () => startWorker(),
    stopWorker,
    reap,
    /** This process's worker name (host:pid:random), as the jobs table records it. */
    workerName: worker,
    queueName: queue.name,

    /**
     * Waits until every job this process submitted has finished (wherever it ran); a worker that
     * was started only to run them is then stopped. For tests, command lines and shutdown.
     */
    async idle(pollMs = 200) {
      for (const id of mine) {
        for (;;) {
          const row = await store.findJob(db, id)
          if (!row || FINISHED.includes(row.status)) break
          await new Promise((r) => setTimeout(r, pollMs))
        }
        mine.delete(id)
      }
      if (working?.lazy) await stopWorker()
    },
  }
}

/** A job as every client sees it. */
export function presentJob(row: store.JobRow) {
  return {
    id: row.id,
    kind: row.kind,
    input: row.input,
    status: row.status,
    progress: { stage: row.stage, done: row.done, total: row.total },
    result: row.result,
    error: row.error,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    worker: row.worker,
    owner: { id: row.owner_id, name: row.owner_name },
    cancelledBy: row.cancelled_by,
    createdAt: iso(row.created_at)!,
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
  }
}

function iso(d: Date | string | null) {
  if (d === null) return null
  return d instanceof Date ? d.toISOString() : new Date(d).toISOString()
}
