import { stringify } from 'csv-stringify/sync'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { generatePersons } from '../../src/generate'
import { REGISTER_COLUMNS, registerRow } from '../../src/generate/scenarios'
import { REGISTRAR } from '../support/factories'
import { createTestApp } from '../support/test-app'
import { dropTestTemplate } from '../support/test-db'

let t: Awaited<ReturnType<typeof createTestApp>>
beforeEach(async () => {
  t = await createTestApp()
}, 120_000)
afterEach(() => t.close())
afterAll(dropTestTemplate)

const today = () => new Date().toISOString().slice(0, 10)
const ADMIN = { id: 'a', name: 'Test admin', role: 'admin' as const }

/** A register of the generator's prisoners held for months, imported as an office brings its old lists. */
async function importHistory(seed: number, count: number, name: string) {
  const persons = [...generatePersons({ seed, count, nationality: 'RU' })]
  const csv = stringify([
    REGISTER_COLUMNS,
    ...persons.map((p) => REGISTER_COLUMNS.map((c) => registerRow(p, seed)[c] ?? '')),
  ])
  const report = await t.parley.services.personImport.importPersons(ADMIN, { name, content: csv })
  return { persons, importId: report.importId! }
}

const count = async (table: 'audit_log' | 'notices', where?: [string, string]) => {
  let q = t.parley.conn.db.selectFrom(table as 'notices').select((eb) => eb.fn.countAll().as('n'))
  if (where) q = q.where(where[0] as 'state', '=', where[1])
  return Number((await q.executeTakeFirstOrThrow()).n)
}

describe('a backlog recorded as sent before Parley', () => {
  it('an imported history owes every notice, overdue; the liaison marks those of the import sent in one audited action', async () => {
    const old = await importHistory(1611, 20, 'held-2024.csv')
    // a person captured today, registered by hand: not part of the backlog
    const camp = await t.parley.services.custody.createFacility(REGISTRAR, { name: 'Табір 1', kind: 'camp' })
    const [fresh] = [...generatePersons({ seed: 1612, count: 1, nationality: 'RU' })]
    await t.parley.services.custody.registerPerson(REGISTRAR, {
      category: 'prisoner_of_war',
      surname: fresh!.surname,
      firstNames: fresh!.givenName,
      capturedOn: today(),
      facilityId: camp.id,
    })
    const liaison = await t.as('liaison')
    const overdue = (await liaison.json('GET', '/api/v1/notices?overdue=true&limit=1000')).body.items
    expect(overdue.length).toBe(40) // a capture card and an Art. 122 notification each, long overdue
    const imports = (await liaison.json('GET', '/api/v1/notices/imports')).body.items
    expect(imports).toMatchObject([{ id: old.importId, fileName: 'held-2024.csv', created: 20 }])

    const auditBefore = await count('audit_log')
    const dry = await liaison.json('POST', '/api/v1/notices/backlog', {
      importId: old.importId,
      dryRun: true,
    })
    expect(dry.status).toBe(200)
    expect(dry.body).toMatchObject({ count: 40, persons: 20, batchId: null })
    expect(await count('notices', ['state', 'sent'])).toBe(0)

    const noRef = await liaison.json('POST', '/api/v1/notices/backlog', { importId: old.importId })
    expect(noRef.status).toBe(400)
    expect(noRef.body.issues[0].path).toBe('reference')

    const done = await liaison.json('POST', '/api/v1/notices/backlog', {
      importId: old.importId,
      reference: 'paper lists 2024',
      on: '2024-12-31',
    })
    expect(done.status).toBe(200)
    expect(done.body).toMatchObject({ count: 40, persons: 20 })
    expect(await count('audit_log')).toBe(auditBefore + 1)
    const entry = await t.parley.conn.db
      .selectFrom('audit_log')
      .selectAll()
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow()
    expect(entry.action).toBe('notices.backlog.sent')
    expect(JSON.stringify(entry.after)).toContain('paper lists 2024')

    const batch = (await liaison.json('GET', `/api/v1/notices/batches/${done.body.batchId}`)).body
    expect(batch).toMatchObject({
      state: 'sent',
      backlog: true,
      sent: { how: 'sent before Parley', reference: 'paper lists 2024', at: '2024-12-31T12:00:00.000Z' },
    })
    expect(batch.notices).toHaveLength(40)
    // what is left due is today's capture, which the backlog did not touch
    const due = (await liaison.json('GET', '/api/v1/notices?state=due')).body.items
    expect(due.map((n: { name: string }) => n.name.split(' ')[0])).toEqual([fresh!.surname, fresh!.surname])
    // the time to send is the bureau's own: a backlog is no sending from Parley
    const figures = (await liaison.json('GET', '/api/v1/notices/figures?months=60')).body
    expect(figures.months).toEqual([])
    expect(figures.overdue).toBe(0)
  }, 240_000)

  it('chooses by the date of the event; refuses, changing nothing, when nothing is chosen or the choice is missing', async () => {
    const { persons } = await importHistory(1613, 6, 'held-2025.csv')
    const dates = persons.map((p) => p.capture.date).sort()
    const cut = dates[3]!
    const liaison = await t.as('liaison')
    const dry = await liaison.json('POST', '/api/v1/notices/backlog', { before: cut, dryRun: true })
    const expected = 2 * persons.filter((p) => p.capture.date < cut).length
    expect(dry.body.count).toBe(expected)
    const done = await liaison.json('POST', '/api/v1/notices/backlog', { before: cut, reference: 'ref 1' })
    expect(done.body.count).toBe(expected)

    const auditBefore = await count('audit_log')
    const batchesBefore = Number(
      (
        await t.parley.conn.db
          .selectFrom('notice_batches')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
    const again = await liaison.json('POST', '/api/v1/notices/backlog', { before: cut, reference: 'ref 2' })
    expect(again.status).toBe(400)
    expect(again.body.issues[0].message).toContain(`no due notices raised by events before ${cut}`)
    const neither = await liaison.json('POST', '/api/v1/notices/backlog', { reference: 'ref 3' })
    expect(neither.status).toBe(400)
    expect(neither.body.issues[0].message).toContain('choose the notices')
    const unknown = await liaison.json('POST', '/api/v1/notices/backlog', {
      importId: '00000000-0000-4000-8000-000000000000',
      reference: 'ref 4',
    })
    expect(unknown.status).toBe(404)
    expect(await count('audit_log')).toBe(auditBefore)
    const batchesAfter = Number(
      (
        await t.parley.conn.db
          .selectFrom('notice_batches')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
    expect(batchesAfter).toBe(batchesBefore)
    // only the liaison (and admin) may do it
    const registrar = await t.as('registrar')
    expect(
      (await registrar.json('POST', '/api/v1/notices/backlog', { before: cut, reference: 'x' })).status,
    ).toBe(403)
  }, 240_000)
})
