import { stringify } from 'csv-stringify/sync'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createAuditService } from '../../src/audit/service'
import * as auditStore from '../../src/audit/store'
import { createCustodyService } from '../../src/custody/service'
import { currentState } from '../../src/custody/state'
import * as custodyStore from '../../src/custody/store'
import { buildPerson } from '../support/factories'
import { type Client, createTestApp } from '../support/test-app'
import { dropTestTemplate } from '../support/test-db'

/**
 * Many writers at once on a few shared persons and two exchanges: events (many of them late),
 * corrections, multi-person writes, handover check-offs and completion, counter-list rounds. On
 * PostgreSQL 8 writers x 200 writes; PGlite has one session, so fewer writers there.
 */
const onServer = !!process.env.DATABASE_URL
const WRITERS = onServer ? 8 : 2
const WRITES = onServer ? 200 : 25

let t: Awaited<ReturnType<typeof createTestApp>>
beforeEach(async () => {
  t = await createTestApp()
}, 300_000)
afterEach(async () => t?.close())
afterAll(dropTestTemplate)

const ADMIN = { id: 'test', name: 'test', role: 'admin' as const }
const HEALTH = ['good', 'sick', 'seriously_sick', 'slightly_wounded', 'recovered'] as const

/** A deterministic generator, so a failing run can be read again. */
function random(seed: number) {
  let s = seed >>> 0
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0
    return s / 2 ** 32
  }
}

