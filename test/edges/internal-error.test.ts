import { sql } from 'kysely'
import pino from 'pino'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createHttpApp } from '../../src/http/app'
import { buildPerson } from '../support/factories'
import { createTestApp } from '../support/test-app'
import { dropTestTemplate } from '../support/test-db'

let t: Awaited<ReturnType<typeof createTestApp>>
// a fresh app signs users in with real password hashes: slow on a loaded machine
beforeEach(async () => {
  t = await createTestApp()
}, 180_000)
afterEach(async () => t.close())
afterAll(dropTestTemplate)

describe('a 500', { timeout: 300_000 }, () => {
  it('is logged with its request id and the cause, and answered with that id and what to do', async () => {
    const lines: Record<string, unknown>[] = []
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) })
    const app = createHttpApp({
      conn: t.parley.conn,
      auth: t.parley.auth,
      services: t.parley.services,
      logger,
      baseUrl: 'http://localhost:4280',
    })
    const registrar = await t.as('registrar')
    await sql`alter table persons rename to persons_gone`.execute(t.parley.conn.db)
    const res = await app.request('/api/v1/persons', {
      method: 'POST',
      headers: { cookie: registrar.cookie, origin: 'http://localhost', 'content-type': 'application/json' },
      body: JSON.stringify(buildPerson()),
    })
    expect(res.status).toBe(500)
    const body = await res.json()
    expect(body.requestId).toMatch(/\S{8,}/)
    expect(res.headers.get('x-request-id')).toBe(body.requestId)
    expect(body.detail).toContain(`request ${body.requestId}`)
    expect(body.detail).toContain('try again')
    expect(body.detail).toContain('give this request id to your administrator')
    expect(body.detail).not.toContain('persons')
    const failed = lines.find((l) => l.msg === 'request failed')
    expect(failed).toMatchObject({ requestId: body.requestId, level: 50 })
    // the log keeps what the user is not shown: the cause, for whoever looks the id up
    expect(JSON.stringify(failed)).toContain('persons')
    const request = lines.find((l) => l.msg === 'request' && l.requestId === body.requestId)
    expect(request).toMatchObject({ status: 500, method: 'POST' })
  })
})
