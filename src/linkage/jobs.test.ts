import { describe, expect, it } from 'vitest'
import { createTestDatabase } from '../../test/support/test-db'
import * as auditStore from '../audit/store'
import type { Connection } from '../db/connection'
import { createBossQueue } from '../jobs/queue-boss'
import { createLocalQueue } from '../jobs/queue-local'
import { createJobService } from '../jobs/service'
import { createLinkageJobService } from './jobs'

const actor = { id: 'test', name: 'test', role: 'admin' as const }

// The template is not dropped here: on PostgreSQL the drop terminated a connection the job's
// pool was still ending, an unhandled 57P01 that failed the run. A left template is harmless.

function linkageJobs(conn: Connection, opts: { maxQueued?: number; threads?: number } = {}) {
  const jobs = createJobService({
    db: conn.db,
    audit: auditStore,
    clock: () => new Date(),
    queue: conn.kind === 'postgres' ? createBossQueue(conn.db, { onError: () => {} }) : createLocalQueue(),
    workers: 'internal',
    leaseSeconds: 30,
  })
  return {
    jobs,
    linkage: createLinkageJobService({
      db: conn.db,
      audit: auditStore,
      clock: () => new Date(),
      jobs,
      ...opts,
    }),
  }
}

describe('linkage jobs', () => {
  it('refuses a job beyond the queue bound, naming the bound, and stores nothing for it', async () => {
    const conn = await createTestDatabase()
    try {
      const { linkage } = linkageJobs(conn, { maxQueued: 0 })
      await expect(
        linkage.startJob(actor, { kind: 'dedupe', left: 'register', threshold: 0.9, oneToOne: false }),
      ).rejects.toMatchObject({
        code: 'RATE_LIMITED',
        message: /at most 0/,
      })
      expect(await conn.db.selectFrom('linkage_jobs').select('id').execute()).toEqual([])
      expect(await conn.db.selectFrom('jobs').select('id').execute()).toEqual([])
    } finally {
      await conn.close()
    }
  }, 300_000)

  it('runs a job on an empty register to the end with no pairs, its state in the jobs table', async () => {
    const conn = await createTestDatabase()
    const { jobs, linkage } = linkageJobs(conn, { threads: 1 })
    try {
      const job = await linkage.startJob(actor, {
        kind: 'dedupe',
        left: 'register',
        threshold: 0.9,
        oneToOne: false,
      })
      await linkage.idle()
      const done = await linkage.getJob(job.id)
      expect(done).toMatchObject({ status: 'done', attempts: 1, pairsFound: 0 })
      expect((await jobs.getJob(job.id)).result).toEqual({ candidates: 0, pairs: 0 })
      expect((await linkage.pairs(job.id, 0, 10)).pairs).toEqual([])
    } finally {
      await jobs.stopWorker()
      await conn.close()
    }
  }, 300_000)
})
