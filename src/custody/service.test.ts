import { sql } from 'kysely'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildPerson, REGISTRAR } from '../../test/support/factories'
import { createTestDatabase, dropTestTemplate } from '../../test/support/test-db'
import { createAuditService } from '../audit/service'
import * as auditStore from '../audit/store'
import type { Connection } from '../db/connection'
import { createCustodyService } from './service'
import * as store from './store'

let conn: Connection
const clock = () => new Date('2026-11-01T10:00:00Z')
const custody = () =>
  createCustodyService({ db: conn.db, store, audit: auditStore, clock, romanize: (t) => `~${t}` })
const audit = () => createAuditService({ db: conn.db, audit: auditStore })

beforeEach(async () => {
  conn = await createTestDatabase()
})
afterEach(async () => {
  await conn.close()
})
afterAll(dropTestTemplate)

describe('registerPerson', () => {
  it('registers a person with captured and registered events and an audit entry', async () => {
    const p = await custody().registerPerson(REGISTRAR, buildPerson())
    expect(p).toMatchObject({
      status: 'captured',
      art17Complete: true,
      nameScript: 'cyrillic',
      surnameLatin: '~Коваленко',
    })
    const events = await custody().listEvents(p.id)
    expect(events.map((e) => e.type)).toEqual(['captured', 'registered'])
    const trail = await audit().listEntries({ entityId: p.id, limit: 10 })
    expect(trail.map((e) => e.action)).toEqual(['person.register'])
  })

  it('keeps a year-only date of birth as given and marks the Art. 17 minimum incomplete', async () => {
    const p = await custody().registerPerson(REGISTRAR, buildPerson({ dateOfBirth: '1990' }))
    expect(p.dateOfBirth).toBe('1990')
    expect(p.art17Complete).toBe(false)
  })

  it('refuses an impossible date of birth, naming the field, and stores nothing', async () => {
    await expect(
      custody().registerPerson(REGISTRAR, buildPerson({ dateOfBirth: '31.02.1999' })),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      issues: [{ path: 'dateOfBirth', message: '31.02.1999 is not a date' }],
    })
    const count = await conn.db
      .selectFrom('persons')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow()
    expect(Number(count.n)).toBe(0)
  })
})

describe('registerCapture', () => {
  it('registers a whole group capture in one transaction', async () => {
    const camp = await custody().createFacility(REGISTRAR, { name: 'Camp 1', kind: 'camp', capacity: 500 })
    const persons = Array.from({ length: 102 }, (_, i) => buildPerson({ surname: `Петренко${i}` }))
    const result = await custody().registerCapture(REGISTRAR, {
      capturedOn: '2026-10-20',
      place: 'Vovchansk',
      source: 'unit report',
      facilityId: camp.id,
      persons,
    })
    expect(result.capture.personCount).toBe(102)
    expect(result.persons.every((p) => p.status === 'interned' && p.facilityId === camp.id)).toBe(true)
  })

  it('refuses the whole capture when one person is invalid', async () => {
    const persons = [buildPerson(), buildPerson({ surname: '' })]
    await expect(
      custody().registerCapture(REGISTRAR, {
        capturedOn: '2026-10-20',
        place: 'X',
        source: 'report',
        persons,
      }),
    ).rejects.toMatchObject({
      issues: [{ path: 'persons.1.surname' }],
    })
    expect((await custody().listCaptures()).length).toBe(0)
  })
})

