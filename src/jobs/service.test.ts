import { sql } from 'kysely'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { createTestDatabase, dropTestTemplate } from '../../test/support/test-db'
import * as auditStore from '../audit/store'
import { DomainError } from '../core/errors'
import type { Connection } from '../db/connection'
import { defineJobKind } from './kind'
import { createBossQueue } from './queue-boss'
import { createLocalQueue } from './queue-local'
import { createJobService, type JobService } from './service'

const owner = { id: 'u-olena', name: 'Olena', role: 'analyst' as const }
const admin = { id: 'u-admin', name: 'Admin', role: 'admin' as const }

let conn: Connection
const services: JobService[] = []
beforeEach(async () => {
  conn = await createTestDatabase()
})
afterEach(async () => {
  for (const s of services.splice(0)) await s.stopWorker()
  await conn.close()
})
afterAll(dropTestTemplate)

const saved: string[] = []
const counting = defineJobKind({
  name: 'test.count',
  input: z.object({ to: z.number().int().min(1) }),
  async run(ctx, input) {
    for (let i = 1; i <= input.to; i++) ctx.progress('counting', i, input.to)
    return { summary: { counted: input.to }, save: async () => void saved.push(ctx.id) }
  },
})
const waiting = defineJobKind({
  name: 'test.wait',
  input: z.object({}),
  run: (ctx) =>
    new Promise<never>((_, reject) =>
      ctx.signal.addEventListener('abort', () => reject(new Error('stopped'))),
    ),
})
const refusing = defineJobKind({
  name: 'test.refuse',
  input: z.object({}),
  run: async () => {
    throw new DomainError('NOT_FOUND', 'the stored list 42 is no longer there')
  },
})
let flaky = 0
const crashing = defineJobKind({
  name: 'test.crash',
  input: z.object({}),
  run: async () => {
    flaky++
    throw new Error('connection reset')
  },
})

function jobs(workers: 'internal' | 'external', leaseSeconds = 30) {
  const s = createJobService({
    db: conn.db,
    audit: auditStore,
    clock: () => new Date(),
    queue: conn.kind === 'postgres' ? createBossQueue(conn.db, { onError: () => {} }) : createLocalQueue(),
    workers,
    leaseSeconds,
  })
  s.register(counting)
  s.register(waiting)
  s.register(refusing)
  s.register(crashing)
  services.push(s)
  return s
}

async function until(id: string, s: JobService, statuses: string[]) {
  for (let i = 0; i < 600; i++) {
    const job = await s.getJob(id)
    if (statuses.includes(job.status)) return job
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`job ${id} never reached ${statuses.join('/')}`)
}

const actions = async (id: string) =>
  (
    await conn.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id'])
      .where('entity_id', '=', id)
      .orderBy('seq')
      .execute()
  ).map((r) => `${r.action} by ${r.actor_id}`)

