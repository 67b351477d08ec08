import { z } from 'zod'
import { defineJobKind } from '../jobs/kind'
import { AGAINST } from './model'
import { type ReconciliationSummary, type RunDeps, runReconciliation } from './run'
import * as store from './store'

/** The job kind reconciliations run as (src/jobs); a run and its job share their id. */
export const RECONCILIATION_JOB = 'reconciliation'

export const ReconciliationJobInput = z.object({
  listId: z.uuid(),
  against: z.enum(AGAINST),
  threshold: z.number().gt(0).lt(1),
})

/**
 * A reconciliation as a job: it runs wherever a worker takes it, its state and progress are the
 * job's, and its pairs are written in the transaction that marks the job done.
 */
export function reconciliationJobKind(deps: RunDeps) {
  return defineJobKind({
    name: RECONCILIATION_JOB,
    input: ReconciliationJobInput,
    async run(ctx, input) {
      // a retry of a run whose result is saved already (its worker died after the commit) does nothing again
      const run = await store.getRun(ctx.db, ctx.id)
      if (run?.summary) return { summary: run.summary as ReconciliationSummary }
      return runReconciliation(
        { ...deps, db: ctx.db, clock: ctx.clock },
        { ...input, reconciliationId: ctx.id, actor: ctx.owner },
        { progress: ctx.progress, signal: ctx.signal },
      )
    },
  })
}
