import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/auth/actor'
import { buildPerson } from '../support/factories'
import { createTestApp } from '../support/test-app'
import { dropTestTemplate } from '../support/test-db'

// Generous limits: each test clones a database and signs users in (a memory-hard hash) on a
// machine others share; the assertions do not depend on speed.
const SLOW = { timeout: 300_000 }

let t: Awaited<ReturnType<typeof createTestApp>>
let personId: string

// Fictitious particulars a liaison, negotiator or analyst must not receive.
const FAMILY = {
  fatherFirstName: 'Іван',
  motherMaidenName: 'Ткаченко',
  nextOfKin: { name: 'Ганна Коваленко', address: 'вул. Вигадана 1, Полтава' },
  lastResidence: 'Полтава',
  distinguishingMarks: 'шрам на лівій руці',
}
const FAMILY_KEYS = Object.keys(FAMILY)

beforeEach(async () => {
  t = await createTestApp()
  // the accounts' second-factor rule is tested elsewhere; here every role signs in with a password
  await t.parley.services.settings.updateSecuritySettings(SYSTEM_ACTOR, { requireSecondFactor: false })
  const person = await t.parley.services.custody.registerPerson(
    SYSTEM_ACTOR,
    buildPerson({ surname: 'Коваленко', placeOfBirth: 'Полтава', ...FAMILY }),
  )
  personId = person.id
}, SLOW.timeout)
afterEach(async () => t?.close())
afterAll(dropTestTemplate)

/** The audit entries written since `afterSeq`, oldest first. */
async function entriesSince(afterSeq: number) {
  const all = await t.parley.services.audit.listEntries({ limit: 500 })
  return all.filter((e) => e.seq > afterSeq).reverse()
}
async function lastSeq() {
  const [last] = await t.parley.services.audit.listEntries({ limit: 1 })
  return last?.seq ?? 0
}

describe('every disclosure of personal data is audited once per request', SLOW, () => {
  it('a page of the register writes one entry naming the query, the count and the persons', async () => {
    const tracer = await t.as('tracer')
    const from = await lastSeq()
    const res = await tracer.json('GET', '/api/v1/persons?q=Ков&limit=50')
    expect(res.status).toBe(200)
    expect(res.body.items).toHaveLength(1)
    const written = await entriesSince(from)
    expect(written).toHaveLength(1)
    expect(written[0]).toMatchObject({
      action: 'persons.list.read',
      actorName: 'Test tracer',
      entityType: 'register',
      after: { count: 1, ids: [personId], query: { q: 'Ков', limit: 50 }, view: 'full' },
    })
  })

  it('a search writes one entry with the query and the count', async () => {
    const tracer = await t.as('tracer')
    const from = await lastSeq()
    const res = await tracer.json('GET', `/api/v1/search?q=${encodeURIComponent('Коваленко Тарас')}`)
    expect(res.status).toBe(200)
    const written = await entriesSince(from)
    expect(written).toHaveLength(1)
    expect(written[0]).toMatchObject({
      action: 'search.read',
      after: { count: res.body.hits.length, query: { q: 'Коваленко Тарас' } },
    })
    expect(res.body.hits.length).toBeGreaterThan(0)
  })

  it("a person's record writes one entry naming the person", async () => {
    const liaison = await t.as('liaison')
    const from = await lastSeq()
    expect((await liaison.json('GET', `/api/v1/persons/${personId}`)).status).toBe(200)
    const written = await entriesSince(from)
    expect(written).toHaveLength(1)
    expect(written[0]).toMatchObject({ action: 'person.read', entityType: 'person', entityId: personId })
  })

  it("a person's history writes one entry naming the person", async () => {
    const liaison = await t.as('liaison')
    const from = await lastSeq()
    const res = await liaison.json('GET', `/api/v1/persons/${personId}/events`)
    expect(res.status).toBe(200)
    const written = await entriesSince(from)
    expect(written).toHaveLength(1)
    expect(written[0]).toMatchObject({
      action: 'person.events.read',
      entityId: personId,
      after: { count: res.body.items.length, view: 'identified' },
    })
  })

  it('a refused read writes nothing', async () => {
    const liaison = await t.as('liaison')
    const from = await lastSeq()
    expect((await liaison.json('GET', `/api/v1/persons/${personId}/audit`)).status).toBe(403)
    expect(await entriesSince(from)).toHaveLength(0)
  })
})

