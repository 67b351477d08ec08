import { stringify } from 'csv-stringify/sync'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { generatePersons } from '../../src/generate'
import { IMPORT_AS_JOB_ROWS } from '../../src/lists/import-job'
import { createTestApp } from '../support/test-app'
import { dropTestTemplate } from '../support/test-db'

const SLOW = { timeout: 600_000 }

let t: Awaited<ReturnType<typeof createTestApp>>
beforeEach(async () => {
  t = await createTestApp()
}, SLOW.timeout)
afterEach(async () => t?.close())
afterAll(dropTestTemplate)

/** A received list one row larger than a request stores by itself: fictitious persons from the generator. */
function largeList() {
  const rows = [...generatePersons({ seed: 1717, count: IMPORT_AS_JOB_ROWS + 1, nationality: 'UA' })].map(
    (p, i) => [String(i + 1), p.surname, p.givenName, p.patronymic, p.dateOfBirth, p.serviceNumber],
  )
  return stringify([['№', 'Прізвище', "Ім'я", 'По батькові', 'Дата народження', 'Особовий номер'], ...rows])
}

describe('a large list stored as a job', SLOW, () => {
  it('answers 202 with a job that stores every row once, with progress; confirming again names the list', async () => {
    const analyst = await t.as('analyst')
    const q = new URLSearchParams({ file_name: 'icrc-large.csv', source: 'ICRC Central Tracing Agency' })
    const res = await t.app.request(`/api/v1/lists/uploads?${q}`, {
      method: 'POST',
      headers: { cookie: analyst.cookie, origin: 'http://localhost', 'content-type': 'text/csv' },
      body: largeList(),
    })
    const up = await res.json()
    expect(res.status).toBe(201)
    const body = {
      name: 'ICRC list No. 9',
      mapping: up.mapping.columns.map((c: { field: string }) => c.field),
      provenance: { from: 'ICRC Central Tracing Agency', fromKind: 'icrc', receivedOn: '2026-11-02' },
    }
    const queued = await analyst.json('POST', `/api/v1/lists/uploads/${up.upload.id}/confirm`, body)
    expect(queued.status).toBe(202)
    const jobId = queued.body.jobId

    await t.parley.services.jobs.idle()
    const job = await analyst.json('GET', `/api/v1/jobs/${jobId}`)
    expect(job.body).toMatchObject({
      kind: 'lists.import',
      status: 'done',
      owner: { name: expect.any(String) },
      progress: { done: IMPORT_AS_JOB_ROWS + 1, total: IMPORT_AS_JOB_ROWS + 1 },
    })
    const listId = job.body.result.listId
    const page = await analyst.json('GET', `/api/v1/lists/${listId}`)
    expect(page.status).toBe(200)
    expect(JSON.stringify(page.body)).toContain('ICRC list No. 9')

    const again = await analyst.json('POST', `/api/v1/lists/uploads/${up.upload.id}/confirm`, body)
    expect(again).toEqual({ status: 200, body: { id: listId, created: false } })
  })
})
