import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { romanizeName } from '../../src/app/romanize'
import { appendAudit } from '../../src/audit/store'
import { SYSTEM_ACTOR } from '../../src/auth/actor'
import { systemClock } from '../../src/core/clock'
import { createWritePipeline } from '../../src/db/write'
import { scenarioMissing } from '../../src/generate/missing'
import { recordReturnsWithin } from '../../src/missing/record-returns'
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

// fictitious persons from the project's generator
const people = [...scenarioMissing({ seed: 30, persons: 4 })]
const [first, second] = people as [Record<string, string>, Record<string, string>]
const report = (p: Record<string, string>, over: Record<string, unknown> = {}) => ({
  surname: p.surname,
  firstNames: p.first_names,
  dateOfBirth: p.date_of_birth,
  unit: p.unit,
  region: p.region,
  lastSeen: { on: '2025-01-10', place: p.last_seen_place },
  reporter: { name: p.reported_by, relation: 'mother', language: 'uk' },
  consent: { use: true },
  source: 'hotline',
  ...over,
})
const event = (type: string, occurredOn: string, over: Record<string, unknown> = {}) => ({
  type,
  occurredOn,
  source: 'ICRC notification',
  confidence: 'high',
  ...over,
})

async function auditOf(id: string) {
  const all = await t.parley.services.audit.listEntries({
    entityType: 'missing_person',
    entityId: id,
    limit: 100,
  })
  return all.reverse()
}

async function register(c: Client, p: Record<string, string>, over: Record<string, unknown> = {}) {
  const res = await c.json('POST', '/api/v1/missing', report(p, over))
  expect(res.status).toBe(201)
  return res.body as { id: string; registerNumber: number }
}

describe('corrections and retractions of a missing person’s events', SLOW, () => {
  it('retracts a wrong death and corrects a date, each kept as a row with its reason, the history folded again and audited', async () => {
    const registrar = await t.as('registrar')
    const tracer = await t.as('tracer')
    const p = await register(registrar, first)
    const events = `/api/v1/missing/${p.id}/events`
    expect((await tracer.json('POST', events, event('captivity_confirmed', '2025-03-01'))).status).toBe(201)
    const died = await tracer.json('POST', events, event('died', '2025-04-01', { source: 'open source' }))
    expect(died.body).toMatchObject({ status: 'dead' })

    const retracted = await tracer.json('POST', `${events}/3/retraction`, {
      reason: 'the video showed another man',
    })
    expect(retracted.status).toBe(201)
    expect(retracted.body).toMatchObject({ status: 'missing', captivity: 'confirmed', eventCount: 2 })

    const corrected = await tracer.json('POST', `${events}/2/correction`, {
      event: event('captivity_confirmed', '2025-02-20'),
      reason: 'wrong date: the notification is of 20 February',
    })
    expect(corrected.status).toBe(201)

    const read = await tracer.json('GET', `/api/v1/missing/${p.id}`)
    expect(
      read.body.events.map((e: Record<string, unknown>) => [e.seq, e.replacedBy ?? null, e.corrects ?? null]),
    ).toEqual([
      [1, null, null],
      [5, null, 2],
      [2, 5, null],
      [3, 4, null],
      [4, null, 3],
    ])
    expect(read.body.events.find((e: { seq: number }) => e.seq === 4)).toMatchObject({
      retracted: true,
      reason: 'the video showed another man',
    })
    const actions = (await auditOf(p.id)).map((e) => e.action)
    expect(actions).toContain('missing.event.retracted')
    expect(actions).toContain('missing.event.corrected')
    const entry = (await auditOf(p.id)).find((e) => e.action === 'missing.event.corrected')!
    expect(entry.before).toMatchObject({ seq: 2, occurredOn: '2025-03-01' })
    expect(entry.after).toMatchObject({
      seq: 5,
      occurredOn: '2025-02-20',
      reason: expect.stringContaining('wrong date'),
    })
  })

  it('refuses a correction that makes the history impossible, naming the event, and changes nothing', async () => {
    const registrar = await t.as('registrar')
    const tracer = await t.as('tracer')
    const p = await register(registrar, first)
    const events = `/api/v1/missing/${p.id}/events`
    await tracer.json('POST', events, event('returned', '2025-06-01', { how: 'exchange' }))
    const late = await tracer.json('POST', `${events}/1/correction`, {
      event: event('reported_missing', '2025-07-01'),
      reason: 'wrong date',
    })
    expect(late.status).toBe(409)
    expect(late.body.detail).toContain('the return of 2025-06-01')
    expect(late.body.details.conflictsWith).toMatchObject({ seq: 2, type: 'returned' })

    const noReason = await tracer.json('POST', `${events}/2/retraction`, { reason: ' ' })
    expect(noReason.status).toBe(400)
    expect(noReason.body.issues[0].path).toBe('reason')
    const onlyReport = await tracer.json('POST', `${events}/1/retraction`, { reason: 'entered in error' })
    expect(onlyReport.status).toBe(409)

    await tracer.json('POST', `${events}/2/retraction`, { reason: 'it was his brother' })
    const again = await tracer.json('POST', `${events}/2/correction`, {
      event: event('returned', '2025-06-02'),
      reason: 'date',
    })
    expect(again.status).toBe(409)
    expect(again.body.detail).toContain('already retracted by event 3')
    expect((await tracer.json('POST', `${events}/9/retraction`, { reason: 'x' })).status).toBe(404)
    const analyst = await t.as('analyst')
    expect((await analyst.json('POST', `${events}/1/retraction`, { reason: 'x' })).status).toBe(403)
    const read = await tracer.json('GET', `/api/v1/missing/${p.id}`)
    expect(read.body.person).toMatchObject({ status: 'missing', eventCount: 1 })
    expect(read.body.events).toHaveLength(3)
  })

  it('moves an event entered on the wrong person to the right record in one write', async () => {
    const registrar = await t.as('registrar')
    const tracer = await t.as('tracer')
    const a = await register(registrar, first)
    const b = await register(registrar, second)
    await tracer.json('POST', `/api/v1/missing/${a.id}/events`, event('captivity_confirmed', '2025-03-01'))
    const moved = await tracer.json('POST', `/api/v1/missing/${a.id}/events/2/retraction`, {
      reason: 'entered on the wrong person',
      moveTo: b.id,
    })
    expect(moved.status).toBe(201)
    expect(moved.body).toMatchObject({ captivity: 'none' })
    const there = await tracer.json('GET', `/api/v1/missing/${b.id}`)
    expect(there.body.person).toMatchObject({ status: 'missing', captivity: 'confirmed' })
    expect(there.body.events[1].details.movedFrom).toEqual({ id: a.id, seq: 2 })
  })
})

