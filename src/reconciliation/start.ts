import type { Actor } from '../auth/actor'
import { DomainError, notFound, ValidationError } from '../core/errors'
import { parseInput } from '../core/validate'
import * as lists from '../lists/store'
import { StartReconciliation, type StartReconciliationInput } from './model'
import { Cancelled, type RunDeps, runReconciliation } from './run'
import * as store from './store'

/** How often a running reconciliation writes its progress and looks for a request to stop. */
const PROGRESS_EVERY_MS = 500

/**
 * Starts reconciliations in this process, one at a time (each uses every core already), keeping
 * their state in the reconciliations table so every client sees the progress, and a request to
 * stop reaches the run through the table as well as through its AbortController. A job queue
 * (issue 17) takes this over by calling runReconciliation itself with the same hooks; until then a
 * run cut short by a stopped server stays "running" until failUnfinished is called (safe only when
 * one instance serves the database).
 */
export function createReconciliationStarter(deps: RunDeps) {
  const { db, audit, clock } = deps
  let queue: Promise<void> = Promise.resolve()
  const controllers = new Map<string, AbortController>()

  async function execute(id: string, actor: Actor) {
    const run = await store.getRun(db, id)
    if (run?.status !== 'queued') return
    const controller = controllers.get(id) ?? new AbortController()
    await store.updateRun(db, id, { status: 'running', stage: 'reading', started_at: clock() })
    let last = 0
    let writing: Promise<unknown> = Promise.resolve()
    const progress = (stage: string, done: number, total: number) => {
      const now = Date.now()
      if (now - last < PROGRESS_EVERY_MS && done < total) return
      last = now
      // another instance (or a restart) asks through the table; this one through its controller
      writing = writing
        .then(() => store.updateRun(db, id, { stage, done, total }))
        .then(() => store.getRun(db, id))
        .then((r) => {
          if (r?.cancel_requested) controller.abort()
        })
        .catch(() => {})
    }
    try {
      await runReconciliation(
        deps,
        {
          reconciliationId: id,
          listId: run.list_id,
          against: run.against as 'missing' | 'custody',
          threshold: run.threshold,
          actor,
        },
        { progress, signal: controller.signal },
      )
      await writing
      // a progress write queued while the result was being saved must not leave "saving" behind
      await store.updateRun(db, id, { stage: 'done' })
    } catch (error) {
      await writing
      const cancelled = error instanceof Cancelled
      await store.updateRun(db, id, {
        status: cancelled ? 'cancelled' : 'failed',
        stage: null,
        error: cancelled ? null : messageOf(error),
        finished_at: clock(),
      })
    } finally {
      controllers.delete(id)
    }
  }

  return {
    /**
     * Queues a reconciliation of a stored list with a register and returns the run at once.
     * @throws ValidationError naming the list or the field; CONFLICT when the same list is being
     * reconciled with that register already
     */
    async start(actor: Actor, input: StartReconciliationInput) {
      const parsed = parseInput(StartReconciliation, input)
      const list = await lists.getList(db, parsed.listId)
      if (!list) throw new ValidationError([{ path: 'listId', message: `no stored list ${parsed.listId}` }])
      const busy = (await store.listRuns(db, parsed.listId)).find(
        (r) => r.against === parsed.against && (r.status === 'queued' || r.status === 'running'),
      )
      if (busy)
        throw new DomainError(
          'CONFLICT',
          `list "${list.name}" is being reconciled with the ${parsed.against === 'missing' ? 'missing-persons' : 'custody'} register already (run ${busy.number}): wait for it or cancel it`,
        )
      const run = await db.transaction().execute(async (tx) => {
        const row = await store.insertRun(tx, {
          listId: parsed.listId,
          against: parsed.against,
          threshold: parsed.threshold,
          createdBy: actor.id,
        })
        await audit.appendAudit(
          tx,
          [
            {
              actorId: actor.id,
              actorName: actor.name,
              action: 'reconciliation.start',
              entityType: 'reconciliation',
              entityId: row.id,
              before: null,
              after: {
                listId: parsed.listId,
                list: list.name,
                against: parsed.against,
                threshold: parsed.threshold,
              },
            },
          ],
          clock(),
        )
        return row
      })
      controllers.set(run.id, new AbortController())
      queue = queue.then(() => execute(run.id, actor))
      return run
    },

    /**
     * Stops a queued or running reconciliation; what it found so far is not saved.
     * @throws NOT_FOUND; CONFLICT when it has finished already
     */
    async cancel(actor: Actor, id: string) {
      const run = await store.getRun(db, id)
      if (!run) throw notFound('reconciliation', id)
      if (run.status !== 'queued' && run.status !== 'running')
        throw new DomainError(
          'CONFLICT',
          `reconciliation ${run.number} is ${run.status} already: there is nothing to cancel`,
        )
      await db.transaction().execute(async (tx) => {
        await store.updateRun(tx, id, { cancel_requested: true })
        await audit.appendAudit(
          tx,
          [
            {
              actorId: actor.id,
              actorName: actor.name,
              action: 'reconciliation.cancel',
              entityType: 'reconciliation',
              entityId: id,
              before: { status: run.status, stage: run.stage, done: run.done, total: run.total },
              after: { cancelRequested: true },
            },
          ],
          clock(),
        )
      })
      const controller = controllers.get(id)
      controller?.abort()
      // a queued run never starts: it is cancelled here, not when its turn comes
      if (run.status === 'queued')
        await store.updateRun(db, id, { status: 'cancelled', stage: null, finished_at: clock() })
    },

    /** Waits until the runs started so far have ended (tests, shutdown). */
    idle: () => queue,

    failUnfinished: () => store.failUnfinished(db, clock()),
  }
}

export type ReconciliationStarter = ReturnType<typeof createReconciliationStarter>

function messageOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  return text.slice(0, 1000)
}
