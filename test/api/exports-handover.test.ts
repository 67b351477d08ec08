import { parse } from 'csv-parse/sync'
import { stringify } from 'csv-stringify/sync'
import ExcelJS from 'exceljs'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { updateExchange } from '../../src/exchange/store'
import { generatePersons } from '../../src/generate'
import { REGISTER_COLUMNS, registerRow } from '../../src/generate/scenarios'
import { createTestApp } from '../support/test-app'
import { dropTestTemplate } from '../support/test-db'

// Generous limits: each test clones a database, imports, plans and signs users in on a shared machine.
const SLOW = { timeout: 300_000 }

let t: Awaited<ReturnType<typeof createTestApp>>
beforeEach(async () => {
  t = await createTestApp()
}, SLOW.timeout)
afterEach(async () => t?.close())
afterAll(dropTestTemplate)

const ADMIN = { id: 'test', name: 'test', role: 'admin' as const }
// fictitious persons from the project's generator: ours held, theirs sought
const held = [...generatePersons({ seed: 1861, count: 6, nationality: 'RU' })]
const ours = [...generatePersons({ seed: 1862, count: 4, nationality: 'UA', firstId: 9100 })]
const csv = (rows: Record<string, string>[]) => {
  const columns = Object.keys(rows[0]!)
  return stringify([columns, ...rows.map((r) => columns.map((c) => r[c] ?? ''))])
}
const today = () => new Date().toISOString().slice(0, 10)

/** An exchange of 4 for 4 in its handover: one of ours a no-show, one replaced by a substitute. */
async function handoverUnderWay() {
  await t.parley.services.personImport.importPersons(ADMIN, {
    name: 'held.csv',
    content: csv(held.map((p) => registerRow(p, 1861))).replace(/^[^\n]*/, REGISTER_COLUMNS.join(',')),
  })
  const persons = await t.parley.conn.db
    .selectFrom('persons')
    .select(['id', 'surname', 'first_names'])
    .execute()
  await t.parley.services.custody.recordEvents(
    ADMIN,
    persons.map((p) => ({ personId: p.id, event: { type: 'consent_given' as const, occurredOn: today() } })),
  )
  const negotiator = await t.as('negotiator')
  const created = await negotiator.json('POST', '/api/v1/exchanges', {
    name: 'Exchange 18',
    counterpart: 'the other side',
    terms: { maxSize: 4 },
    stages: [2, 2],
  })
  const id = created.body.id as string
  const base = `/api/v1/exchanges/${id}`
  const upload = await t.app.request(`${base}/sought`, {
    method: 'POST',
    headers: { cookie: negotiator.cookie, origin: 'http://localhost', 'content-type': 'text/csv' },
    body: csv(
      ours.map((p, i) => ({
        id: p.id,
        surname: p.surname,
        first_name: p.givenName,
        date_of_birth: p.dateOfBirth,
        sex: p.sex,
        seriously_wounded: i === 0 ? 'yes' : 'no',
        captured_on: p.capture.date,
      })),
    ),
  })
  expect(upload.status).toBe(200)
  const plan = await negotiator.json('POST', `${base}/plan?save=true`)
  expect(plan.status).toBe(200)
  const give: string[] = plan.body.give.map((p: { id: string }) => p.id)
  await updateExchange(t.parley.conn.db, id, { status: 'agreed' })
  expect((await negotiator.json('POST', `${base}/handover`)).status).toBe(200)
  const [noShow, replaced] = give
  const spare = persons.find((p) => !give.includes(p.id))!
  const check = (ref: string, outcome: Record<string, string>) =>
    negotiator.json('POST', `${base}/handover/check`, { side: 'give', ref, ...outcome })
  expect((await check(noShow!, { outcome: 'no_show' })).status).toBe(200)
  expect((await check(replaced!, { outcome: 'substituted', substituteRef: spare.id })).status).toBe(200)
  const nameOf = new Map(persons.map((p) => [p.id, `${p.surname} ${p.first_names ?? ''}`.trim()]))
  return { id, negotiator, give, noShow: noShow!, replaced: replaced!, spare: nameOf.get(spare.id)!, nameOf }
}

async function exportsOf(exchangeId: string) {
  const entries = await t.parley.services.audit.listEntries({ limit: 200 })
  return entries.filter((e) => e.action === 'export.handover' && e.entityId === exchangeId)
}

