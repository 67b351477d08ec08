import type { Actor } from '../auth/actor'
import { DomainError, notFound, ValidationError } from '../core/errors'
import { parseInput } from '../core/validate'
import type { JobService } from '../jobs/service'
import * as lists from '../lists/store'
import { RECONCILIATION_JOB, reconciliationJobKind } from './job'
import { StartReconciliation, type StartReconciliationInput } from './model'
import type { RunDeps } from './run'
import * as store from './store'

/**
 * Starts reconciliations as jobs (src/jobs): the run is stored with its job, in the transaction
 * that queues it, and a worker (this process on PGlite, any `parley worker` or server on
 * PostgreSQL) runs it. Cancelling goes through the job too, so every instance sees it.
 */
export function createReconciliationStarter(deps: RunDeps & { jobs: JobService }) {
  const { db, audit, clock, jobs } = deps
  jobs.register(reconciliationJobKind(deps))

  return {
    /**
     * Queues a reconciliation of a stored list with a register and returns the run's id at once.
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
      const id = await jobs.submit(actor, RECONCILIATION_JOB, parsed, async (tx, id) => {
        await store.insertRun(tx, {
          id,
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
              entityId: id,
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
      })
      return { id }
    },

    /**
     * Stops a queued or running reconciliation (through its job); what it found is not saved.
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
      await jobs.cancel(actor, id)
    },

    /** Waits until the runs this process started have ended, wherever they ran (tests, command line). */
    idle: () => jobs.idle(),
  }
}

export type ReconciliationStarter = ReturnType<typeof createReconciliationStarter>
