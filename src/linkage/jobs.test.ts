import { describe, expect, it } from 'vitest'
import { createTestDatabase } from '../../test/support/test-db'
import * as auditStore from '../audit/store'
import { createLinkageJobService } from './jobs'

const actor = { id: 'test', name: 'test', role: 'admin' as const }

// The template is not dropped here: on PostgreSQL the drop terminated a connection the job's
// pool was still ending, an unhandled 57P01 that failed the run. A left template is harmless.

describe('linkage jobs in the server', () => {
  it('refuses a job beyond the queue bound, naming the bound, and stores nothing for it', async () => {
    const conn = await createTestDatabase()
    try {
      const jobs = createLinkageJobService({
        db: conn.db,
        audit: auditStore,
        clock: () => new Date(),
        maxQueued: 0,
      })
      await expect(
        jobs.startJob(actor, { kind: 'dedupe', left: 'register', threshold: 0.9, oneToOne: false }),
      ).rejects.toMatchObject({
        code: 'RATE_LIMITED',
        message: /at most 0/,
      })
      expect(await conn.db.selectFrom('linkage_jobs').select('id').execute()).toEqual([])
    } finally {
      await conn.close()
    }
  }, 300_000)

  it('runs a job on an empty register to the end with no pairs', async () => {
    const conn = await createTestDatabase()
    try {
      const jobs = createLinkageJobService({
        db: conn.db,
        audit: auditStore,
        clock: () => new Date(),
        threads: 1,
      })
      const job = await jobs.startJob(actor, {
        kind: 'dedupe',
        left: 'register',
        threshold: 0.9,
        oneToOne: false,
      })
      await jobs.idle()
      const done = await jobs.getJob(job.id)
      expect(done.status).toBe('done')
      expect((await jobs.pairs(job.id, 0, 10)).pairs).toEqual([])
    } finally {
      await conn.close()
    }
  }, 300_000)
})
