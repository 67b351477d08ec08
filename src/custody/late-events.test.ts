import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildPerson, REGISTRAR } from '../../test/support/factories'
import { createTestDatabase, dropTestTemplate } from '../../test/support/test-db'
import { createAuditService } from '../audit/service'
import * as auditStore from '../audit/store'
import type { Connection } from '../db/connection'
import { createCustodyService } from './service'
import { currentState } from './state'
import * as store from './store'

let conn: Connection
let now = new Date('2026-02-25T10:00:00Z')
const custody = () =>
  createCustodyService({ db: conn.db, store, audit: auditStore, clock: () => now, romanize: (t) => `~${t}` })

beforeEach(async () => {
  conn = await createTestDatabase()
  now = new Date('2026-02-25T10:00:00Z')
})
afterEach(async () => {
  await conn.close()
})
afterAll(dropTestTemplate)

describe('late information', () => {
  it('accepts a transfer dated 1 March after a correction of 10 March, and refuses a death that would make it impossible', async () => {
    const a = await custody().createFacility(REGISTRAR, { name: 'Camp A', kind: 'camp' })
    const b = await custody().createFacility(REGISTRAR, { name: 'Camp B', kind: 'camp' })
    const p = await custody().registerPerson(
      REGISTRAR,
      buildPerson({ capturedOn: '2026-02-20', facilityId: a.id }),
    )
    now = new Date('2026-03-10T09:00:00Z')
    await custody().amendPerson(REGISTRAR, p.id, { changes: { unit: '36th brigade' }, reason: 'ID card' })

    const moved = await custody().recordEvent(REGISTRAR, p.id, {
      type: 'transferred',
      facilityId: b.id,
      occurredOn: '2026-03-01',
    })
    expect(moved).toMatchObject({ status: 'interned', facilityId: b.id, unit: '36th brigade' })
    const history = await custody().listEvents(p.id)
    expect(history.map((e) => [e.type, e.occurredOn])).toEqual([
      ['captured', '2026-02-20'],
      ['registered', '2026-02-25'],
      ['arrived', '2026-02-25'],
      ['transferred', '2026-03-01'],
      ['amended', '2026-03-10'],
    ])

    await expect(
      custody().recordEvent(REGISTRAR, p.id, { type: 'died', occurredOn: '2026-02-27' }),
    ).rejects.toMatchObject({
      code: 'INVALID_TRANSITION',
      message: expect.stringMatching(/death of 2026-02-27 .*the transfer of 2026-03-01/),
    })
    expect(await custody().listEvents(p.id)).toHaveLength(5)
  })

  it('recomputes the cached status from the whole history when a late event lands before later ones', async () => {
    const a = await custody().createFacility(REGISTRAR, { name: 'Camp A', kind: 'camp' })
    const h = await custody().createFacility(REGISTRAR, { name: 'Hospital 3', kind: 'hospital' })
    const p = await custody().registerPerson(
      REGISTRAR,
      buildPerson({ capturedOn: '2026-02-20', facilityId: a.id }),
    )
    now = new Date('2026-03-10T09:00:00Z')
    await custody().recordEvent(REGISTRAR, p.id, {
      type: 'health_bulletin',
      health: 'sick',
      occurredOn: '2026-03-08',
    })
    // learnt late: in hospital from 1 to 5 March, seriously sick
    await custody().recordEvent(REGISTRAR, p.id, {
      type: 'hospitalised',
      facilityId: h.id,
      health: 'seriously_sick',
      occurredOn: '2026-03-01',
    })
    const back = await custody().recordEvent(REGISTRAR, p.id, {
      type: 'discharged',
      occurredOn: '2026-03-05',
    })
    // the bulletin of 8 March is the latest word on health; the discharge put them back in Camp A
    expect(back).toMatchObject({ status: 'interned', facilityId: a.id, health: 'sick' })
    const row = await store.findPerson(conn.db, p.id)
    const folded = currentState(await store.listEventsOf(conn.db, p.id))
    expect({ status: row!.status, facility: row!.facility_id, health: row!.health }).toEqual({
      status: folded.status,
      facility: folded.facilityId,
      health: folded.health,
    })
    expect(await createAuditService({ db: conn.db, audit: auditStore }).verifyChain()).toMatchObject({
      ok: true,
    })
  })
})
