import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Actor } from '../../src/auth/actor'
import type { RegisterCapture } from '../../src/custody/model'
import { computeFigures, createDashboardService, restAfterRefresh } from '../../src/dashboard/service'
import { ineligibleReason } from '../../src/exchange/eligibility'
import { getExchange } from '../../src/exchange/store'
import { candidatesOf } from '../../src/exchange/use-cases/candidates'
import { generatePersons } from '../../src/generate'
import { createTestApp } from '../support/test-app'
import { dropTestTemplate } from '../support/test-db'

// Generous limits: each test clones a database on a machine others share.
const SLOW = { timeout: 300_000 }
const ACTOR: Actor = { id: 'u-test', name: 'Test Negotiator', role: 'negotiator' }

let t: Awaited<ReturnType<typeof createTestApp>>
beforeEach(async () => {
  t = await createTestApp()
}, SLOW.timeout)
afterEach(async () => t?.close())
afterAll(dropTestTemplate)

const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString().slice(0, 10)
let seed = 40

/** `count` generator-made persons captured 50 days ago, held at a camp. */
async function capture(count: number, facilityId: string) {
  const people = [...generatePersons({ seed: seed++, count, nationality: 'RU' })]
  const { persons } = await t.parley.services.custody.registerCapture(ACTOR, {
    capturedOn: daysAgo(50),
    place: 'near a village (test)',
    source: 'unit report',
    facilityId,
    persons: people.map((p) => ({
      category: 'prisoner_of_war',
      confirmation: 'confirmed',
      surname: p.surname,
      firstNames: p.givenName,
      sex: 'male',
      rank: p.rank,
      serviceNumber: p.serviceNumber,
      dateOfBirth: '1980-01-01',
    })) as RegisterCapture['persons'],
  })
  return persons.map((p) => p.id)
}

/** The figures without what differs between two computations of the same data. */
const figuresOf = (d: Record<string, unknown>) => {
  const { computedAt: _at, cached: _c, reported: _r, ...rest } = d
  return rest
}

describe('the kept dashboard figures', SLOW, () => {
  it('equal a rebuild from scratch after writes made while they were refreshed, and after a restart', async () => {
    const { custody } = t.parley.services
    const { db } = t.parley.conn
    const camp = await custody.createFacility(ACTOR, { name: 'Camp S (test)', kind: 'camp', capacity: 50 })
    await capture(3, camp.id)
    const dashboard = createDashboardService({ db, clock: () => new Date(), ttlSeconds: 3600 })
    await dashboard.refresh()
    // writes and refreshes at once: every refresh is one snapshot, none half of a capture
    const writes = Promise.all([capture(4, camp.id), capture(5, camp.id)])
    const refreshes = Promise.all([dashboard.figures(), dashboard.refresh(), dashboard.figures()])
    const [, seen] = await Promise.all([writes, refreshes])
    for (const d of seen) expect([3, 7, 8, 12]).toContain(d.held.total)
    await dashboard.settled()
    // the writes went through the pipeline: the next read starts a refresh behind the kept figures
    await dashboard.figures()
    await dashboard.settled()
    const kept = await dashboard.figures()
    expect(kept.cached).toBe(true)
    expect(kept.held.total).toBe(12)
    const scratch = (await computeFigures(db, () => new Date(), 3600)).computed
    expect(figuresOf(kept)).toEqual(figuresOf(scratch))
    // a restarted server (nothing in memory) answers at once from the stored figures, then rebuilds
    const restarted = createDashboardService({ db, clock: () => new Date(), ttlSeconds: 3600 })
    const first = await restarted.figures()
    expect(first.cached).toBe(true)
    expect(figuresOf(first)).toEqual(figuresOf(scratch))
    await restarted.settled()
    expect(figuresOf(await restarted.figures())).toEqual(figuresOf(scratch))
  })

  it('never put an older computation back over a newer one', async () => {
    const { db } = t.parley.conn
    const camp = await t.parley.services.custody.createFacility(ACTOR, {
      name: 'Camp O (test)',
      kind: 'camp',
      capacity: 50,
    })
    await capture(2, camp.id)
    const at = (iso: string) => () => new Date(iso)
    const later = createDashboardService({ db, clock: at('2026-11-30T10:00:00Z') })
    const earlier = createDashboardService({ db, clock: at('2026-11-30T09:00:00Z') })
    await later.refresh()
    const value = await earlier.refresh()
    // the earlier computation finished last, and found the later one stored
    expect(value.computedAt).toBe('2026-11-30T10:00:00.000Z')
  })

  it('are not computed again in the rest after a long computation, however stale', async () => {
    expect(restAfterRefresh(900)).toBe(0)
    expect(restAfterRefresh(12_000)).toBe(120_000)
    const { db } = t.parley.conn
    const camp = await t.parley.services.custody.createFacility(ACTOR, {
      name: 'Camp R (test)',
      kind: 'camp',
      capacity: 50,
    })
    await capture(2, camp.id)
    // the kept figures are always too old here; one service rests an hour after each computation
    const resting = createDashboardService({
      db,
      clock: () => new Date(),
      ttlSeconds: 0,
      restAfterRefresh: () => 3_600_000,
    })
    const eager = createDashboardService({
      db,
      clock: () => new Date(),
      ttlSeconds: 0,
      restAfterRefresh: () => 0,
    })
    await Promise.all([resting.refresh(), eager.refresh()])
    await capture(3, camp.id)
    for (const dashboard of [resting, eager]) {
      await dashboard.figures()
      await dashboard.settled()
    }
    expect((await resting.figures()).held.total).toBe(2)
    expect((await eager.figures()).held.total).toBe(5)
    // figures always too old start a refresh at every read: it ends before the database closes
    await Promise.all([resting.settled(), eager.settled()])
  })
})

