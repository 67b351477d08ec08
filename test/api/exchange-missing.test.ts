import { stringify } from 'csv-stringify/sync'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { romanizeName } from '../../src/app/romanize'
import { insertRound, updateExchange } from '../../src/exchange/store'
import { scenarioMissing } from '../../src/generate/missing'
import type { CreateMissing } from '../../src/missing/model'
import type { Client } from '../support/test-app'
import { createTestApp } from '../support/test-app'
import { dropTestTemplate } from '../support/test-db'

// Generous limits: each test clones a database and signs users in on a machine others share.
const SLOW = { timeout: 300_000 }

let t: Awaited<ReturnType<typeof createTestApp>>
beforeEach(async () => {
  t = await createTestApp()
}, SLOW.timeout)
afterEach(async () => t?.close())
afterAll(dropTestTemplate)

const ADMIN = { id: 'test', name: 'test', role: 'admin' as const }
const today = () => new Date().toISOString().slice(0, 10)
// fictitious persons from the project's generator
const people = [...scenarioMissing({ seed: 1513, persons: 8 })]
type Event = { type: string; source: string; confidence: string; details: Record<string, unknown> }

const report = (p: Record<string, string>, shareOtherSide = false): CreateMissing => ({
  surname: p.surname!,
  firstNames: p.first_names,
  patronymic: p.patronymic,
  dateOfBirth: p.date_of_birth,
  serviceNumber: p.service_number,
  unit: p.unit,
  lastSeen: { on: p.last_seen_on },
  reporter: { name: p.reported_by!, relation: 'mother', language: 'uk' },
  consent: { use: true, shareIcrc: true, shareOtherSide },
  source: 'hotline',
})

/** A missing person in the register; `confirmed` adds the ICRC's confirmation of captivity. */
async function registered(p: Record<string, string>, confirmed: boolean, shareOtherSide = false) {
  const missing = t.parley.services.missing
  const m = await missing.createMissing(ADMIN, report(p, shareOtherSide))
  if (confirmed)
    await missing.recordEvent(ADMIN, m.id, {
      type: 'captivity_confirmed',
      occurredOn: today(),
      source: 'ICRC',
      confidence: 'high',
    })
  return m.id
}

async function newExchange(negotiator: Client, name: string) {
  const created = await negotiator.json('POST', '/api/v1/exchanges', {
    name,
    counterpart: 'the other side',
    terms: { maxSize: 10 },
    stages: [10],
  })
  expect(created.status).toBe(200)
  return created.body.id as string
}

/** Agrees to receive `receive` (refs of the sought list) and starts the handover. */
async function handOver(negotiator: Client, id: string, receive: string[]) {
  const db = t.parley.conn.db
  await insertRound(db, {
    exchangeId: id,
    n: 1,
    kind: 'proposal',
    give: [],
    receive,
    detail: {},
    createdBy: 'test',
  })
  await updateExchange(db, id, { status: 'agreed' })
  const started = await negotiator.json('POST', `/api/v1/exchanges/${id}/handover`)
  expect(started.status).toBe(200)
}

const check = (c: Client, id: string, ref: string, outcome: string) =>
  c.json('POST', `/api/v1/exchanges/${id}/handover/check`, { side: 'receive', ref, outcome })

async function historyOf(c: Client, id: string) {
  const r = await c.json('GET', `/api/v1/missing/${id}`)
  expect(r.status).toBe(200)
  return r.body as { person: { status: string; captivity: string }; events: Event[] }
}