describe('merging two records of one person', SLOW, () => {
  it('suggests the duplicate, merges it with every report and event kept with its source, redirects, and undoes the merge', async () => {
    const registrar = await t.as('registrar')
    const tracer = await t.as('tracer')
    const a = await register(registrar, first)
    const b = await register(registrar, first, {
      firstNames: undefined,
      serviceNumber: 'ЗС-123456',
      reporter: { name: first.unit, relation: 'unit', language: 'uk' },
      source: 'unit report',
    })
    await register(registrar, second)
    await tracer.json('POST', `/api/v1/missing/${b.id}/events`, event('captivity_confirmed', '2025-03-01'))

    const dup = await tracer.json('GET', `/api/v1/missing/${a.id}/duplicates`)
    expect(dup.status).toBe(200)
    expect(dup.body.items.map((d: { person: { id: string } }) => d.person.id)).toEqual([b.id])
    expect(dup.body.items[0].evidence).toEqual(['name', 'date_of_birth'])

    expect(
      (await tracer.json('POST', `/api/v1/missing/${a.id}/merge`, { from: b.id, reason: 'x' })).status,
    ).toBe(403)
    const merged = await registrar.json('POST', `/api/v1/missing/${a.id}/merge`, {
      from: b.id,
      reason: 'the unit reported him under a second record',
    })
    expect(merged.status).toBe(200)
    expect(merged.body).toMatchObject({
      status: 'missing',
      captivity: 'confirmed',
      serviceNumber: 'ЗС-123456',
    })

    const kept = await registrar.json('GET', `/api/v1/missing/${a.id}`)
    expect(kept.body.reports.map((r: { source: string }) => r.source)).toEqual(['hotline', 'unit report'])
    expect(kept.body.events.map((e: { type: string; source: string }) => [e.type, e.source])).toEqual([
      ['reported_missing', 'hotline'],
      ['reported_missing', 'unit report'],
      ['captivity_confirmed', 'ICRC notification'],
    ])
    expect(kept.body.merged).toEqual([{ id: b.id, registerNumber: b.registerNumber, surname: first.surname }])
    const pointer = await registrar.json('GET', `/api/v1/missing/${b.id}`)
    expect(pointer.body.person.mergedInto).toBe(a.id)
    const list = await registrar.json('GET', '/api/v1/missing')
    expect(list.body.items.map((x: { id: string }) => x.id)).not.toContain(b.id)
    const onPointer = await tracer.json(
      'POST',
      `/api/v1/missing/${b.id}/events`,
      event('returned', '2025-05-01'),
    )
    expect(onPointer.status).toBe(409)
    expect(onPointer.body.detail).toContain(`merged into record No. ${a.registerNumber}`)
    const self = await registrar.json('POST', `/api/v1/missing/${a.id}/merge`, { from: a.id, reason: 'x' })
    expect(self.status).toBe(409)

    const undone = await registrar.json('POST', `/api/v1/missing/${b.id}/unmerge`)
    expect(undone.status).toBe(200)
    expect(undone.body).toMatchObject({ captivity: 'none', serviceNumber: null })
    const back = await registrar.json('GET', `/api/v1/missing/${b.id}`)
    expect(back.body.person).toMatchObject({ mergedInto: null, captivity: 'confirmed' })
    expect(back.body.reports.map((r: { seq: number; source: string }) => [r.seq, r.source])).toEqual([
      [1, 'unit report'],
    ])
    expect((await registrar.json('GET', '/api/v1/missing')).body.items).toHaveLength(3)
    expect((await auditOf(a.id)).map((e) => e.action)).toEqual(
      expect.arrayContaining(['missing.merge', 'missing.unmerge']),
    )
    expect((await registrar.json('POST', `/api/v1/missing/${b.id}/unmerge`)).status).toBe(409)
  })

  it('refuses a merge whose combined history is impossible, naming the event', async () => {
    const registrar = await t.as('registrar')
    const a = await register(registrar, first)
    const b = await register(registrar, first, { lastSeen: { on: '2025-08-01' }, source: 'letter' })
    await registrar.json('POST', `/api/v1/missing/${a.id}/events`, event('returned', '2025-06-01'))
    const res = await registrar.json('POST', `/api/v1/missing/${a.id}/merge`, {
      from: b.id,
      reason: 'one man',
    })
    expect(res.status).toBe(409)
    expect(res.body.detail).toContain(`of record No. ${b.registerNumber}`)
    expect((await registrar.json('GET', `/api/v1/missing/${b.id}`)).body.person.mergedInto).toBeNull()
  })
})

