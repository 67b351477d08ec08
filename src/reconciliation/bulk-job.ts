import { z } from 'zod'
import type { Actor } from '../auth/actor'
import { DomainError } from '../core/errors'
import { defineJobKind } from '../jobs/kind'
import type { JobService } from '../jobs/service'
import { type BulkAcceptInput, BulkAccept as BulkAcceptSchema } from './model'
import type { ReconciliationService } from './service'

/** The job kind a bulk acceptance runs as: ~1,750 pairs take most of a minute, too long for a request. */
export const BULK_ACCEPT_JOB = 'reconciliation.bulk_accept'

export const BulkAcceptJobInput = BulkAcceptSchema.extend({ reconciliationId: z.uuid() })

export type BulkAcceptResult = {
  accepted: number
  skipped: { rank: number; rowNo: number; reason: string }[]
}

/**
 * Bulk acceptance as a job (src/jobs): the band is checked when it is asked for (a stale count or a
 * band too big is refused at once and nothing is queued), then accepted pair by pair with progress.
 * Each pair is whole; a cancel stops between two pairs, keeps the pairs accepted so far (each with
 * its event) and says so in the audit trail; a worker that died is followed by another that goes on
 * with what is left of the band.
 */
export function createBulkAccepts(deps: {
  jobs: JobService
  review: Pick<ReconciliationService, 'checkBand' | 'bulkAccept'>
}) {
  const { jobs, review } = deps
  jobs.register(
    defineJobKind({
      name: BULK_ACCEPT_JOB,
      input: BulkAcceptJobInput,
      async run(ctx, input) {
        const { reconciliationId, ...band } = input
        // the owner's name and id are the job's; the review needs no more of the actor
        const actor: Actor = { id: ctx.owner.id, name: ctx.owner.name, role: 'tracer' }
        const summary: BulkAcceptResult = await review.bulkAccept(actor, reconciliationId, band, {
          progress: (done, total) => ctx.progress('accepting', done, total),
          signal: ctx.signal,
          resumed: ctx.attempt > 1,
        })
        return { summary }
      },
    }),
  )

  return {
    /**
     * Queues the acceptance of a band after its sample and answers the job's id.
     * @throws CONFLICT when the band changed since the sample, the run is not done, or a bulk
     * acceptance of this run is still going; VALIDATION when the band is too big for one step
     */
    async start(actor: Actor, id: string, input: BulkAcceptInput) {
      const { run, parsed } = await review.checkBand(id, input)
      const busy = (await jobs.listJobs({ kind: BULK_ACCEPT_JOB })).find(
        (j) =>
          (j.status === 'queued' || j.status === 'running') &&
          (j.input as { reconciliationId?: string }).reconciliationId === id,
      )
      if (busy)
        throw new DomainError(
          'CONFLICT',
          `a bulk acceptance of reconciliation ${run.number} is still going (job ${busy.id}): wait for it or cancel it`,
        )
      const jobId = await jobs.submit(actor, BULK_ACCEPT_JOB, { ...parsed, reconciliationId: id })
      return { jobId }
    },
  }
}
