import { randomUUID } from 'node:crypto'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as auditStore from '../../src/audit/store'
import { systemClock } from '../../src/core/clock'
import { generatePersons } from '../../src/generate'
import type { JobContext, JobKind } from '../../src/jobs/kind'
import { createLocalQueue } from '../../src/jobs/queue-local'
import { createJobService, type JobService } from '../../src/jobs/service'
import { createBatchJobs, NOTICES_BATCH_JOB } from '../../src/notices/batch-job'
import { createNoticesService } from '../../src/notices/service'
import { writeSetting } from '../../src/settings/store'
import { REGISTRAR } from '../support/factories'
import { createTestApp } from '../support/test-app'
import { dropTestTemplate } from '../support/test-db'

type App = Awaited<ReturnType<typeof createTestApp>>
const SLOW = { timeout: 600_000 }
const LIAISON = { id: 'liaison-test', name: 'Liaison (test)', role: 'liaison' as const }

let t: App
beforeEach(async () => {
  t = await createTestApp()
}, SLOW.timeout)
afterEach(async () => t?.close())
afterAll(dropTestTemplate)

/** Four prisoners from the generator, captured today: each owes a capture card and an Art. 122 notice. */
async function fourPrisoners(app: App) {
  const camp = await app.parley.services.custody.createFacility(REGISTRAR, { name: 'Табір 7', kind: 'camp' })
  for (const p of generatePersons({ seed: 1717, count: 4, nationality: 'RU' }))
    await app.parley.services.custody.registerPerson(REGISTRAR, {
      category: 'prisoner_of_war',
      surname: p.surname,
      firstNames: p.givenName,
      patronymic: p.patronymic,
      rank: p.rank,
      serviceNumber: p.serviceNumber,
      dateOfBirth: p.dateOfBirth,
      capturedOn: new Date().toISOString().slice(0, 10),
      capturePlace: p.capture.place,
      facilityId: camp.id,
    })
}

const batchRows = (app: App) => app.parley.conn.db.selectFrom('notice_batches').selectAll().execute()
const dueCount = async (app: App) =>
  (await app.parley.conn.db.selectFrom('notices').select('id').where('state', '=', 'due').execute()).length

/** What makes two batches the same: their notices (number, person, kind, article, state) and the audit's. */
async function batchAsSeen(app: App, batchId: string) {
  const liaison = await app.as('liaison')
  const b = (await liaison.json('GET', `/api/v1/notices/batches/${batchId}`)).body
  const prepared = await app.parley.conn.db
    .selectFrom('audit_log')
    .select('after')
    .where('action', '=', 'notices.batch.prepare')
    .where('entity_id', '=', batchId)
    .executeTakeFirstOrThrow()
  const after = typeof prepared.after === 'string' ? JSON.parse(prepared.after) : prepared.after
  return {
    recipient: b.recipient,
    state: b.state,
    notices: b.notices.map((n: Record<string, unknown>) => [
      n.number,
      n.registerNumber,
      n.kind,
      n.article,
      n.state,
    ]),
    audit: { count: after.count, notices: after.notices, persons: after.persons.length },
    job: after.job ?? null,
  }
}