async function missingCounts() {
  const db = t.parley.conn.db
  const [records, events] = await Promise.all([
    db.selectFrom('missing_persons').select(db.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    db.selectFrom('missing_events').select(db.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ])
  return { records: Number(records.n), events: Number(events.n) }
}

describe('exchanges and the missing-persons register', SLOW, () => {
  it('builds the sought list from the confirmed missing and writes their return on completion', async () => {
    const [a, b, c, notConfirmed, home] = people
    const ids = {
      a: await registered(a!, true, true),
      b: await registered(b!, true),
      c: await registered(c!, true),
      notConfirmed: await registered(notConfirmed!, false),
      home: await registered(home!, true),
    }
    const registrar = await t.as('registrar')
    await t.parley.services.missing.recordEvent(ADMIN, ids.home, {
      type: 'returned',
      occurredOn: today(),
      source: 'release',
      confidence: 'high',
    })
    const negotiator = await t.as('negotiator')
    const id = await newExchange(negotiator, 'Обмін 15')
    const built = await negotiator.json('POST', `/api/v1/exchanges/${id}/sought/from-missing`)
    expect(built.status).toBe(200)
    // two reports do not let us name the person to the other side: kept, and flagged for the negotiator
    expect(built.body).toMatchObject({ rows: 3, persons: 3, flaggedRows: 2, duplicateGroups: 0 })
    // the pool keeps each missing record's id: only the confirmed and still missing are in it
    const pool = await t.parley.conn.db
      .selectFrom('exchange_pool')
      .select(['ref', 'attrs'])
      .where('exchange_id', '=', id)
      .where('side', '=', 'receive')
      .execute()
    const linked = new Map(
      pool.map((r) => [(r.attrs as { missingPersonId: string }).missingPersonId, r.ref] as const),
    )
    expect([...linked.keys()].sort()).toEqual([ids.a, ids.b, ids.c].sort())
    const received = await negotiator.json('GET', `/api/v1/exchanges/${id}/received`)
    type ReceivedRow = { ref: string; written: { surname: string }; flags: { code: string }[] }
    const receivedRows = received.body.rows as ReceivedRow[]
    expect(receivedRows.map((r) => r.written.surname).sort()).toEqual(
      [a!.surname, b!.surname, c!.surname].sort(),
    )
    const flagged = receivedRows.filter((r) => r.flags.some((f) => f.code === 'consent_other_side_absent'))
    expect(flagged.map((r) => r.ref).sort()).toEqual([linked.get(ids.b), linked.get(ids.c)].sort())

    await handOver(negotiator, id, [...linked.values()])
    expect((await check(negotiator, id, linked.get(ids.a)!, 'crossed')).status).toBe(200)
    expect((await check(negotiator, id, linked.get(ids.b)!, 'crossed')).status).toBe(200)
    expect((await check(negotiator, id, linked.get(ids.c)!, 'no_show')).status).toBe(200)
    const before = await missingCounts()
    const done = await negotiator.json('POST', `/api/v1/exchanges/${id}/handover/complete`)
    expect(done.status).toBe(200)

    for (const who of [ids.a, ids.b]) {
      const h = await historyOf(registrar, who)
      expect(h.person.status).toBe('returned')
      // captivity stays confirmed beside the return: what was known is not rewritten
      expect(h.person.captivity).toBe('confirmed')
      expect(h.events.at(-1)).toMatchObject({
        type: 'returned',
        confidence: 'high',
        source: `exchange "Обмін 15" of ${today()}, stage 1`,
        details: { how: 'exchange', exchangeId: id, stage: 1 },
      })
    }
    // the one who did not come stays missing, with nothing new in the history
    const stayed = await historyOf(registrar, ids.c)
    expect(stayed.person.status).toBe('missing')
    expect(stayed.events.map((e) => e.type)).toEqual(['reported_missing', 'captivity_confirmed'])
    // two events, no new record: everyone home was the register's
    expect(await missingCounts()).toEqual({ records: before.records, events: before.events + 2 })
    const trail = await t.parley.services.audit.listEntries({
      entityType: 'missing_person',
      entityId: ids.a,
      limit: 20,
    })
    expect(trail.map((e) => e.action)).toContain('missing.event.returned')
    const returnedList = await registrar.json('GET', '/api/v1/missing?status=returned')
    expect(returnedList.body.items.map((p: { id: string }) => p.id).sort()).toEqual(
      [ids.a, ids.b, ids.home].sort(),
    )
  })

  it('finds a returnee of a received list by the name engine and date of birth, and records one unknown', async () => {
    const [known, namesake, stranger] = people.slice(5)
    const knownId = await registered(known!, true)
    // a namesake born on another day is never taken for the person who came home
    const namesakeId = await registered(
      {
        ...namesake!,
        surname: known!.surname!,
        first_names: known!.first_names!,
        date_of_birth: '1961-01-01',
        service_number: '',
      },
      false,
    )
    const negotiator = await t.as('negotiator')
    const id = await newExchange(negotiator, 'Exchange 16')
    // their list writes our person in Latin letters, without the service number
    const csv = stringify([
      ['id', 'surname', 'first_name', 'date_of_birth', 'service_number', 'captured_on'],
      ['1', romanizeName(known!.surname!), romanizeName(known!.first_names!), known!.date_of_birth!, '', ''],
      [
        '2',
        stranger!.surname!,
        stranger!.first_names!,
        stranger!.date_of_birth!,
        stranger!.service_number!,
        stranger!.last_seen_on!,
      ],
    ])
    const upload = await t.app.request(`/api/v1/exchanges/${id}/sought?file_name=ours.csv`, {
      method: 'POST',
      headers: { cookie: negotiator.cookie, origin: 'http://localhost', 'content-type': 'text/csv' },
      body: csv,
    })
    expect(upload.status).toBe(200)
    await handOver(negotiator, id, ['1', '2'])
    for (const ref of ['1', '2']) expect((await check(negotiator, id, ref, 'crossed')).status).toBe(200)
    const before = await missingCounts()
    const done = await negotiator.json('POST', `/api/v1/exchanges/${id}/handover/complete`)
    expect(done.status).toBe(200)

    const registrar = await t.as('registrar')
    const matched = await historyOf(registrar, knownId)
    expect(matched.person.status).toBe('returned')
    expect(matched.events.at(-1)).toMatchObject({ type: 'returned', details: { exchangeId: id, ref: '1' } })
    expect((await historyOf(registrar, namesakeId)).person.status).toBe('missing')
    // the stranger is kept: a record reported missing by the exchange since the capture, and returned
    const rows = await t.parley.conn.db
      .selectFrom('missing_persons')
      .select(['id', 'status', 'service_number'])
      .where('surname', '=', stranger!.surname!)
      .execute()
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ status: 'returned', service_number: stranger!.service_number })
    const created = await registrar.json('GET', `/api/v1/missing/${rows[0]!.id}`)
    expect(created.body.events.map((e: Event) => [e.type, e.source])).toEqual([
      ['reported_missing', `exchange "Exchange 16" of ${today()}, stage 1`],
      ['returned', `exchange "Exchange 16" of ${today()}, stage 1`],
    ])
    expect(created.body.events[0].occurredOn).toBe(stranger!.last_seen_on)
    expect(created.body.reports[0]).toMatchObject({ source: `exchange "Exchange 16" of ${today()}, stage 1` })
    expect(await missingCounts()).toEqual({ records: before.records + 1, events: before.events + 3 })
  })

  it('completes the handover when a record cannot take a return, and leaves that person for a tracer', async () => {
    const [a, b] = people
    const aId = await registered(a!, true)
    const bId = await registered(b!, true)
    const negotiator = await t.as('negotiator')
    const id = await newExchange(negotiator, 'Exchange 17')
    expect((await negotiator.json('POST', `/api/v1/exchanges/${id}/sought/from-missing`)).status).toBe(200)
    const refs = (
      await t.parley.conn.db
        .selectFrom('exchange_pool')
        .select(['ref', 'attrs'])
        .where('exchange_id', '=', id)
        .where('side', '=', 'receive')
        .orderBy('ref')
        .execute()
    ).map((r) => [r.ref, (r.attrs as { missingPersonId: string }).missingPersonId] as const)
    await handOver(
      negotiator,
      id,
      refs.map(([ref]) => ref),
    )
    for (const [ref] of refs) expect((await check(negotiator, id, ref, 'crossed')).status).toBe(200)
    // meanwhile a sure source reported one of them dead: the people have crossed all the same
    await t.parley.services.missing.recordEvent(ADMIN, aId, {
      type: 'died',
      occurredOn: today(),
      source: 'unit',
      confidence: 'high',
    })
    const done = await negotiator.json('POST', `/api/v1/exchanges/${id}/handover/complete`)
    expect(done.status).toBe(200)
    expect((await negotiator.json('GET', `/api/v1/exchanges/${id}`)).body.status).toBe('done')
    const registrar = await t.as('registrar')
    // the record that said dead keeps its history; the other came home
    const aHistory = await historyOf(registrar, aId)
    expect(aHistory.person.status).not.toBe('returned')
    expect(aHistory.events.map((e: { type: string }) => e.type)).not.toContain('returned')
    expect((await historyOf(registrar, bId)).person.status).toBe('returned')
    const review = await t.parley.conn.db
      .selectFrom('audit_log')
      .select(['entity_id', 'after'])
      .where('action', '=', 'missing.return.review')
      .execute()
    expect(review).toHaveLength(1)
    expect(review[0]!.entity_id).toBe(aId)
    expect(JSON.stringify(review[0]!.after)).toContain(a!.surname)
    const summary = await t.parley.conn.db
      .selectFrom('audit_log')
      .select('after')
      .where('action', '=', 'exchange.done')
      .where('entity_id', '=', id)
      .executeTakeFirstOrThrow()
    expect(JSON.stringify(summary.after)).toContain(a!.surname)
  })
})
