import { stringify } from 'csv-stringify/sync'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as auditStore from '../../src/audit/store'
import { createEnquiryResearch, RESEARCH_JOB } from '../../src/enquiries/research'
import { generatePersons } from '../../src/generate'
import { createLocalQueue } from '../../src/jobs/queue-local'
import { createJobService } from '../../src/jobs/service'
import type { Client } from '../support/test-app'
import { createTestApp } from '../support/test-app'
import { dropTestTemplate } from '../support/test-db'

// Generous limits: each test clones a database and signs users in on a machine others share.
const SLOW = { timeout: 300_000 }

let t: Awaited<ReturnType<typeof createTestApp>>
beforeEach(async () => {
  t = await createTestApp()
}, SLOW.timeout)
afterEach(async () => t?.close())
afterAll(dropTestTemplate)

// fictitious Ukrainian soldiers from the project's generator
const people = [...generatePersons({ seed: 151, count: 40, nationality: 'UA' })].filter(
  (p) => p.sex === 'male',
)
const sought = people.find((p) => p.forms.surname.ru !== p.surname)!
const others = people.filter((p) => p !== sought)

const aboutNew = (p = sought) => ({
  channel: 'phone',
  enquirer: { name: 'Марія Тестова', relation: 'мати', contact: '+380 00 0000002', language: 'uk' },
  consent: { use: true, shareIcrc: true, givenOn: '2025-03-01' },
  receivedOn: '2025-03-01',
  person: { surname: p.surname, firstNames: p.givenName, dateOfBirth: p.dateOfBirth },
})

async function uploadList(c: Client, name: string, rows: string[][]) {
  const res = await t.app.request(
    `/api/v1/lists?${new URLSearchParams({ name, file_name: `${name}.csv` })}`,
    {
      method: 'POST',
      headers: { cookie: c.cookie, origin: 'http://localhost', 'content-type': 'text/csv' },
      body: stringify(rows),
    },
  )
  expect(res.status).toBe(201)
}

/** Looks at the trail as a server's watcher does, and waits for the search it submitted. */
async function researchNow() {
  const id = await t.parley.services.enquiryResearch.check()
  await t.parley.services.jobs.idle()
  return id
}

const reported = {
  source: 'unit report',
  lastSeen: { on: '2025-01-10' },
  reporter: { name: 'Олена Тестова', relation: 'mother', language: 'uk' },
  consent: { use: true },
}

const listed = (p = sought, row = '7') => [
  ['id', 'фамилия', 'имя', 'дата_рождения'],
  [row, p.forms.surname.ru, p.forms.givenName.ru, p.dateOfBirth],
]

