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

describe('GET /api/v1/search', () => {
  it('needs a session', async () => {
    const res = await t.client().json('GET', '/api/v1/search?q=Коваленко')
    expect(res.status).toBe(401)
  })

  it('names the empty query as the field to fix', async () => {
    const tracer = await t.as('tracer')
    const res = await tracer.json('GET', '/api/v1/search?q=%20')
    expect(res.status).toBe(400)
    expect(res.body.issues).toEqual([
      { path: 'q', message: 'type a name, a date of birth or a service number' },
    ])
  })

  it('finds a person registered through the API, typed in Latin letters, with reasons', async () => {
    const registrar = await t.as('registrar')
    await registrar.json('POST', '/api/v1/persons', buildPerson({ surname: 'Олійник', firstNames: 'Микола' }))
    const tracer = await t.as('tracer')
    const res = await tracer.json('GET', `/api/v1/search?q=${encodeURIComponent('Mykola Oliinyk')}`)
    expect(res.status).toBe(200)
    expect(res.body.hits[0]).toMatchObject({
      surname: 'Олійник',
      firstNames: 'Микола',
      matchedBy: 'name key',
    })
    // the registered patronymic the query leaves out costs a little, and so does the order
    // (given name first) that differs from the register's
    expect(res.body.hits[0].score).toBeGreaterThanOrEqual(0.95)
    expect(res.body.hits[0].score).toBeLessThan(0.99)
    expect(res.body.hits[0].reasons).toContain('Oliinyk = Олійник (same name key olinik)')
  })
})