// a 1×1 PNG
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)

describe('a missing person’s photograph', SLOW, () => {
  it('stores an uploaded image once by its hash, checks its type, and shows it to full readers only', async () => {
    const registrar = await t.as('registrar')
    const p = await register(registrar, first)
    const put = (body: BodyInit, type: string) =>
      t.app.request(`/api/v1/missing/${p.id}/photo`, {
        method: 'PUT',
        headers: { cookie: registrar.cookie, origin: 'http://localhost', 'content-type': type },
        body,
      })
    const res = await put(PNG, 'image/png')
    expect(res.status).toBe(200)
    const { photo } = await res.json()
    expect(photo).toMatch(/^[0-9a-f]{64}$/)
    expect((await (await put(PNG, 'image/png')).json()).photo).toBe(photo)
    const notImage = await put('surname,first_names', 'image/png')
    expect(notImage.status).toBe(400)
    expect((await notImage.json()).issues[0]).toMatchObject({
      path: 'photo',
      message: 'must be a JPEG, PNG or WebP image',
    })
    const lying = await put(PNG, 'image/jpeg')
    expect((await lying.json()).issues[0].message).toContain('image/png, not image/jpeg')

    const img = await registrar.request('GET', `/api/v1/missing/photos/${photo}`)
    expect(img.status).toBe(200)
    expect(img.headers.get('content-type')).toBe('image/png')
    expect(Buffer.from(await img.arrayBuffer()).equals(PNG)).toBe(true)
    const analyst = await t.as('analyst')
    expect((await analyst.request('GET', `/api/v1/missing/photos/${photo}`)).status).toBe(403)
    const count = await t.parley.conn.db
      .selectFrom('missing_photos')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst()
    expect(Number(count?.n)).toBe(1)
    expect((await auditOf(p.id)).filter((e) => e.action === 'missing.photo.set')).toHaveLength(2)
  })
})