describe('jobs', () => {
  it('runs a job to the end with its progress and summary, its owner and inputs audited', async () => {
    const s = jobs('internal')
    const id = await s.submit(owner, 'test.count', { to: 5 })
    await s.idle()
    const job = await s.getJob(id)
    expect(job).toMatchObject({
      status: 'done',
      progress: { stage: 'done', done: 5, total: 5 },
      result: { counted: 5 },
      attempts: 1,
      owner: { id: 'u-olena', name: 'Olena' },
      input: { to: 5 },
    })
    expect(saved).toContain(id)
    expect(await actions(id)).toEqual(['job.submit by u-olena', 'job.done by u-olena'])
    const submit = await conn.db
      .selectFrom('audit_log')
      .select('after')
      .where('entity_id', '=', id)
      .where('action', '=', 'job.submit')
      .executeTakeFirstOrThrow()
    expect(submit.after).toEqual({ kind: 'test.count', input: { to: 5 } })
  }, 120_000)

  it('refuses an input that does not fit the kind, naming the field, and stores nothing', async () => {
    const s = jobs('external')
    await expect(s.submit(owner, 'test.count', { to: 0 })).rejects.toMatchObject({
      code: 'VALIDATION',
      issues: [{ path: 'to' }],
    })
    expect(await conn.db.selectFrom('jobs').select('id').execute()).toEqual([])
  })

  it('cancels a queued job at once, recording who; a finished one is refused, naming it', async () => {
    const s = jobs('external')
    const id = await s.submit(owner, 'test.count', { to: 3 })
    const job = await s.cancel(admin, id)
    expect(job).toMatchObject({ status: 'cancelled', cancelledBy: 'Admin' })
    await expect(s.cancel(admin, id)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: `job ${id} has finished already (cancelled); nothing to cancel`,
    })
    expect(await actions(id)).toEqual(['job.submit by u-olena', 'job.cancel by u-admin'])
    // a worker started afterwards leaves it alone
    const worker = jobs('internal')
    await worker.startWorker()
    await new Promise((r) => setTimeout(r, 1500))
    expect((await s.getJob(id)).status).toBe('cancelled')
  }, 120_000)

  it('stops a running job when cancelled, and writes no result for it', async () => {
    const s = jobs('internal')
    const id = await s.submit(owner, 'test.wait', {})
    await until(id, s, ['running'])
    expect((await s.cancel(admin, id)).cancelledBy).toBe('Admin')
    const job = await until(id, s, ['cancelled'])
    expect(job).toMatchObject({ status: 'cancelled', result: null })
    expect(await actions(id)).toEqual(['job.submit by u-olena', 'job.cancel by u-admin'])
  }, 120_000)

  it('takes up a job whose worker vanished mid-run, after its lease, and runs it once', async () => {
    const submitter = jobs('external')
    const id = await submitter.submit(owner, 'test.count', { to: 2 })
    // as a worker killed with kill -9 leaves it: running, attempt 1, a lease that ran out
    await conn.db
      .updateTable('jobs')
      .set({
        status: 'running',
        attempts: 1,
        worker: 'gone:1:abc',
        lease_until: sql<Date>`now() - interval '1 second'`,
      })
      .where('id', '=', id)
      .execute()
    const worker = jobs('internal', 5)
    await worker.startWorker()
    const job = await until(id, worker, ['done', 'failed'])
    expect(job).toMatchObject({ status: 'done', attempts: 2, result: { counted: 2 } })
    expect((await actions(id)).filter((a) => a.startsWith('job.done'))).toHaveLength(1)
  }, 120_000)

  it('fails a job whose worker vanished on its last attempt, saying why', async () => {
    const submitter = jobs('external')
    const id = await submitter.submit(owner, 'test.count', { to: 2 })
    await conn.db
      .updateTable('jobs')
      .set({
        status: 'running',
        attempts: 3,
        worker: 'gone:1:abc',
        lease_until: sql<Date>`now() - interval '1 second'`,
      })
      .where('id', '=', id)
      .execute()
    const worker = jobs('internal', 5)
    await worker.startWorker()
    const job = await until(id, worker, ['failed'])
    expect(job.error).toBe(
      'the worker running it stopped (no sign of life for 5 s) on each of its attempts; start it again',
    )
    expect(await actions(id)).toEqual(['job.submit by u-olena', 'job.failed by u-olena'])
  }, 120_000)

  it('fails at once on a refusal in words, and retries other errors a bounded number of times', async () => {
    const s = jobs('internal')
    const refused = await s.submit(owner, 'test.refuse', {})
    flaky = 0
    const crashed = await s.submit(owner, 'test.crash', {})
    await s.idle()
    expect(await s.getJob(refused)).toMatchObject({
      status: 'failed',
      attempts: 1,
      error: 'the stored list 42 is no longer there',
    })
    expect(await s.getJob(crashed)).toMatchObject({
      status: 'failed',
      attempts: 3,
      error: 'connection reset',
    })
    expect(flaky).toBe(3)
  }, 120_000)
})
