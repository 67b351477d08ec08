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

describe('POST /api/v1/persons', () => {
  it('rejects a request without a session', async () => {
    const res = await t.client().json('POST', '/api/v1/persons', buildPerson())
    expect(res.status).toBe(401)
    expect(res.body).toMatchObject({ code: 'UNAUTHENTICATED', requestId: expect.any(String) })
  })

  it('rejects a role that may not register persons', async () => {
    const liaison = await t.as('liaison')
    const res = await liaison.json('POST', '/api/v1/persons', buildPerson())
    expect(res.status).toBe(403)
    expect(res.body.code).toBe('FORBIDDEN')
  })

  it('rejects invalid input naming each field, and stores nothing', async () => {
    const registrar = await t.as('registrar')
    const res = await registrar.request(
      'POST',
      '/api/v1/persons',
      buildPerson({ surname: '', dateOfBirth: '31.02.1999', category: 'spy' as never }),
    )
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toContain('application/problem+json')
    const body = await res.json()
    expect(body.issues.map((i: { path: string }) => i.path).sort()).toEqual([
      'category',
      'dateOfBirth',
      'surname',
    ])
    expect(body.issues.find((i: { path: string }) => i.path === 'dateOfBirth').message).toBe(
      '31.02.1999 is not a date',
    )
    expect((await registrar.json('GET', '/api/v1/persons/count')).body.total).toBe(0)
  })

  it('rejects malformed JSON with a clear error', async () => {
    const registrar = await t.as('registrar')
    const res = await registrar.json('POST', '/api/v1/persons', '{"surname": ')
    expect(res.status).toBe(400)
    expect(res.body.code).toBe('VALIDATION')
  })

  it('registers a person and shows them in the register', async () => {
    const registrar = await t.as('registrar')
    const res = await registrar.json('POST', '/api/v1/persons', buildPerson({ surname: 'Шевчук' }))
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ surname: 'Шевчук', status: 'captured', registerNumber: 1 })
    const list = await registrar.json('GET', '/api/v1/persons?q=шев')
    expect(list.body.items.map((p: { id: string }) => p.id)).toEqual([res.body.id])
  })
})

describe('GET /api/v1/persons', () => {
  it('pages through the register by cursor in the chosen order', async () => {
    const registrar = await t.as('registrar')
    const surnames = ['Бондар', 'Андрієнко', 'Гнатюк', 'Дмитренко', 'Вовк']
    await t.parley.services.custody.registerCapture(
      { id: 'x', name: 'x', role: 'registrar' },
      {
        capturedOn: '2026-10-01',
        place: 'P',
        source: 's',
        persons: surnames.map((s) => ({
          ...buildPerson({ surname: s }),
          capturedOn: undefined,
          capturePlace: undefined,
        })) as never,
      },
    )
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const res: { body: { items: { surname: string }[]; nextCursor: string | null } } = await registrar.json(
        'GET',
        `/api/v1/persons?sort=surname&direction=asc&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      )
      seen.push(...res.body.items.map((p) => p.surname))
      cursor = res.body.nextCursor
    } while (cursor)
    expect(seen).toEqual([...surnames].sort((a, b) => a.localeCompare(b, 'uk')))
  })

  it('hides unconfirmed reports unless asked', async () => {
    const registrar = await t.as('registrar')
    await registrar.json('POST', '/api/v1/persons', buildPerson({ confirmation: 'unconfirmed' }))
    await registrar.json('POST', '/api/v1/persons', buildPerson())
    expect((await registrar.json('GET', '/api/v1/persons')).body.items).toHaveLength(1)
    expect((await registrar.json('GET', '/api/v1/persons?confirmation=all')).body.items).toHaveLength(2)
    expect((await registrar.json('GET', '/api/v1/reports/register-counts')).body).toMatchObject({
      total: 1,
      unconfirmed: 1,
    })
  })

  it('rejects a forged cursor', async () => {
    const registrar = await t.as('registrar')
    const res = await registrar.json('GET', '/api/v1/persons?cursor=bm9wZQ')
    expect(res.status).toBe(400)
    expect(res.body.issues[0].path).toBe('cursor')
  })
})

describe('person record and events', () => {
  it('records a transfer, shows the new facility, and audits the read and the change', async () => {
    const registrar = await t.as('registrar')
    const a = (await registrar.json('POST', '/api/v1/facilities', { name: 'Camp A', kind: 'camp' })).body
    const b = (await registrar.json('POST', '/api/v1/facilities', { name: 'Camp B', kind: 'camp' })).body
    const p = (
      await registrar.json(
        'POST',
        '/api/v1/persons',
        buildPerson({ facilityId: a.id, capturedOn: '2026-01-01' }),
      )
    ).body
    const today = new Date().toISOString().slice(0, 10)
    const moved = await registrar.json('POST', `/api/v1/persons/${p.id}/events`, {
      type: 'transferred',
      facilityId: b.id,
      occurredOn: today,
    })
    expect(moved.status).toBe(201)
    expect(moved.body).toMatchObject({ status: 'interned', facilityId: b.id })
    expect((await registrar.json('GET', `/api/v1/persons/${p.id}`)).status).toBe(200)
    // a person's audit trail (staff names, values before and after) is for audit.read only
    expect((await registrar.json('GET', `/api/v1/persons/${p.id}/audit`)).status).toBe(403)
    const auditor = await t.as('auditor')
    const trail = (await auditor.json('GET', `/api/v1/persons/${p.id}/audit`)).body.items.map(
      (e: { action: string }) => e.action,
    )
    expect(trail).toEqual(['person.read', 'person.event.transferred', 'person.register'])
  })

  it('refuses an impossible event with 409 and the reason', async () => {
    const registrar = await t.as('registrar')
    const a = (await registrar.json('POST', '/api/v1/facilities', { name: 'Camp A', kind: 'camp' })).body
    const p = (await registrar.json('POST', '/api/v1/persons', buildPerson({ facilityId: a.id }))).body
    const today = new Date().toISOString().slice(0, 10)
    const res = await registrar.json('POST', `/api/v1/persons/${p.id}/events`, {
      type: 'transferred',
      facilityId: a.id,
      occurredOn: today,
    })
    expect(res.status).toBe(409)
    expect(res.body.detail).toMatch(/another facility/)
  })

  it('rejects an unknown event type naming the field', async () => {
    const registrar = await t.as('registrar')
    const p = (await registrar.json('POST', '/api/v1/persons', buildPerson())).body
    const res = await registrar.json('POST', `/api/v1/persons/${p.id}/events`, {
      type: 'vanished',
      occurredOn: '2026-01-01',
    })
    expect(res.status).toBe(400)
    expect(res.body.issues[0].path).toBe('type')
  })

  it('answers 404 for a person that does not exist', async () => {
    const registrar = await t.as('registrar')
    const res = await registrar.json('GET', '/api/v1/persons/00000000-0000-4000-8000-000000000000')
    expect(res.status).toBe(404)
  })
})
