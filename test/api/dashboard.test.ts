import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Actor } from '../../src/auth/actor'
import type { RegisterCapture } from '../../src/custody/model'
import { computeFigures } from '../../src/dashboard/service'
import { generatePersons } from '../../src/generate'
import { scenarioMissing } from '../../src/generate/missing'
import type { CreateMissing } from '../../src/missing/model'
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

/**
 * A small register with known counts, made from the project's generator (fictitious persons):
 * ten persons captured 100 days ago into Camp A (capacity 20), the first two women, the third a
 * civilian internee; one more an unconfirmed report. Then: #4 hospitalised seriously wounded in
 * the hospital, #5 died, #6 released; consent from #1, #2, #7, #8; #8 refuses repatriation after
 * (Art. 109); #7 is under proceedings.
 */
async function smallRegister() {
  const { custody } = t.parley.services
  const camp = await custody.createFacility(ACTOR, { name: 'Camp A (test)', kind: 'camp', capacity: 20 })
  const hospital = await custody.createFacility(ACTOR, {
    name: 'Hospital (test)',
    kind: 'hospital',
    capacity: 5,
  })
  const people = [...generatePersons({ seed: 18, count: 11, nationality: 'RU' })]
  const persons = people.map((p, i) => ({
    category: i === 2 ? 'civilian_internee' : 'prisoner_of_war',
    confirmation: i === 10 ? 'unconfirmed' : 'confirmed',
    surname: p.surname,
    firstNames: p.givenName,
    sex: i < 2 ? 'female' : 'male',
    rank: p.rank,
    serviceNumber: p.serviceNumber,
    dateOfBirth: '1980-01-01',
  })) as RegisterCapture['persons']
  const { persons: held } = await custody.registerCapture(ACTOR, {
    capturedOn: daysAgo(100),
    place: 'near a village (test)',
    source: 'unit report',
    facilityId: camp.id,
    persons,
  })
  const id = (i: number) => held[i]!.id
  const event = (i: number, e: Record<string, unknown>) =>
    custody.recordEvent(ACTOR, id(i), { occurredOn: today, ...e } as never)
  await event(3, { type: 'hospitalised', facilityId: hospital.id, health: 'seriously_wounded' })
  await event(4, { type: 'died', cause: 'wounds' })
  await event(5, { type: 'released' })
  for (const i of [0, 1, 6, 7]) await event(i, { type: 'consent_given', occurredOn: daysAgo(10) })
  await event(7, { type: 'refused_repatriation', heardBy: 'ICRC interview' })
  await event(6, { type: 'proceedings_opened', reference: 'case 1' })
  return { camp, hospital, held }
}

/**
 * The small register and 150 more persons over several pages of the persons table: five captures,
 * from 5 to 800 days ago, every third a woman, some seriously sick, some consenting.
 */
async function widerRegister() {
  const { camp } = await smallRegister()
  const { custody } = t.parley.services
  const people = [...generatePersons({ seed: 1918, count: 150, nationality: 'RU' })]
  for (const [k, days] of [5, 50, 200, 400, 800].entries()) {
    const { persons } = await custody.registerCapture(ACTOR, {
      capturedOn: daysAgo(days),
      place: 'near a village (test)',
      source: 'unit report',
      facilityId: camp.id,
      persons: people.slice(k * 30, k * 30 + 30).map((p, i) => ({
        category: 'prisoner_of_war',
        confirmation: 'confirmed',
        surname: p.surname,
        firstNames: p.givenName,
        sex: i % 3 === 0 ? 'female' : 'male',
        rank: p.rank,
        serviceNumber: p.serviceNumber,
        dateOfBirth: i % 4 === 0 ? '2004-05-01' : '1985-01-01',
        health: i % 7 === 0 ? 'seriously_sick' : undefined,
      })) as RegisterCapture['persons'],
    })
    for (const p of persons.slice(0, 10))
      await custody.recordEvent(ACTOR, p.id, { type: 'consent_given', occurredOn: today } as never)
  }
}

const missingReport = (p: Record<string, string>): CreateMissing =>
  ({
    surname: p.surname,
    firstNames: p.first_names,
    lastSeen: { on: p.last_seen_on, place: p.last_seen_place },
    reporter: { name: p.reported_by, relation: 'mother', language: 'uk' },
    consent: { use: true },
    source: 'hotline',
  }) as CreateMissing

