import { sql } from 'kysely'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildPerson } from '../support/factories'
import { createTestApp } from '../support/test-app'
import { dropTestTemplate } from '../support/test-db'

let t: Awaited<ReturnType<typeof createTestApp>>
beforeEach(async () => {
  t = await createTestApp()
})
afterEach(async () => t.close())
afterAll(dropTestTemplate)

async function counts() {
  const db = t.parley.conn.db
  const persons = await sql<{ n: number }>`select count(*)::int as n from persons`.execute(db)
  const audit = await sql<{ n: number }>`select count(*)::int as n from audit_log`.execute(db)
  return { persons: persons.rows[0]!.n, audit: audit.rows[0]!.n }
}

describe('text the database cannot store', () => {
  it('refuses a NUL character in a JSON field as 400 naming the field, and stores nothing', async () => {
    const registrar = await t.as('registrar')
    const before = await counts()
    const res = await registrar.json('POST', '/api/v1/persons', buildPerson({ surname: 'Пет\u0000ренко' }))
    expect(res.status).toBe(400)
    expect(res.body.issues).toEqual([{ path: 'surname', message: expect.stringContaining('NUL character') }])
    expect(await counts()).toEqual(before)
  })

  it('refuses a lone surrogate written as a JSON escape, naming the nested field', async () => {
    const registrar = await t.as('registrar')
    const body = JSON.stringify(buildPerson({ nextOfKin: { name: 'x', address: 'Київ' } })).replace(
      '"Київ"',
      '"Ки\\ud800їв"',
    )
    const res = await registrar.json('POST', '/api/v1/persons', body)
    expect(res.status).toBe(400)
    expect(res.body.issues[0]).toMatchObject({
      path: 'nextOfKin.address',
      message: expect.stringContaining('surrogate'),
    })
  })

  it('refuses a NUL in a query string as 400 naming the parameter', async () => {
    const analyst = await t.as('registrar')
    const res = await analyst.json('GET', '/api/v1/search?q=%00abc')
    expect(res.status).toBe(400)
    expect(res.body.issues[0]).toMatchObject({ path: 'q' })
  })
})

describe('body limits', () => {
  it('refuses a JSON body over the limit with 413 naming the limit, storing nothing', async () => {
    const registrar = await t.as('registrar')
    const before = await counts()
    const res = await registrar.json(
      'POST',
      '/api/v1/persons',
      buildPerson({ distinguishingMarks: 'x'.repeat(1_100_000) }),
    )
    expect(res.status).toBe(413)
    expect(res.body.code).toBe('TOO_LARGE')
    expect(res.body.detail).toContain('1 MiB (PARLEY_BODY_LIMIT')
    expect(await counts()).toEqual(before)
  })
})

describe('an internal error', () => {
  it('shows the request id and what to do, and never the cause', async () => {
    const registrar = await t.as('registrar')
    await sql`alter table persons rename to persons_gone`.execute(t.parley.conn.db)
    const res = await registrar.json('POST', '/api/v1/persons', buildPerson())
    expect(res.status).toBe(500)
    expect(res.body.detail).toContain(`request ${res.body.requestId}`)
    expect(res.body.detail).toContain('give this request id to your administrator')
    expect(res.body.detail).not.toContain('persons')
  })
})