describe("an exchange's handover, exported like the other lists", SLOW, () => {
  it('writes the rows the handover sheet shows to CSV and XLSX, and audits each export on the exchange', async () => {
    const { id, negotiator, give, noShow, replaced, spare, nameOf } = await handoverUnderWay()
    const sheet = (await negotiator.json('GET', `/api/v1/exchanges/${id}/handover/sheet`)).body.rows as {
      side: string
      ref: string
      stage: number
      outcome: string
    }[]
    expect(sheet).toHaveLength(give.length + ours.length)

    const res = await negotiator.request('GET', `/api/v1/exports/handover?format=csv&exchangeId=${id}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toMatch(/handover-\d{4}-\d{2}-\d{2}\.csv/)
    const rows = parse(Buffer.from(await res.arrayBuffer()).toString('utf8'), { bom: true }) as string[][]
    const head = rows[0]!
    expect(head).toEqual([
      'Stage',
      'Side',
      'Surname',
      'First names',
      'Date of birth',
      'Service number',
      'Wounded or sick',
      'Outcome',
      'Substitute',
    ])
    const body = rows.slice(1)
    // one row per row of the sheet, in its order (stage, side)
    expect(body.map((r) => [Number(r[0]), r[1], r[7]])).toEqual(
      sheet.map((r) => [r.stage, r.side, r.outcome]),
    )
    const rowOf = (surname: string) => body.find((r) => `${r[2]} ${r[3]}`.trim() === surname)!
    expect(rowOf(nameOf.get(noShow)!)[7]).toBe('no_show')
    expect(rowOf(nameOf.get(replaced)!)[7]).toBe('substituted')
    expect(rowOf(nameOf.get(replaced)!)[8]).toBe(spare)
    // theirs from the sought list, the seriously wounded marked
    const wounded = rowOf(`${ours[0]!.surname} ${ours[0]!.givenName}`)
    expect(wounded[1]).toBe('receive')
    expect(wounded[6]).toBe('yes')

    const xlsx = await negotiator.request(
      'GET',
      `/api/v1/exports/handover?format=xlsx&lang=uk&exchangeId=${id}`,
    )
    expect(xlsx.status).toBe(200)
    const book = new ExcelJS.Workbook()
    await book.xlsx.load((await xlsx.arrayBuffer()) as ArrayBuffer)
    const ws = book.worksheets[0]!
    expect(ws.getRow(1).getCell(3).value).toBe('Прізвище')
    expect(ws.rowCount).toBe(sheet.length + 1)
    const surnames = Array.from({ length: sheet.length }, (_, i) => ws.getRow(i + 2).getCell(3).value)
    expect(surnames).toEqual(body.map((r) => r[2]))

    const audited = await exportsOf(id)
    expect(audited).toHaveLength(2)
    for (const e of audited) {
      expect(e).toMatchObject({ entityType: 'exchange', actorName: 'Test negotiator' })
      expect(e.after).toMatchObject({ count: sheet.length, view: 'identified', query: { exchangeId: id } })
    }
    expect(audited.map((e) => (e.after as { query: { format: string } }).query.format).sort()).toEqual([
      'csv',
      'xlsx',
    ])
  })

  it('refuses an exchange that does not exist, naming it, and an export without one; nothing audited', async () => {
    const negotiator = await t.as('negotiator')
    const unknown = '00000000-0000-4000-8000-000000001818'
    const missing = await negotiator.json('GET', `/api/v1/exports/handover?format=csv&exchangeId=${unknown}`)
    expect(missing.status).toBe(404)
    expect(missing.body.detail ?? missing.body.title).toContain(unknown)
    const none = await negotiator.json('GET', '/api/v1/exports/handover?format=csv')
    expect(none.status).toBe(400)
    expect(none.body.issues[0].path).toBe('exchangeId')
    const bad = await negotiator.json('GET', '/api/v1/exports/handover?format=csv&exchangeId=Exchange-18')
    expect(bad.status).toBe(400)
    expect(bad.body.issues[0].path).toBe('exchangeId')
    expect(await exportsOf(unknown)).toHaveLength(0)
    const entries = await t.parley.services.audit.listEntries({ limit: 200 })
    expect(entries.filter((e) => e.action === 'export.handover')).toHaveLength(0)
  })

  it('refuses a role that may not read exchanges, naming the handover', async () => {
    const tracer = await t.as('tracer')
    const res = await tracer.json(
      'GET',
      '/api/v1/exports/handover?format=csv&exchangeId=00000000-0000-4000-8000-000000001818',
    )
    expect(res.status).toBe(403)
    expect(res.body.detail ?? res.body.title).toMatch(/handover/)
  })
})