describe('recordEvent', () => {
  it('records a transfer and derives the new facility', async () => {
    const a = await custody().createFacility(REGISTRAR, { name: 'Camp A', kind: 'camp' })
    const b = await custody().createFacility(REGISTRAR, { name: 'Camp B', kind: 'camp' })
    const p = await custody().registerPerson(REGISTRAR, buildPerson({ facilityId: a.id }))
    const moved = await custody().recordEvent(REGISTRAR, p.id, {
      type: 'transferred',
      facilityId: b.id,
      occurredOn: '2026-11-01',
    })
    expect(moved).toMatchObject({ status: 'interned', facilityId: b.id, version: 2 })
  })

  it('refuses a transfer after death and leaves the history as it was', async () => {
    const a = await custody().createFacility(REGISTRAR, { name: 'Camp A', kind: 'camp' })
    const p = await custody().registerPerson(REGISTRAR, buildPerson())
    await custody().recordEvent(REGISTRAR, p.id, { type: 'died', occurredOn: '2026-11-01' })
    await expect(
      custody().recordEvent(REGISTRAR, p.id, {
        type: 'transferred',
        facilityId: a.id,
        occurredOn: '2026-11-01',
      }),
    ).rejects.toMatchObject({ code: 'INVALID_TRANSITION' })
    expect((await custody().listEvents(p.id)).map((e) => e.type)).toEqual(['captured', 'registered', 'died'])
  })

  it('refuses hospitalisation in a facility that is not a hospital', async () => {
    const a = await custody().createFacility(REGISTRAR, { name: 'Camp A', kind: 'camp' })
    const p = await custody().registerPerson(REGISTRAR, buildPerson())
    await expect(
      custody().recordEvent(REGISTRAR, p.id, {
        type: 'hospitalised',
        facilityId: a.id,
        occurredOn: '2026-11-01',
      }),
    ).rejects.toThrow(/not a hospital/)
  })
})

describe('amendPerson', () => {
  it('corrects particulars with a reason and audits before and after', async () => {
    const p = await custody().registerPerson(REGISTRAR, buildPerson({ rank: undefined }))
    const amended = await custody().amendPerson(REGISTRAR, p.id, {
      changes: { rank: 'lieutenant' },
      reason: 'identity card seen',
    })
    expect(amended.rank).toBe('lieutenant')
    const [entry] = await audit().listEntries({ entityId: p.id, action: 'person.amend', limit: 1 })
    expect(entry).toMatchObject({
      before: { rank: null },
      after: { rank: 'lieutenant', reason: 'identity card seen' },
    })
  })

  it('refuses a stale version', async () => {
    const p = await custody().registerPerson(REGISTRAR, buildPerson())
    await custody().amendPerson(REGISTRAR, p.id, { changes: { unit: '1st' }, reason: 'r' })
    await expect(
      custody().amendPerson(REGISTRAR, p.id, { changes: { unit: '2nd' }, reason: 'r', expectedVersion: 1 }),
    ).rejects.toMatchObject({ code: 'CONFLICT' })
  })
})

describe('audit chain', () => {
  it('verifies after many writes and reads', async () => {
    const p = await custody().registerPerson(REGISTRAR, buildPerson())
    await custody().getPerson(REGISTRAR, p.id)
    await custody().amendPerson(REGISTRAR, p.id, { changes: { unit: '1st' }, reason: 'r' })
    expect(await audit().verifyChain()).toEqual({ ok: true, checked: 3 })
  })

  it('names the first entry altered by hand in SQL', async () => {
    for (let i = 0; i < 3; i++) await custody().registerPerson(REGISTRAR, buildPerson())
    // The table refuses UPDATE through a trigger; an attacker with superuser rights can bypass it.
    await conn.db.connection().execute(async (c) => {
      await sql`set session_replication_role = replica`.execute(c)
      await sql`update audit_log set actor_name = 'someone else' where seq = 2`.execute(c)
      await sql`set session_replication_role = default`.execute(c)
    })
    expect(await audit().verifyChain()).toMatchObject({ ok: false, firstBadSeq: 2, checked: 1 })
  })

  it('refuses UPDATE and DELETE on the audit table', async () => {
    await custody().registerPerson(REGISTRAR, buildPerson())
    await expect(sql`delete from audit_log`.execute(conn.db)).rejects.toThrow(/append-only/)
  })
})
