import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openParley, type Parley } from '../../src/app/container'
import { loadConfig } from '../../src/core/config'
import { generatePersons } from '../../src/generate'
import { REGISTRAR } from '../support/factories'
import { TEST_PASSWORD_COST } from '../support/test-app'
import { createTestDatabase, dropTestTemplate, testDataDir } from '../support/test-db'

// Parley on a clock the test moves: the deadlines, the weekly bulletins and the stamps follow it
let now = new Date('2026-03-02T09:00:00Z')
let parley: Parley
beforeEach(async () => {
  now = new Date('2026-03-02T09:00:00Z')
  const config = loadConfig({ NODE_ENV: 'test', PARLEY_LOG_LEVEL: 'silent', PARLEY_DATA_DIR: testDataDir() })
  parley = await openParley(config, {
    connection: await createTestDatabase(),
    clock: () => now,
    passwordCost: TEST_PASSWORD_COST,
  })
}, 120_000)
afterEach(() => parley.close())
afterAll(dropTestTemplate)

const LIAISON = { id: 'l', name: 'Test liaison', role: 'liaison' as const }
const [held] = [...generatePersons({ seed: 1621, count: 1, nationality: 'RU' })]

async function registered() {
  const { custody } = parley.services
  const camp = await custody.createFacility(REGISTRAR, { name: 'Табір 1', kind: 'camp' })
  const hospital = await custody.createFacility(REGISTRAR, { name: 'Шпиталь 1', kind: 'hospital' })
  const person = await custody.registerPerson(REGISTRAR, {
    category: 'prisoner_of_war',
    surname: held!.surname,
    firstNames: held!.givenName,
    rank: held!.rank,
    serviceNumber: held!.serviceNumber,
    dateOfBirth: held!.dateOfBirth,
    capturedOn: '2026-03-01',
    facilityId: camp.id,
  })
  return { person, camp, hospital }
}

const noticesOf = (personId: string) => parley.services.notices.list({ personId }, 1000)

