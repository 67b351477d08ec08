import { stringify } from 'csv-stringify/sync'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { generatePersons } from '../../src/generate'
import { LIST_COLUMNS, REGISTER_COLUMNS, registerRow, scenarioList } from '../../src/generate/scenarios'
import { pairQuality } from '../../src/linkage/evaluate'
import { createTestApp } from '../support/test-app'
import { dropTestTemplate } from '../support/test-db'

let t: Awaited<ReturnType<typeof createTestApp>>
beforeEach(async () => {
  t = await createTestApp()
})
afterEach(async () => {
  await t.parley.services.linkageJobs.idle()
  await t.close()
})
afterAll(dropTestTemplate)

const register = [...generatePersons({ seed: 21, count: 1500, nationality: 'mixed' })]
const list = scenarioList(
  { seed: 21, persons: 1500, nationality: 'mixed', listRows: 300, matchShare: 0.7, duplicateShare: 0 },
  register,
)
const csv = (columns: string[], rows: Record<string, string>[]) =>
  stringify([columns, ...rows.map((r) => columns.map((c) => r[c] ?? ''))])

/** Sends a file as the request body, as the web page and scripts do. */
async function upload(cookie: string, query: string, body: string, type = 'text/csv') {
  const res = await t.app.request(`/api/v1/lists?${query}`, {
    method: 'POST',
    headers: { cookie, origin: 'http://localhost', 'content-type': type },
    body,
  })
  return { status: res.status, body: await res.json() }
}

describe('lists and linkage jobs', () => {
  it('stores a received list once, and refuses a file it cannot read without storing anything', async () => {
    const analyst = await t.as('analyst')
    const body = csv(LIST_COLUMNS, list)
    const first = await upload(analyst.cookie, 'name=Their%20list%2012&counterpart=RU', body)
    expect(first.status).toBe(201)
    expect(first.body).toMatchObject({
      name: 'Their list 12',
      counterpart: 'RU',
      rowCount: 300,
      created: true,
    })
    const again = await upload(analyst.cookie, 'name=Same%20file', body)
    expect(again.status).toBe(200)
    expect(again.body).toMatchObject({ id: first.body.id, created: false })

    const bad = await upload(analyst.cookie, 'name=Broken', 'surname,first_name\nМороз,Іван\n')
    expect(bad.status).toBe(400)
    expect(bad.body.detail).toContain('no id column')
    const noName = await upload(analyst.cookie, 'name=', body)
    expect(noName.status).toBe(400)
    expect(noName.body.issues[0].path).toBe('name')
    const lists = await analyst.json('GET', '/api/v1/lists')
    expect(lists.body.lists).toHaveLength(1)

    const rows = await analyst.json('GET', `/api/v1/lists/${first.body.id}/rows?limit=2`)
    expect(rows.body.rows).toHaveLength(2)
    expect(rows.body.nextAfter).toBe(2)
    const tracer = await t.as('tracer')
    expect((await upload(tracer.cookie, 'name=x', body)).status).toBe(403)
  })

  it('links a stored list to the register as a job, with progress, pairs and their evidence', async () => {
    await t.parley.services.personImport.importPersons(
      { id: 'test', name: 'test', role: 'admin' },
      {
        name: 'register.csv',
        content: csv(
          REGISTER_COLUMNS,
          register.map((p) => registerRow(p, 21)),
        ),
      },
    )
    const analyst = await t.as('analyst')
    const stored = await upload(analyst.cookie, 'name=Their%20list', csv(LIST_COLUMNS, list))

    const refused = await analyst.json('POST', '/api/v1/linkage/jobs', {
      kind: 'link',
      left: `list:${stored.body.id}`,
    })
    expect(refused.status).toBe(400)
    expect(refused.body.issues[0].path).toBe('right')

    const started = await analyst.json('POST', '/api/v1/linkage/jobs', {
      kind: 'link',
      left: `list:${stored.body.id}`,
      right: 'register',
      oneToOne: true,
    })
    expect(started.status).toBe(202)
    expect(['queued', 'running']).toContain(started.body.status)
    await t.parley.services.linkageJobs.idle()

    const job = await analyst.json('GET', `/api/v1/linkage/jobs/${started.body.id}`)
    expect(job.body).toMatchObject({ status: 'done', error: null })
    expect(job.body.candidates).toBeGreaterThan(job.body.pairsFound)

    const pairs: { leftId: string; rightId: string; evidence: { fields: { field: string }[] } }[] = []
    for (let after = 0; ; ) {
      const page = await analyst.json(
        'GET',
        `/api/v1/linkage/jobs/${started.body.id}/pairs?limit=100&after=${after}`,
      )
      pairs.push(...page.body.pairs)
      if (page.body.nextAfter === null) break
      after = page.body.nextAfter
    }
    expect(pairs).toHaveLength(job.body.pairsFound)
    expect(pairs[0]!.evidence.fields.map((f) => f.field)).toContain('date_of_birth')

    const persons = await t.parley.conn.db.selectFrom('persons').select(['id', 'source_key']).execute()
    // the importer keeps each row's file and id as `file:<sha256 prefix>:id:<id>`
    const sourceOf = new Map(persons.map((p) => [p.id, p.source_key!.replace(/^.*:id:/, '')]))
    const q = pairQuality(
      pairs.map((p) => [p.leftId, sourceOf.get(p.rightId)!]),
      list.filter((r) => r.true_person_id).map((r) => [r.row_id!, r.true_person_id!]),
    )
    expect(q.precision).toBeGreaterThan(0.97)
    expect(q.recall).toBeGreaterThan(0.95)

    const audit = await t.parley.conn.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'linkage_job')
      .orderBy('seq')
      .execute()
    const actions = audit.map((a) => a.action)
    expect(actions.filter((a) => a.startsWith('linkage.job.'))).toEqual([
      'linkage.job.start',
      'linkage.job.done',
    ])
    // every page of pairs read is a disclosure, audited once per request
    expect(actions.filter((a) => a === 'linkage.pairs.read').length).toBeGreaterThan(0)
  }, 120_000)

  it('refuses a job on a list that does not exist, and one from a role that may not run linkage', async () => {
    const analyst = await t.as('analyst')
    const missing = await analyst.json('POST', '/api/v1/linkage/jobs', {
      kind: 'dedupe',
      left: 'list:00000000-0000-4000-8000-000000000000',
    })
    expect(missing.status).toBe(400)
    expect(missing.body.issues[0]).toMatchObject({ path: 'left' })
    const tracer = await t.as('tracer')
    expect(
      (await tracer.json('POST', '/api/v1/linkage/jobs', { kind: 'dedupe', left: 'register' })).status,
    ).toBe(403)
  })
})