describe('concurrent writes', () => {
  it(`${WRITERS} writers x ${WRITES} mixed writes: no 5xx, every accepted write kept, chain intact, cache = fold`, async () => {
    const db = t.parley.conn.db
    // registered in January, so that events through the year can arrive late and in any order
    const january = createCustodyService({
      db,
      store: custodyStore,
      audit: auditStore,
      clock: () => new Date('2026-01-12T08:00:00Z'),
      romanize: (x) => x,
    })
    const camps: string[] = []
    for (const name of ['Camp A', 'Camp B', 'Camp C'])
      camps.push((await january.createFacility(ADMIN, { name, kind: 'camp' })).id)
    const hospital = (await january.createFacility(ADMIN, { name: 'Hospital 1', kind: 'hospital' })).id
    const persons: string[] = []
    for (let i = 0; i < 6; i++)
      persons.push(
        (
          await january.registerPerson(
            ADMIN,
            buildPerson({ surname: `Шевчук${i}`, capturedOn: '2026-01-10', facilityId: camps[0] }),
          )
        ).id,
      )
    const exchanges = t.parley.services.exchanges
    // the rounds' exchange: already proposed, so counter-lists race for round numbers
    const rounds = await exchanges.createExchange(ADMIN, { name: 'Exchange R', counterpart: 'them' })
    await db.updateTable('exchanges').set({ status: 'proposed' }).where('id', '=', rounds.id).execute()
    // the handover's exchange: agreed on two of the shared persons
    const swap = await exchanges.createExchange(ADMIN, { name: 'Exchange H', counterpart: 'them' })
    await db
      .insertInto('exchange_rounds')
      .values({
        exchange_id: swap.id,
        n: 1,
        kind: 'proposal',
        give: JSON.stringify(persons.slice(0, 2)),
        receive: JSON.stringify(['their-1', 'their-2']),
        detail: '{}',
        created_by: 'test',
      })
      .execute()
    await db.updateTable('exchanges').set({ status: 'agreed' }).where('id', '=', swap.id).execute()
    await exchanges.startHandover(ADMIN, swap.id)
    const checklist: { side: string; ref: string }[] = [
      ...persons.slice(0, 2).map((ref) => ({ side: 'give', ref })),
      { side: 'receive', ref: 'their-1' },
      { side: 'receive', ref: 'their-2' },
    ]
    const counterCsv = stringify([
      ['side', 'surname', 'first_name', 'date_of_birth'],
      ['give', 'Шевчук3', 'Тарас', '1994-03-12'],
      ['receive', 'Невідомий', 'Іван', '1990-01-01'],
    ])

    const clients: Client[] = []
    for (let w = 0; w < WRITERS; w++) clients.push(await t.as('admin'))
    const failures: string[] = []
    const accepted = { events: [] as { personId: string; note: string }[], amends: [] as string[] }
    const counts = { checks: 0, counters: 0, completes: 0, total: 0, conflicts: 0, refused: 0 }
    const roundNumbers: number[] = []

    async function writer(w: number) {
      const rnd = random(1000 + w)
      const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!
      const c = clients[w]!
      const day = () => {
        const d = new Date(Date.UTC(2026, 1, 1) + Math.floor(rnd() * 240) * 86_400_000)
        return d.toISOString().slice(0, 10)
      }
      for (let i = 0; i < WRITES; i++) {
        const note = `w${w}-${i}`
        const r = rnd()
        let status: number
        let what: string
        if (r < 0.35) {
          const personId = pick(persons)
          const kind = rnd()
          const event =
            kind < 0.45
              ? { type: 'transferred', facilityId: pick(camps) }
              : kind < 0.75
                ? { type: 'health_bulletin', health: pick(HEALTH) }
                : kind < 0.9
                  ? { type: 'hospitalised', facilityId: hospital }
                  : { type: 'discharged' }
          what = `event ${event.type} of ${personId}`
          const res = await c.request('POST', `/api/v1/persons/${personId}/events`, {
            ...event,
            occurredOn: day(),
            note,
          })
          status = res.status
          await res.body?.cancel()
          if (status === 200) accepted.events.push({ personId, note })
        } else if (r < 0.55) {
          const personId = pick(persons)
          what = `correction of ${personId}`
          const res = await c.request('PATCH', `/api/v1/persons/${personId}`, {
            changes: { unit: `unit ${note}` },
            reason: note,
          })
          status = res.status
          await res.body?.cancel()
          if (status === 200) accepted.amends.push(note)
        } else if (r < 0.65) {
          // several persons in one write, in an order of their own: the pipeline sorts the locks
          const chosen = [pick(persons), pick(persons), pick(persons)]
          what = `bulletins of ${chosen.join(', ')}`
          try {
            await t.parley.services.custody.recordEvents(
              ADMIN,
              chosen.map((personId, k) => ({
                personId,
                event: {
                  type: 'health_bulletin',
                  health: pick(HEALTH),
                  occurredOn: day(),
                  note: `${note}.${k}`,
                },
              })),
            )
            status = 200
            chosen.forEach((personId, k) => {
              accepted.events.push({ personId, note: `${note}.${k}` })
            })
          } catch (e) {
            const code = (e as { code?: string }).code
            status = code === 'CONFLICT' || code === 'INVALID_TRANSITION' ? 409 : code ? 400 : 500
            if (status === 500) failures.push(`${what}: ${(e as Error).message}`)
          }
        } else if (r < 0.85) {
          const row = pick(checklist)
          what = `check-off of ${row.ref}`
          const res = await c.request('POST', `/api/v1/exchanges/${swap.id}/handover/check`, {
            ...row,
            outcome: pick(['crossed', 'crossed', 'no_show', 'refused'] as const),
          })
          status = res.status
          await res.body?.cancel()
          if (status === 200) counts.checks += 1
        } else if (r < 0.95) {
          what = 'counter-list'
          const res = await t.app.request(`/api/v1/exchanges/${rounds.id}/counter`, {
            method: 'POST',
            headers: { cookie: c.cookie, origin: 'http://localhost', 'content-type': 'text/csv' },
            body: counterCsv,
          })
          status = res.status
          const body = await res.json()
          if (status === 200) {
            counts.counters += 1
            roundNumbers.push(body.round)
          }
        } else {
          what = 'handover completion'
          const res = await c.request('POST', `/api/v1/exchanges/${swap.id}/handover/complete`)
          status = res.status
          await res.body?.cancel()
          if (status === 200) counts.completes += 1
        }
        counts.total += 1
        if (status >= 500) failures.push(`${what}: ${status}`)
        else if (status === 409) counts.conflicts += 1
        else if (status !== 200) counts.refused += 1
      }
    }

    await Promise.all(clients.map((_, w) => writer(w)))

    expect(failures).toEqual([])
    expect(counts.total).toBe(WRITERS * WRITES)
    // every accepted event and correction is in its person's history
    const notes = new Set<string>()
    const reasons = new Set<string>()
    for (const personId of persons) {
      const history = await custodyStore.listEventsOf(db, personId)
      for (const e of history) {
        if (typeof e.details.note === 'string') notes.add(`${personId} ${e.details.note}`)
        if (e.type === 'amended') reasons.add(String(e.details.reason))
      }
      // the cached state is the fold of the whole ordered history
      const folded = currentState(history)
      const row = await custodyStore.findPerson(db, personId)
      expect({ status: row!.status, facility: row!.facility_id, health: row!.health }).toEqual({
        status: folded.status,
        facility: folded.facilityId,
        health: folded.health,
      })
      expect(row!.event_count).toBe(history.length)
    }
    for (const e of accepted.events) expect(notes.has(`${e.personId} ${e.note}`)).toBe(true)
    for (const reason of accepted.amends) expect(reasons.has(reason)).toBe(true)
    // the rounds are numbered 1..n without a gap or a repeat, one per accepted counter-list
    expect([...roundNumbers].sort((a, b) => a - b)).toEqual(
      Array.from({ length: counts.counters }, (_, k) => k + 1),
    )
    const audit = createAuditService({ db, audit: auditStore })
    const checks = await db
      .selectFrom('audit_log')
      .select('seq')
      .where('entity_id', '=', swap.id)
      .where('action', '=', 'exchange.handover.check')
      .execute()
    expect(checks).toHaveLength(counts.checks)
    expect(counts.completes).toBeLessThanOrEqual(1)
    expect(await audit.verifyChain()).toMatchObject({ ok: true })
    console.log(`concurrency: ${JSON.stringify(counts)}`)
  }, 900_000)
})
