import { DomainError } from '../core/errors'
import { FINISHED } from '../jobs/kind'
import type { JobService } from '../jobs/service'
import { progressBar } from './context'

/**
 * Waits for a job submitted from the command line, its progress on a bar (stderr), and answers its
 * result. The job runs in this process's worker on the embedded database, or in any worker on a
 * PostgreSQL server; either way its state is read from the jobs table.
 * @throws DomainError CONFLICT (exit 5) naming the job when it failed or was cancelled
 */
export async function followJob(jobs: Pick<JobService, 'getJob'>, id: string, label: string, pollMs = 250) {
  const bar = progressBar(label)
  try {
    for (;;) {
      const job = await jobs.getJob(id)
      const { done, total } = job.progress
      if (total !== null && total > 0 && done !== null) bar.update(done, total)
      if (FINISHED.includes(job.status)) {
        bar.stop()
        if (job.status === 'done') return job
        throw new DomainError(
          'CONFLICT',
          job.status === 'cancelled'
            ? `job ${id} was cancelled${job.cancelledBy ? ` by ${job.cancelledBy}` : ''}; nothing was written`
            : `job ${id} failed: ${job.error ?? 'no reason given'}`,
        )
      }
      await new Promise((r) => setTimeout(r, pollMs))
    }
  } finally {
    bar.stop()
  }
}