describe('the dashboard', SLOW, () => {
  it('counts a small register exactly: held by status, category, facility, health, sex, time held, the fund', async () => {
    const { camp, hospital } = await smallRegister()
    const analyst = await t.as('analyst')
    const res = await analyst.json('GET', '/api/v1/dashboard')
    expect(res.status).toBe(200)
    const d = res.body
    expect(d.computedAt).toMatch(/^\d{4}-\d\d-\d\dT/)
    // 10 confirmed: 7 interned at the camp, 1 hospitalised, 1 dead, 1 released
    expect(d.held.total).toBe(8)
    expect(d.held.unconfirmed).toBe(1)
    const map = (xs: { key: string; n: number }[]) => Object.fromEntries(xs.map((x) => [x.key, x.n]))
    expect(map(d.held.byStatus)).toEqual({ interned: 7, hospitalised: 1, died: 1, released: 1 })
    expect(map(d.held.byCategory)).toEqual({ prisoner_of_war: 7, civilian_internee: 1 })
    expect(map(d.held.bySex)).toEqual({ male: 6, female: 2 })
    expect(d.held.seriouslyWoundedOrSick).toBe(1)
    const load = Object.fromEntries(
      d.held.byFacility.map((f: { id: string; occupancy: number; capacity: number }) => [
        f.id,
        [f.occupancy, f.capacity],
      ]),
    )
    expect(load).toEqual({ [camp.id]: [7, 20], [hospital.id]: [1, 5] })
    expect(map(d.held.timeHeld)).toMatchObject({ d90_180: 8, under_30d: 0 })
    expect(d.held.registeredPerWeek.reduce((s: number, w: { n: number }) => s + w.n, 0)).toBe(10)
    // the fund: consent #1 #2 #7 #8; #8 refused after consenting, #7 under proceedings
    expect(d.fund).toMatchObject({ consent: 3, refused: 1, proceedings: 1, eligible: 2 })
    const group = (g: string) => d.fund.groups.find((x: { group: string }) => x.group === g)
    expect(group('seriously_wounded_or_sick')).toMatchObject({ held: 1, eligible: 0 })
    expect(group('woman')).toMatchObject({ held: 2, consent: 2, eligible: 2 })
    expect(d.exchanges).toMatchObject({ done: 0, planned: 0, given: 0, received: 0 })
  })

  it('puts the longest-held quarter in its group as percentile_disc(0.75) of the days held picks it', async () => {
    const { custody } = t.parley.services
    const camp = await custody.createFacility(ACTOR, { name: 'Camp B (test)', kind: 'camp', capacity: 20 })
    // nine persons held 10, 20, ... 80 days and one woman 80 days: the 7th of 9 by days held is 70
    const people = [...generatePersons({ seed: 1864, count: 9, nationality: 'RU' })]
    const days = [10, 20, 30, 40, 50, 60, 70, 80, 80]
    for (const [i, p] of people.entries())
      await custody.registerCapture(ACTOR, {
        capturedOn: daysAgo(days[i]!),
        place: 'near a village (test)',
        source: 'unit report',
        facilityId: camp.id,
        persons: [
          {
            category: 'prisoner_of_war',
            confirmation: 'confirmed',
            surname: p.surname,
            firstNames: p.givenName,
            sex: i === 8 ? 'female' : 'male',
            rank: p.rank,
            serviceNumber: p.serviceNumber,
            dateOfBirth: '1970-01-01',
          },
        ] as RegisterCapture['persons'],
      })
    const d = (await (await t.as('analyst')).json('GET', '/api/v1/dashboard?fresh=true')).body
    const group = (g: string) => d.fund.groups.find((x: { group: string }) => x.group === g)?.held
    expect(group('woman')).toBe(1)
    // held 70 and 80 days (the woman of 80 days counts among the women)
    expect(group('longest_held')).toBe(2)
    expect(group('other')).toBe(6)
    const map = (xs: { key: string; n: number }[]) => Object.fromEntries(xs.map((x) => [x.key, x.n]))
    expect(map(d.held.timeHeld)).toMatchObject({ under_30d: 2, d30_90: 7 })
  })

  it('reads the register slice by slice to the same figures, whatever the slice, one snapshot or many', async () => {
    await widerRegister()
    const db = t.parley.conn.db
    const clock = () => new Date('2026-11-30T12:00:00Z')
    const whole = (await computeFigures(db, clock, 60)).computed
    expect(whole.held.total).toBe(8 + 150)
    expect(whole.held.timeHeld.reduce((s, b) => s + b.n, 0)).toBe(8 + 150)
    let slices = 0
    for (const opts of [{ slicePages: 1 }, { slicePages: 2 }, { slicePages: 1, oneSnapshot: true }]) {
      const sliced = await computeFigures(db, clock, 60, { ...opts, onSlice: (_, of) => (slices = of) })
      expect(sliced.computed, JSON.stringify(opts)).toEqual(whole)
    }
    expect(slices).toBeGreaterThanOrEqual(3)
  })

  it('lets other queries run between the slices of a computation (PGlite has one session)', async () => {
    await widerRegister()
    const db = t.parley.conn.db
    const order: string[] = []
    let reading: Promise<unknown> | undefined
    // asked once the first slice is read: answered before the last is read
    const read = () =>
      db
        .selectFrom('persons')
        .select((eb) => eb.fn.countAll().as('n'))
        .execute()
        .then(() => order.push('reader'))
    await computeFigures(db, () => new Date(), 60, {
      slicePages: 1,
      onSlice: (done, of) => {
        order.push(done === of ? 'last slice' : 'slice')
        if (done === 1) reading = read()
      },
    })
    await reading
    expect(order.length).toBeGreaterThanOrEqual(4)
    expect(order.at(-1)).toBe('last slice')
    expect(order.indexOf('reader')).toBeLessThan(order.length - 1)
  })

  it('counts our missing people by captivity and by month, and notices overdue', async () => {
    const tracer = await t.as('tracer')
    const registrar = await t.as('registrar')
    const ids: string[] = []
    for (const p of scenarioMissing({ seed: 18, persons: 4 })) {
      const r = await registrar.json('POST', '/api/v1/missing', missingReport(p))
      expect(r.status).toBe(201)
      ids.push(r.body.id)
    }
    const ev = (id: string, type: string) =>
      tracer.json('POST', `/api/v1/missing/${id}/events`, {
        type,
        occurredOn: today,
        source: 'ICRC',
        confidence: 'high',
      })
    expect((await ev(ids[0]!, 'captivity_confirmed')).status).toBe(201)
    expect((await ev(ids[1]!, 'captivity_indicated')).status).toBe(201)
    expect((await ev(ids[2]!, 'returned')).status).toBe(201)
    const d = (await tracer.json('GET', '/api/v1/dashboard')).body
    expect(d.ours).toMatchObject({
      missing: 3,
      captivityConfirmed: 1,
      captivityIndicated: 1,
      returned: 1,
      dead: 0,
    })
    const month = d.ours.byMonth.find((m: { month: string }) => m.month === today.slice(0, 7))
    expect(month).toMatchObject({ captivityConfirmed: 1, captivityIndicated: 1, returned: 1 })
    expect(d.notices).toMatchObject({ overdue: 0 })
    expect(d.enquiries).toEqual({ open: 0, overdue: 0 })
  })

  it('answers from the kept figures with the time they were computed, refreshed behind a write', async () => {
    const registrar = await t.as('registrar')
    const first = (await registrar.json('GET', '/api/v1/dashboard')).body
    expect(first.cached).toBe(false)
    const again = (await registrar.json('GET', '/api/v1/dashboard')).body
    expect(again.cached).toBe(true)
    expect(again.computedAt).toBe(first.computedAt)
    await smallRegister()
    // the reader is not kept waiting: the figures as last computed, a refresh started behind them
    const behind = (await registrar.json('GET', '/api/v1/dashboard')).body
    expect(behind.cached).toBe(true)
    expect(behind.held.total).toBe(0)
    await t.parley.services.dashboard.settled()
    const after = (await registrar.json('GET', '/api/v1/dashboard')).body
    expect(after.held.total).toBe(8)
    const fresh = (await registrar.json('GET', '/api/v1/dashboard?fresh=true')).body
    expect(fresh.cached).toBe(false)
  })

  it('is read by the roles that read aggregates; the ICRC liaison and a stranger are refused', async () => {
    for (const role of ['registrar', 'tracer', 'analyst', 'negotiator', 'auditor'] as const)
      expect((await (await t.as(role)).json('GET', '/api/v1/dashboard')).status).toBe(200)
    const liaison = await t.as('liaison')
    const refused = await liaison.json('GET', '/api/v1/dashboard')
    expect(refused.status).toBe(403)
    expect(refused.body.detail).toContain('dashboard.read')
    expect((await t.client().json('GET', '/api/v1/dashboard')).status).toBe(401)
  })
})
