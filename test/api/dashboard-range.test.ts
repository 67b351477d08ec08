import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Actor } from '../../src/auth/actor'
import type { RegisterCapture } from '../../src/custody/model'
import { generatePersons } from '../../src/generate'
import { createTestApp } from '../support/test-app'
import { dropTestTemplate } from '../support/test-db'

// Generous limits: each test clones a database and signs users in on a machine others share.
const SLOW = { timeout: 300_000 }
const ACTOR: Actor = { id: 'u-test', name: 'Test Registrar', role: 'registrar' }

let t: Awaited<ReturnType<typeof createTestApp>>
beforeEach(async () => {
  t = await createTestApp()
}, SLOW.timeout)
afterEach(async () => t?.close())
afterAll(dropTestTemplate)

const today = new Date().toISOString().slice(0, 10)
const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString().slice(0, 10)
const sum = (xs: { n: number }[]) => xs.reduce((s, x) => s + x.n, 0)

/** Five persons captured 100 days ago and three captured 10 days ago, all registered today. */
async function twoCaptures() {
  const { custody } = t.parley.services
  const camp = await custody.createFacility(ACTOR, { name: 'Camp R (test)', kind: 'camp', capacity: 20 })
  const people = [...generatePersons({ seed: 181, count: 8, nationality: 'RU' })]
  const as = (ps: typeof people) =>
    ps.map((p) => ({
      category: 'prisoner_of_war',
      confirmation: 'confirmed',
      surname: p.surname,
      firstNames: p.givenName,
      sex: 'male',
      serviceNumber: p.serviceNumber,
      dateOfBirth: '1980-01-01',
    })) as RegisterCapture['persons']
  for (const [on, ps] of [
    [daysAgo(100), people.slice(0, 5)],
    [daysAgo(10), people.slice(5)],
  ] as const)
    await custody.registerCapture(ACTOR, {
      capturedOn: on,
      place: 'near a village (test)',
      source: 'unit report',
      facilityId: camp.id,
      persons: as(ps),
    })
}

describe('the dashboard over a range of dates', SLOW, () => {
  it('narrows registrations per week, time held and our people by month to the dates asked for; the figures of now stay', async () => {
    await twoCaptures()
    const analyst = await t.as('analyst')
    const all = (await analyst.json('GET', '/api/v1/dashboard')).body
    expect(all.range ?? null).toBeNull()
    expect(sum(all.held.timeHeld)).toBe(8)
    expect(sum(all.held.registeredPerWeek)).toBe(8)

    // captures of the last 30 days: three held; registrations in that window: all eight (today)
    const recent = await analyst.json('GET', `/api/v1/dashboard?from=${daysAgo(30)}&to=${today}`)
    expect(recent.status).toBe(200)
    // drawn from the counts kept with the overview: no person read again
    expect(recent.body.cached).toBe(true)
    expect(recent.body.computedAt).toBe(all.computedAt)
    expect(recent.body.range).toEqual({ from: daysAgo(30), to: today })
    expect(sum(recent.body.held.timeHeld)).toBe(3)
    expect(sum(recent.body.held.registeredPerWeek)).toBe(8)
    expect(recent.body.held.total).toBe(8)
    expect(recent.body.fund).toEqual(all.fund)

    // a window that ends before anyone was registered: no registrations, the older capture only
    const before = await analyst.json('GET', `/api/v1/dashboard?from=${daysAgo(200)}&to=${daysAgo(50)}`)
    expect(before.status).toBe(200)
    expect(sum(before.body.held.registeredPerWeek)).toBe(0)
    expect(sum(before.body.held.timeHeld)).toBe(5)

    // the register takes the same dates, so a week's figure opens the persons it counts
    const listed = async (q: string) => (await analyst.json('GET', `/api/v1/persons?${q}`)).body.items.length
    expect(await listed(`registeredFrom=${today}&registeredTo=${today}`)).toBe(8)
    expect(await listed(`registeredTo=${daysAgo(1)}`)).toBe(0)
    const count = await analyst.json('GET', `/api/v1/persons/count?registeredFrom=${daysAgo(7)}`)
    expect(count.body).toMatchObject({ total: 8 })
    const badDay = await analyst.json('GET', '/api/v1/persons?registeredFrom=31.02.2026')
    expect(badDay.status).toBe(400)
    expect(JSON.stringify(badDay.body)).toContain('registeredFrom')

    // a range leaves the kept overview as it was: the next plain read is the whole register again
    const again = (await analyst.json('GET', '/api/v1/dashboard')).body
    expect(sum(again.held.timeHeld)).toBe(8)
    expect(again.range ?? null).toBeNull()
  })

  it('counts our missing people by month only within the range', async () => {
    const tracer = await t.as('tracer')
    const registrar = await t.as('registrar')
    const r = await registrar.json('POST', '/api/v1/missing', {
      surname: 'Тестенко',
      firstNames: 'Петро',
      lastSeen: { on: daysAgo(40), place: 'near a village (test)' },
      reporter: { name: 'Мати (test)', relation: 'mother', language: 'uk' },
      consent: { use: true },
      source: 'hotline',
    })
    expect(r.status).toBe(201)
    const confirmed = await tracer.json('POST', `/api/v1/missing/${r.body.id}/events`, {
      type: 'captivity_confirmed',
      occurredOn: today,
      source: 'ICRC',
      confidence: 'high',
    })
    expect(confirmed.status).toBe(201)
    const months = async (q: string) =>
      (await tracer.json('GET', `/api/v1/dashboard${q}`)).body.ours.byMonth as {
        captivityConfirmed: number
      }[]
    expect((await months('')).reduce((s, m) => s + m.captivityConfirmed, 0)).toBe(1)
    expect((await months(`?to=${daysAgo(1)}`)).reduce((s, m) => s + m.captivityConfirmed, 0)).toBe(0)
    expect((await months(`?from=${today}`)).reduce((s, m) => s + m.captivityConfirmed, 0)).toBe(1)
  })

  it('refuses a date that is not one, and a range that ends before it starts, naming the field', async () => {
    const analyst = await t.as('analyst')
    const bad = await analyst.json('GET', '/api/v1/dashboard?from=2026-02-31')
    expect(bad.status).toBe(400)
    expect(JSON.stringify(bad.body)).toContain('from')
    const word = await analyst.json('GET', '/api/v1/dashboard?to=yesterday')
    expect(word.status).toBe(400)
    expect(JSON.stringify(word.body)).toContain('to')
    const reversed = await analyst.json('GET', '/api/v1/dashboard?from=2026-03-01&to=2026-02-01')
    expect(reversed.status).toBe(400)
    expect(JSON.stringify(reversed.body)).toMatch(/from.*after/)
    // the overview's export takes the same dates and refuses them the same way
    const csv = await analyst.request(
      'GET',
      `/api/v1/exports/dashboard?format=csv&from=${daysAgo(30)}&to=${today}`,
    )
    expect(csv.status).toBe(200)
    const backwards = await analyst.json(
      'GET',
      '/api/v1/exports/dashboard?format=csv&from=2026-03-01&to=2026-02-01',
    )
    expect(backwards.status).toBe(400)
    expect(JSON.stringify(backwards.body)).toContain('from')
  })
})