describe('returns an exchange could not write', SLOW, () => {
  it('lists them for a tracer with the reason, and settles one once the wrong death is retracted', async () => {
    const registrar = await t.as('registrar')
    const tracer = await t.as('tracer')
    const p = await register(registrar, first)
    await tracer.json('POST', `/api/v1/missing/${p.id}/events`, event('died', '2025-04-01'))
    const db = t.parley.conn.db
    const write = createWritePipeline({ db, audit: { appendAudit }, clock: systemClock })
    const returnee = {
      ref: 'row 7',
      stage: 1,
      surname: first.surname!,
      firstNames: first.first_names!,
      patronymic: '',
      dateOfBirth: first.date_of_birth ?? '',
      serviceNumber: '',
      sex: null,
      rank: '',
      capturedOn: '',
      missingPersonId: p.id,
    }
    const home = await write(async (ctx) => {
      const r = await recordReturnsWithin(
        ctx,
        SYSTEM_ACTOR,
        [returnee],
        { exchangeId: 'x', exchangeName: 'Exchange 12', on: '2025-09-01' },
        romanizeName,
      )
      return { result: r, audit: r.audit }
    })
    expect(home.toReview).toHaveLength(1)

    const list = await tracer.json('GET', '/api/v1/missing/return-reviews')
    expect(list.status).toBe(200)
    expect(list.body.items).toHaveLength(1)
    const review = list.body.items[0]
    expect(review).toMatchObject({
      missingPersonId: p.id,
      exchange: 'Exchange 12',
      returnedOn: '2025-09-01',
      recordStatus: 'dead',
    })
    expect(review.reason).toContain('confirmed dead')

    const resolve = `/api/v1/missing/return-reviews/${review.id}/resolve`
    const still = await tracer.json('POST', resolve, { action: 'record_return' })
    expect(still.status).toBe(409)
    expect(still.body.detail).toContain('the death of 2025-04-01')
    const dismissBare = await tracer.json('POST', resolve, { action: 'dismiss' })
    expect(dismissBare.status).toBe(400)
    expect(dismissBare.body.issues[0].path).toBe('note')

    await tracer.json('POST', `/api/v1/missing/${p.id}/events/2/retraction`, {
      reason: 'the death report was wrong: he came home',
    })
    const done = await tracer.json('POST', resolve, {
      action: 'record_return',
      note: 'checked with the family',
    })
    expect(done.status).toBe(200)
    expect((await tracer.json('GET', `/api/v1/missing/${p.id}`)).body.person.status).toBe('returned')
    expect((await tracer.json('GET', '/api/v1/missing/return-reviews')).body.items).toHaveLength(0)
    expect((await tracer.json('POST', resolve, { action: 'dismiss', note: 'x' })).status).toBe(409)
    const settled = await tracer.json('GET', '/api/v1/missing/return-reviews?state=settled')
    expect(settled.body.items[0]).toMatchObject({ resolution: 'returned', note: 'checked with the family' })
    expect((await auditOf(p.id)).map((e) => e.action)).toContain('missing.return.resolved')
  })
})

describe('the register page’s figures', SLOW, () => {
  it('counts a person whose captivity is confirmed among the missing, until returned', async () => {
    const registrar = await t.as('registrar')
    const a = await register(registrar, first)
    await register(registrar, second)
    await registrar.json('POST', `/api/v1/missing/${a.id}/events`, event('captivity_confirmed', '2025-03-01'))
    const missing = await registrar.json('GET', '/api/v1/missing?status=missing')
    expect(missing.body.items).toHaveLength(2)
    expect(
      (await registrar.json('GET', '/api/v1/missing?status=missing&captivity=confirmed')).body.items,
    ).toHaveLength(1)
    await registrar.json('POST', `/api/v1/missing/${a.id}/events`, event('returned', '2025-06-01'))
    expect((await registrar.json('GET', '/api/v1/missing?status=missing')).body.items).toHaveLength(1)
    expect((await registrar.json('GET', '/api/v1/missing?status=returned')).body.items).toHaveLength(1)
  })
})
