import { stringify } from 'csv-stringify/sync'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { generatePersons } from '../../src/generate'
import { REGISTER_COLUMNS, registerRow } from '../../src/generate/scenarios'
import { createTestApp } from '../support/test-app'
import { dropTestTemplate } from '../support/test-db'

/**
 * Lists as they arrive, not as our generator writes them: without service numbers, without dates,
 * a single row, only a header, or a header nothing here knows. Each job finishes with a summary, or
 * the upload is refused with a message that names what is missing; none hangs or fails with a 500.
 */
let t: Awaited<ReturnType<typeof createTestApp>>
beforeAll(async () => {
  t = await createTestApp()
  await t.parley.services.personImport.importPersons(
    { id: 'test', name: 'test', role: 'admin' },
    {
      name: 'register.csv',
      content: csv(
        REGISTER_COLUMNS,
        register.map((p) => registerRow(p, 41)),
      ),
    },
  )
}, 300_000)
afterEach(async () => {
  await t.parley.services.linkageJobs.idle()
})
afterAll(async () => {
  await t?.close()
  await dropTestTemplate()
})

const register = [...generatePersons({ seed: 41, count: 300, nationality: 'UA' })]
const csv = (columns: string[], rows: Record<string, string>[]) =>
  stringify([columns, ...rows.map((r) => columns.map((c) => r[c] ?? ''))])
/** A list row copying a register person: the id is the register's, so truth is easy to read. */
const row = (i: number) => {
  const p = register[i]!
  return {
    id: `R${i}`,
    surname: p.surname,
    first_name: p.givenName,
    date_of_birth: p.dateOfBirth,
    service_number: p.serviceNumber,
  }
}

async function upload(name: string, body: string) {
  const analyst = await t.as('analyst')
  const res = await t.app.request(`/api/v1/lists?name=${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { cookie: analyst.cookie, origin: 'http://localhost', 'content-type': 'text/csv' },
    body,
  })
  return { status: res.status, body: await res.json() }
}

/** Stores the list, links it to the register one-to-one, and returns the finished job. */
async function linkList(name: string, body: string) {
  const stored = await upload(name, body)
  expect(stored.status).toBe(201)
  const analyst = await t.as('analyst')
  const started = await analyst.json('POST', '/api/v1/linkage/jobs', {
    kind: 'link',
    left: `list:${stored.body.id}`,
    right: 'register',
    oneToOne: true,
  })
  expect(started.status).toBe(202)
  await t.parley.services.linkageJobs.idle()
  return (await analyst.json('GET', `/api/v1/linkage/jobs/${started.body.id}`)).body
}

const rows = (n: number) => Array.from({ length: n }, (_, k) => row(k * 7))

describe('awkward lists through the linkage job API', () => {
  it('links a list without service numbers and one without dates, finding their persons', async () => {
    const noNumbers = await linkList(
      'no numbers',
      csv(['id', 'surname', 'first_name', 'date_of_birth'], rows(30)),
    )
    expect(noNumbers).toMatchObject({ status: 'done', error: null })
    expect(noNumbers.pairsFound).toBeGreaterThanOrEqual(25)
    const noDates = await linkList(
      'no dates',
      csv(['id', 'surname', 'first_name', 'service_number'], rows(30)),
    )
    expect(noDates).toMatchObject({ status: 'done', error: null })
    expect(noDates.pairsFound).toBeGreaterThanOrEqual(25)
  }, 300_000)

  it('links a single row, and a list with a header but no rows finishes with no pairs', async () => {
    const one = await linkList('one row', csv(['id', 'surname', 'first_name', 'date_of_birth'], rows(1)))
    expect(one).toMatchObject({ status: 'done', error: null, pairsFound: 1 })
    const header = 'id,surname,first_name,date_of_birth\n'
    const empty = await upload('header only', header)
    // an empty list is a list: stored with no rows, and its job ends at once with nothing found
    expect(empty).toMatchObject({ status: 201, body: { rowCount: 0 } })
    const analyst = await t.as('analyst')
    const started = await analyst.json('POST', '/api/v1/linkage/jobs', {
      kind: 'link',
      left: `list:${empty.body.id}`,
      right: 'register',
    })
    await t.parley.services.linkageJobs.idle()
    const job = (await analyst.json('GET', `/api/v1/linkage/jobs/${started.body.id}`)).body
    expect(job).toMatchObject({ status: 'done', error: null, pairsFound: 0 })
  }, 300_000)

  it('refuses a list whose header it does not know, naming the missing columns', async () => {
    const unknown = await upload('unknown header', 'colour,weight\nred,3\n')
    expect(unknown.status).toBe(400)
    expect(unknown.body.detail).toContain('no id column')
    const noName = await upload('ids only', 'id,colour\n1,red\n')
    expect(noName.status).toBe(400)
    expect(noName.body.detail).toMatch(/no surname or first_name column.*colour/)
  })
})