describe('open enquiries searched again by themselves', SLOW, () => {
  it('finds the sought person on a list stored after intake: a new candidate for the tracer, the run naming who set it off', async () => {
    const tracer = await t.as('tracer')
    const taken = await tracer.json('POST', '/api/v1/enquiries', aboutNew())
    expect(taken.body.candidates.filter((c: { source: string }) => c.source === 'list')).toHaveLength(0)
    await researchNow() // the intake's own new record is a change too: searched once more, nothing new

    const analyst = await t.as('analyst')
    await uploadList(analyst, 'Список ICRC', listed())
    const jobId = await researchNow()
    expect(jobId).toBeDefined()

    const page = await tracer.json('GET', '/api/v1/enquiries')
    expect(page.body.items[0]).toMatchObject({ id: taken.body.id, newCandidates: 1, stale: false })
    const one = await tracer.json('GET', `/api/v1/enquiries/${taken.body.id}`)
    const fromList = one.body.candidates.filter((c: { source: string }) => c.source === 'list')
    expect(fromList).toHaveLength(1)
    expect(fromList[0]).toMatchObject({ foundBy: 'research', isNew: true, decision: 'pending' })
    expect(fromList[0].probability).toBeGreaterThan(0.9)

    const job = await t.parley.services.jobs.getJob(jobId!)
    expect(job).toMatchObject({ kind: RESEARCH_JOB, status: 'done' })
    expect(job.progress).toMatchObject({ done: 1, total: 1 })
    expect(job.result).toMatchObject({ enquiries: 1, newCandidates: 1, enquiriesWithNew: 1 })
    const triggers = (job.result as { triggers: { action: string; by: string }[] }).triggers
    expect(triggers.map((x) => x.action)).toEqual(['lists.import'])
    const trail = await t.parley.services.audit.listEntries({
      entityType: 'enquiry',
      entityId: taken.body.id,
      limit: 50,
    })
    expect(trail.map((e) => e.action)).toContain('enquiry.research')
    const run = await t.parley.services.audit.listEntries({ entityType: 'job', entityId: jobId!, limit: 50 })
    expect(run.find((e) => e.action === 'enquiries.research')?.after).toMatchObject({
      newCandidates: 1,
      triggers: [{ action: 'lists.import' }],
    })

    // deciding it makes it old news
    await tracer.json('POST', `/api/v1/enquiries/${taken.body.id}/decisions`, {
      source: 'list',
      ref: fromList[0].ref,
      decision: 'rejected',
      note: 'a namesake',
    })
    const after = await tracer.json('GET', '/api/v1/enquiries')
    expect(after.body.items[0].newCandidates).toBe(0)
  })

  it('does not offer a rejected candidate again, and reads nothing new into an unrelated change', async () => {
    const tracer = await t.as('tracer')
    const analyst = await t.as('analyst')
    const taken = await tracer.json('POST', '/api/v1/enquiries', aboutNew())
    await uploadList(analyst, 'Список 1', listed())
    await researchNow()
    const first = await tracer.json('GET', `/api/v1/enquiries/${taken.body.id}`)
    const candidate = first.body.candidates.find((c: { source: string }) => c.source === 'list')
    await tracer.json('POST', `/api/v1/enquiries/${taken.body.id}/decisions`, {
      source: 'list',
      ref: candidate.ref,
      decision: 'rejected',
    })

    // someone else registered missing: a change, searched again, the rejection stands
    const registrar = await t.as('registrar')
    const other = others[0]!
    const made = await registrar.json('POST', '/api/v1/missing', {
      surname: other.surname,
      firstNames: other.givenName,
      dateOfBirth: other.dateOfBirth,
      ...reported,
    })
    expect(made.status).toBe(201)
    const jobId = await researchNow()
    expect(jobId).toBeDefined()
    const again = await tracer.json('GET', `/api/v1/enquiries/${taken.body.id}`)
    const same = again.body.candidates.filter((c: { ref: string }) => c.ref === candidate.ref)
    expect(same).toEqual([expect.objectContaining({ decision: 'rejected', isNew: false })])
    expect(again.body.newCandidates).toBe(0)
    const job = await t.parley.services.jobs.getJob(jobId!)
    expect(job.result).toMatchObject({ newCandidates: 0 })
    expect((job.result as { triggers: { action: string }[] }).triggers.map((x) => x.action)).toEqual([
      'missing.register',
    ])

    // nothing changed since: no search is submitted
    expect(await researchNow()).toBeUndefined()
    // a closed enquiry is not searched
    await tracer.json('POST', `/api/v1/enquiries/${taken.body.id}/close`, { reason: 'answered' })
    await uploadList(analyst, 'Список 2', listed(sought, '9'))
    const closedRun = await researchNow()
    expect((await t.parley.services.jobs.getJob(closedRun!)).result).toMatchObject({ enquiries: 0 })
  })

  it('keeps at most one search waiting in the queue: later changes join it', async () => {
    // a second job service on the same database that only submits (no worker here), so the waiting
    // job stays queued while the test makes more changes
    const db = t.parley.conn.db
    const jobs = createJobService({
      db,
      audit: auditStore,
      clock: () => new Date(),
      queue: createLocalQueue(),
      leaseSeconds: 30,
      workers: 'external',
    })
    const research = createEnquiryResearch({
      db,
      jobs,
      enquiries: t.parley.services.enquiries,
      audit: auditStore,
    })
    const registrar = await t.as('registrar')
    const register = (i: number) =>
      registrar.json('POST', '/api/v1/missing', {
        surname: others[i]!.surname,
        firstNames: others[i]!.givenName,
        ...reported,
      })
    expect((await register(1)).status).toBe(201)
    const first = await research.check()
    expect(first).toBeDefined()
    await register(2)
    expect(await research.check()).toBeUndefined()
    await register(3)
    expect(await research.check()).toBeUndefined()
    const waiting = (await jobs.listJobs({ kind: RESEARCH_JOB })).filter((j) => j.status === 'queued')
    expect(waiting.map((j) => j.id)).toEqual([first])
    await jobs.cancel({ id: 'test', name: 'test', role: 'admin' }, first!)
    // a cancelled search covers nothing: the next look submits again
    const second = await research.check()
    expect(second).toBeUndefined() // this watcher has looked at those changes already...
    const fresh = createEnquiryResearch({
      db,
      jobs,
      enquiries: t.parley.services.enquiries,
      audit: auditStore,
    })
    expect(await fresh.check()).toBeDefined() // ...a watcher starting afresh (a server restart) submits again
    await jobs.stopWorker()
  })
})