describe('the exchange fund on the dashboard', SLOW, () => {
  it("counts a person who refused for a planned exchange as a refusal, by the exchange's own rule", async () => {
    const { custody, exchanges } = t.parley.services
    const camp = await custody.createFacility(ACTOR, { name: 'Camp F (test)', kind: 'camp', capacity: 50 })
    const ids = await capture(4, camp.id)
    for (const id of ids)
      await custody.recordEvent(ACTOR, id, { type: 'consent_given', occurredOn: daysAgo(5) } as never)
    const planned = await exchanges.createExchange(ACTOR, {
      name: 'Exchange F (test)',
      counterpart: 'The other side',
    })
    // #1 refused when asked for this exchange; #2's consent was not confirmed for it
    await exchanges.annotateGive(ACTOR, planned.id, [
      { personId: ids[0], refusedRepatriation: true },
      { personId: ids[1], consent: false },
    ])
    const cancelled = await exchanges.createExchange(ACTOR, {
      name: 'Exchange C (test)',
      counterpart: 'The other side',
    })
    // a note of an exchange called off keeps no one back
    await exchanges.annotateGive(ACTOR, cancelled.id, [{ personId: ids[2], refusedRepatriation: true }])
    await exchanges.setStatus(ACTOR, cancelled.id, 'cancelled', { reason: 'test' })
    const d = await t.parley.services.dashboard.figures({ fresh: true })
    expect(d.fund).toMatchObject({ refused: 1, consent: 2, proceedings: 0, eligible: 2 })
    // the same persons as the exchange's own rule sees them: #1 and #2 cannot go, #3 and #4 can
    const row = await getExchange(t.parley.conn.db, planned.id)
    const { candidates } = await candidatesOf(t.parley.conn.db, row!, daysAgo(0))
    const eligible = candidates.filter(
      (c) => c.side === 'give' && ineligibleReason(c, row!.terms as never) === null,
    )
    expect(eligible.map((c) => c.id).sort()).toEqual([ids[2], ids[3]].sort())
    expect(candidates.filter((c) => c.refusedRepatriation).map((c) => c.id)).toEqual([ids[0]])
  })
})