describe("a person's audit trail", SLOW, () => {
  it('answers admin and auditor only, and the read is itself audited', async () => {
    for (const role of ['liaison', 'registrar', 'tracer', 'analyst', 'negotiator'] as const) {
      const client = await t.as(role)
      const res = await client.json('GET', `/api/v1/persons/${personId}/audit`)
      expect(res.status, role).toBe(403)
      expect(res.body.code).toBe('FORBIDDEN')
    }
    const auditor = await t.as('auditor')
    const from = await lastSeq()
    const res = await auditor.json('GET', `/api/v1/persons/${personId}/audit`)
    expect(res.status).toBe(200)
    expect(res.body.items.length).toBeGreaterThan(0)
    expect(await entriesSince(from)).toMatchObject([
      { action: 'person.audit.read', entityId: personId, after: { count: res.body.items.length } },
    ])
  })
})

describe('fields per role', SLOW, () => {
  it('the liaison gets identity, status, facility and health, without next of kin, mother or marks', async () => {
    const liaison = await t.as('liaison')
    const person = (await liaison.json('GET', `/api/v1/persons/${personId}`)).body
    expect(person).toMatchObject({ id: personId, surname: 'Коваленко', dateOfBirth: '1994-03-12' })
    expect(person).toHaveProperty('status')
    expect(person).toHaveProperty('facilityId')
    expect(person).toHaveProperty('health')
    for (const key of FAMILY_KEYS) expect(person, key).not.toHaveProperty(key)

    const list = (await liaison.json('GET', '/api/v1/persons')).body.items
    expect(list).toHaveLength(1)
    for (const key of FAMILY_KEYS) expect(list[0], key).not.toHaveProperty(key)

    const hits = (await liaison.json('GET', '/api/v1/search?q=Kovalenko')).body.hits
    expect(hits.length).toBeGreaterThan(0)
    for (const hit of hits) for (const key of FAMILY_KEYS) expect(hit, key).not.toHaveProperty(key)
    // and not hidden in the raw text under another name
    const raw = JSON.stringify([person, list, hits])
    for (const value of ['Ткаченко', 'Ганна', 'шрам']) expect(raw).not.toContain(value)
  })

  it('the registrar still sees every particular', async () => {
    const registrar = await t.as('registrar')
    const person = (await registrar.json('GET', `/api/v1/persons/${personId}`)).body
    expect(person).toMatchObject(FAMILY)
  })

  it('the analyst gets pseudonymised rows: no names or service number, the year of birth only', async () => {
    const analyst = await t.as('analyst')
    const [row] = (await analyst.json('GET', '/api/v1/persons')).body.items
    expect(row).toMatchObject({ id: personId, dateOfBirth: '1994', category: 'prisoner_of_war' })
    for (const key of [
      'surname',
      'firstNames',
      'patronymic',
      'serviceNumber',
      'placeOfBirth',
      ...FAMILY_KEYS,
    ])
      expect(row, key).not.toHaveProperty(key)
    const hits = (await analyst.json('GET', '/api/v1/search?q=Kovalenko')).body.hits
    for (const hit of hits) {
      expect(hit).not.toHaveProperty('surname')
      expect(hit).not.toHaveProperty('latin')
    }
  })

  it('events keep their facts but not the free-text note for a reader without full particulars', async () => {
    await t.parley.services.custody.recordEvent(SYSTEM_ACTOR, personId, {
      type: 'health_bulletin',
      health: 'slightly_wounded',
      occurredOn: '2026-10-05',
      note: 'мати Ткаченко телефонувала',
    })
    const liaison = await t.as('liaison')
    const items = (await liaison.json('GET', `/api/v1/persons/${personId}/events`)).body.items
    const bulletin = items.find((e: { type: string }) => e.type === 'health_bulletin')
    expect(bulletin.details).toMatchObject({ health: 'slightly_wounded' })
    expect(JSON.stringify(items)).not.toContain('Ткаченко')
    const registrar = await t.as('registrar')
    const full = (await registrar.json('GET', `/api/v1/persons/${personId}/events`)).body.items
    expect(JSON.stringify(full)).toContain('Ткаченко')
  })
})
