import { stringify } from 'csv-stringify/sync'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { generatePersons } from '../../src/generate'
import { REGISTER_COLUMNS, registerRow } from '../../src/generate/scenarios'
import { createTestApp } from '../support/test-app'
import { dropTestTemplate } from '../support/test-db'

let t: Awaited<ReturnType<typeof createTestApp>>
beforeEach(async () => {
  t = await createTestApp()
}, 120_000)
afterEach(async () => t?.close())
afterAll(dropTestTemplate)

const ADMIN = { id: 'test', name: 'test', role: 'admin' as const }
const held = [...generatePersons({ seed: 41, count: 30, nationality: 'RU' })]
const ours = [...generatePersons({ seed: 42, count: 10, nationality: 'UA', firstId: 8000 })]
const csv = (rows: Record<string, string>[]) => {
  const columns = Object.keys(rows[0]!)
  return stringify([columns, ...rows.map((r) => columns.map((c) => r[c] ?? ''))])
}

describe('the exchange plan as a disclosure', () => {
  it('names and dates of birth only of the persons it proposes, in one audit entry naming them', async () => {
    await t.parley.services.personImport.importPersons(ADMIN, {
      name: 'held.csv',
      content: csv(held.map((p) => registerRow(p, 41))).replace(/^[^\n]*/, REGISTER_COLUMNS.join(',')),
    })
    const personIds = (await t.parley.conn.db.selectFrom('persons').select('id').execute()).map((p) => p.id)
    const negotiator = await t.as('negotiator')
    const created = await negotiator.json('POST', '/api/v1/exchanges', {
      name: 'Exchange 9',
      counterpart: 'the other side',
      terms: { maxSize: 5 },
    })
    const base = `/api/v1/exchanges/${created.body.id}`
    await negotiator.json(
      'POST',
      `${base}/annotations`,
      personIds.map((personId) => ({ personId, consent: true })),
    )
    const sought = await t.app.request(`${base}/sought`, {
      method: 'POST',
      headers: { cookie: negotiator.cookie, origin: 'http://localhost', 'content-type': 'text/csv' },
      body: csv(
        ours.map((p) => ({
          id: p.id,
          surname: p.surname,
          first_name: p.givenName,
          date_of_birth: p.dateOfBirth,
        })),
      ),
    })
    expect(sought.status).toBe(200)

    const plan = await negotiator.json('POST', `${base}/plan`)
    expect(plan.status).toBe(200)
    const proposed = [...plan.body.give, ...plan.body.receive].map((p: { id: string }) => p.id)
    expect(plan.body.give.length).toBeGreaterThan(0)
    expect(plan.body.give.length).toBeLessThan(held.length)
    // everyone else of the pool is an id with a reason, without name or date of birth
    expect(Object.keys(plan.body.people).sort()).toEqual(
      proposed.filter((id) => id in plan.body.people).sort(),
    )
    expect(Object.keys(plan.body.people).length).toBeLessThan(held.length)

    const reads = await t.parley.conn.db
      .selectFrom('audit_log')
      .select(['actor_name', 'after'])
      .where('action', '=', 'exchange.plan.read')
      .execute()
    expect(reads).toHaveLength(1)
    const after = reads[0]!.after as { count: number; ids: string[] }
    expect(after.count).toBe(Object.keys(plan.body.people).length)
    expect([...after.ids].sort()).toEqual(Object.keys(plan.body.people).sort())
  }, 240_000)
})