describe('notices on the injected clock', () => {
  it('are stamped with the clock, not the wall clock; the capture card is due a week from arrival', async () => {
    const { person } = await registered()
    const rows = await parley.conn.db
      .selectFrom('notices')
      .selectAll()
      .where('person_id', '=', person.id)
      .execute()
    expect(rows.map((r) => new Date(r.created_at).toISOString())).toEqual([
      now.toISOString(),
      now.toISOString(),
    ])
    expect(rows.find((r) => r.kind === 'capture_card')?.due_on).toBe('2026-03-09')
    const overdue = await parley.services.notices.list({ overdue: true }, 100)
    expect(overdue).toHaveLength(0)
    now = new Date('2026-03-20T09:00:00Z')
    // the same notices, seen on the 20th: overdue by the clock (Art. 122 counted from the capture on the 1st)
    expect((await parley.services.notices.list({ overdue: true }, 100)).map((n) => n.overdueDays)).toEqual([
      12, 11,
    ])
  }, 120_000)

  it('weekly health bulletins repeat while seriously wounded and stop at recovery, even one recorded late', async () => {
    const { person, hospital } = await registered()
    const { custody, notices } = parley.services
    await custody.recordEvent(REGISTRAR, person.id, {
      type: 'hospitalised',
      facilityId: hospital.id,
      health: 'seriously_wounded',
      occurredOn: '2026-03-02',
    })
    const reports = async () =>
      (await noticesOf(person.id))
        .filter((n) => n.kind === 'health_report' && n.state !== 'superseded')
        .map((n) => [n.event.type, n.event.occurredOn, n.dueOn, n.article])
    expect(await reports()).toEqual([['hospitalised', '2026-03-02', '2026-03-09', 'GC III Art. 122']])

    now = new Date('2026-03-24T09:00:00Z')
    expect(await notices.weeklyBulletins()).toEqual({ persons: 1, added: 3, withdrawn: 0 })
    expect(await notices.weeklyBulletins()).toEqual({ persons: 1, added: 0, withdrawn: 0 })
    expect(await reports()).toEqual([
      ['hospitalised', '2026-03-02', '2026-03-09', 'GC III Art. 122'],
      ['weekly', '2026-03-09', '2026-03-16', 'GC III Art. 122'],
      ['weekly', '2026-03-16', '2026-03-23', 'GC III Art. 122'],
      ['weekly', '2026-03-23', '2026-03-30', 'GC III Art. 122'],
    ])

    // the recovery on the 12th, recorded late: the weeks after it were never owed
    await custody.recordEvent(REGISTRAR, person.id, {
      type: 'discharged',
      health: 'recovered',
      occurredOn: '2026-03-12',
    })
    expect(await reports()).toEqual([
      ['hospitalised', '2026-03-02', '2026-03-09', 'GC III Art. 122'],
      ['weekly', '2026-03-09', '2026-03-16', 'GC III Art. 122'],
    ])
    now = new Date('2026-05-01T09:00:00Z')
    expect(await notices.weeklyBulletins()).toMatchObject({ persons: 0, added: 0 })
    expect(await reports()).toHaveLength(2)
  }, 120_000)

  it('a correction after sending supersedes the sent card and notification, and a new one names each', async () => {
    const { person, camp } = await registered()
    const { custody, notices } = parley.services
    const batch = await notices.prepareBatch(LIAISON, { recipient: 'agency' })
    await notices.markSent(LIAISON, batch.id, { on: '2026-03-02', how: 'CTA portal' })
    const sent = await noticesOf(person.id)
    expect(sent.map((n) => n.state)).toEqual(['sent', 'sent'])

    now = new Date('2026-03-10T09:00:00Z')
    await custody.amendPerson(REGISTRAR, person.id, {
      changes: { placeOfBirth: 'Суми' },
      reason: 'misread at registration',
    })
    const after = await noticesOf(person.id)
    const old = after.filter((n) => sent.some((s) => s.id === n.id))
    // still known as sent in their batch, but superseded by the corrected ones
    expect(old.map((n) => [n.state, n.batchId])).toEqual([
      ['superseded', batch.id],
      ['superseded', batch.id],
    ])
    const fresh = after.filter((n) => n.state === 'due')
    expect(fresh.map((n) => n.supersedes).sort()).toEqual(sent.map((n) => n.id).sort())
    // due within the rule's time from the correction, not from the long-met first deadline
    expect(fresh.map((n) => [n.kind, n.dueOn]).sort()).toEqual([
      ['capture_card', '2026-03-17'],
      ['notification', '2026-03-17'],
    ])
    // a later correction before those are sent replaces them in place: nothing sent is re-issued twice
    await custody.amendPerson(REGISTRAR, person.id, {
      changes: { placeOfBirth: 'Суми, Сумська обл.' },
      reason: 'typo',
    })
    const again = (await noticesOf(person.id)).filter((n) => n.state === 'due')
    expect(again).toHaveLength(2)
    expect(again.map((n) => n.supersedes).sort()).toEqual(fresh.map((n) => n.id).sort())
    expect(again.map((n) => n.dueOn)).toEqual(['2026-03-17', '2026-03-17'])
    expect(camp.name).toBe('Табір 1')
  }, 120_000)

  it('a correction before sending replaces the prepared notice in its batch', async () => {
    const { person } = await registered()
    const { custody, notices } = parley.services
    const batch = await notices.prepareBatch(LIAISON, { recipient: 'agency' })
    const prepared = await noticesOf(person.id)
    await custody.amendPerson(REGISTRAR, person.id, { changes: { placeOfBirth: 'Суми' }, reason: 'misread' })
    const inBatch = (await notices.getBatch(batch.id)).notices
    expect(inBatch).toHaveLength(2)
    expect(inBatch.map((n) => n.state)).toEqual(['prepared', 'prepared'])
    expect(inBatch.map((n) => n.supersedes).sort()).toEqual(prepared.map((n) => n.id).sort())
    expect(inBatch.map((n) => n.dueOn)).toEqual(prepared.map((n) => n.dueOn))
    const old = (await noticesOf(person.id)).filter((n) => n.state === 'superseded')
    expect(old.map((n) => n.batchId)).toEqual([null, null])
    // sent, the batch carries the corrected ones only
    await notices.markSent(LIAISON, batch.id, { on: '2026-03-02', how: 'CTA portal' })
    expect((await noticesOf(person.id)).map((n) => n.state).sort()).toEqual([
      'sent',
      'sent',
      'superseded',
      'superseded',
    ])
  }, 120_000)
})