describe('a large batch of notices prepared as a job', SLOW, () => {
  it('answers 202 with a job whose batch is the one a request would have prepared', async () => {
    await fourPrisoners(t)
    await writeSetting(t.parley.conn.db, 'notices.batchAsJobOver', 3, new Date())
    const liaison = await t.as('liaison')
    const queued = await liaison.json('POST', '/api/v1/notices/batches', { recipient: 'agency' })
    expect(queued.status).toBe(202)
    const jobId = queued.body.jobId
    await t.parley.services.jobs.idle()
    const job = (await liaison.json('GET', `/api/v1/jobs/${jobId}`)).body
    expect(job).toMatchObject({
      kind: NOTICES_BATCH_JOB,
      status: 'done',
      input: { recipient: 'agency', role: 'liaison' },
      result: { batchId: expect.any(String), number: expect.any(Number), recipient: 'agency', count: 8 },
    })
    expect(job.progress.done).toBe(job.progress.total)
    // the liaison reads no lists: the jobs page shows them their own jobs only
    const mine = (await liaison.json('GET', '/api/v1/jobs')).body.jobs
    expect(mine.map((j: { id: string }) => j.id)).toContain(jobId)
    expect(mine.every((j: { owner: { id: string } }) => j.owner.id === job.owner.id)).toBe(true)
    const submitted = await t.parley.conn.db
      .selectFrom('audit_log')
      .select(['actor_name'])
      .where('action', '=', 'job.submit')
      .where('entity_id', '=', jobId)
      .execute()
    expect(submitted).toHaveLength(1)
    const asJob = await batchAsSeen(t, job.result.batchId)
    expect(asJob.job).toBe(jobId)
    expect(await dueCount(t)).toBe(0)

    // the same register on another database, batched during the request (201)
    const other = await createTestApp()
    try {
      await fourPrisoners(other)
      const now = await (await other.as('liaison')).json('POST', '/api/v1/notices/batches', {
        recipient: 'agency',
      })
      expect(now.status).toBe(201)
      expect(now.body.count).toBe(8)
      const asRequest = await batchAsSeen(other, now.body.id)
      expect({ ...asJob, job: null }).toEqual(asRequest)
      expect(asRequest.notices).toHaveLength(8)
    } finally {
      await other.close()
    }

    // nothing left due: a second large request is refused at once, naming the recipient
    const none = await liaison.json('POST', '/api/v1/notices/batches', { recipient: 'agency' })
    expect(none.status).toBe(400)
    expect(JSON.stringify(none.body)).toContain('no notices are due to the Central Tracing Agency')
  })

  it('a named notice that may not join refuses the request before anything is queued', async () => {
    await fourPrisoners(t)
    await writeSetting(t.parley.conn.db, 'notices.batchAsJobOver', 1, new Date())
    const due = await t.parley.services.notices.list({ state: 'due' }, 100)
    const liaison = await t.as('liaison')
    const bad = await liaison.json('POST', '/api/v1/notices/batches', {
      recipient: 'power',
      noticeIds: due.slice(0, 3).map((n) => n.id),
    })
    expect(bad.status).toBe(400)
    expect(JSON.stringify(bad.body)).toContain(`notice ${due[0]!.number} may not go to the Power`)
    const jobs = await t.parley.conn.db
      .selectFrom('jobs')
      .select('id')
      .where('kind', '=', NOTICES_BATCH_JOB)
      .execute()
    expect(jobs).toHaveLength(0)
    expect(await batchRows(t)).toHaveLength(0)
  })

  it('a cancelled job leaves no batch: cancelled while queued, or stopped between slices', async () => {
    await fourPrisoners(t)
    await writeSetting(t.parley.conn.db, 'notices.batchAsJobOver', 3, new Date())
    const db = t.parley.conn.db
    // a service whose jobs wait for an external worker, so the job is still queued when cancelled
    const jobs = createJobService({
      db,
      audit: auditStore,
      clock: systemClock,
      queue: createLocalQueue(),
      leaseSeconds: 30,
      workers: 'external',
    })
    const notices = createNoticesService({ db, audit: auditStore, clock: systemClock, jobs })
    const out = await notices.prepareOrQueue(LIAISON, { recipient: 'agency' })
    expect('jobId' in out).toBe(true)
    const jobId = (out as { jobId: string }).jobId
    expect((await jobs.cancel(LIAISON, jobId)).status).toBe('cancelled')
    expect(await batchRows(t)).toHaveLength(0)
    expect(await dueCount(t)).toBe(8)

    // a running job: its stop signal is aborted after the first slice is read
    let kind: JobKind | undefined
    createBatchJobs({
      db,
      jobs: { register: (k: JobKind) => (kind = k) } as unknown as JobService,
      prepareBatch: async () => null,
    })
    const stop = new AbortController()
    const ctx: JobContext = {
      id: randomUUID(),
      owner: LIAISON,
      attempt: 1,
      db,
      clock: systemClock,
      audit: auditStore,
      progress: () => stop.abort(new Error('cancelled by the liaison')),
      signal: stop.signal,
    }
    await expect(kind!.run(ctx, { recipient: 'agency', role: 'liaison' })).rejects.toThrow(
      'cancelled by the liaison',
    )
    expect(await batchRows(t)).toHaveLength(0)
    expect(await dueCount(t)).toBe(8)
    await jobs.stopWorker()
  })
})
