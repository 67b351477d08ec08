import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildPerson } from '../support/factories'
import { createTestApp } from '../support/test-app'
import { dropTestTemplate } from '../support/test-db'

let t: Awaited<ReturnType<typeof createTestApp>>
beforeEach(async () => {
  t = await createTestApp()
}, 120_000)
afterEach(async () => t.close())
afterAll(dropTestTemplate)

describe('the audit trail names what its entries point at', () => {
  it("gives a person's trail the names of the person and of the facilities moved between", async () => {
    const registrar = await t.as('registrar')
    const camp = await registrar.json('POST', '/api/v1/facilities', { name: 'Табір «Північ»', kind: 'camp' })
    const hospital = await registrar.json('POST', '/api/v1/facilities', {
      name: 'Шпиталь №3',
      kind: 'hospital',
    })
    const person = await registrar.json('POST', '/api/v1/persons', {
      ...buildPerson({ surname: 'Гребенюк', firstNames: 'Остап' }),
      facilityId: camp.body.id,
    })
    const moved = await registrar.json('POST', `/api/v1/persons/${person.body.id}/events`, {
      type: 'hospitalised',
      occurredOn: new Date().toISOString().slice(0, 10),
      facilityId: hospital.body.id,
    })
    expect(moved.status).toBe(201)

    const auditor = await t.as('auditor')
    const trail = await auditor.json('GET', `/api/v1/persons/${person.body.id}/audit`)
    expect(trail.status).toBe(200)
    expect(trail.body.names).toMatchObject({
      [person.body.id]: `Гребенюк Остап (№ ${person.body.registerNumber})`,
      [camp.body.id]: 'Табір «Північ»',
      [hospital.body.id]: 'Шпиталь №3',
    })
  }, 120_000)

  it('names the accounts and facilities of the whole trail, account ids (not UUIDs) included', async () => {
    const admin = await t.signIn(t.admin.username, t.admin.password)
    const camp = await admin.json('POST', '/api/v1/facilities', { name: 'Табір «Південь»', kind: 'camp' })
    const trail = await admin.json('GET', '/api/v1/audit?limit=50')
    expect(trail.status).toBe(200)
    const signIn = trail.body.items.find((e: { action: string }) => e.action === 'session.sign_in')
    // account ids are not UUIDs: they are looked up as they are, without upsetting the UUID columns
    expect(trail.body.names[signIn.entityId]).toBe(`Administrator (${t.admin.username})`)
    expect(trail.body.names[camp.body.id]).toBe('Табір «Південь»')
    expect(Object.values(trail.body.names).every((n) => typeof n === 'string' && n.length > 0)).toBe(true)
  }, 120_000)
})
