import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { generatePersons } from '../../src/generate'
import { REGISTRAR } from '../support/factories'
import { createTestApp } from '../support/test-app'
import { dropTestTemplate } from '../support/test-db'

let t: Awaited<ReturnType<typeof createTestApp>>
beforeEach(async () => {
  t = await createTestApp()
})
afterEach(() => t.close())
afterAll(dropTestTemplate)

const today = () => new Date().toISOString().slice(0, 10)
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10)
const [first, second, third] = [...generatePersons({ seed: 1601, count: 3, nationality: 'RU' })]

async function camp(name: string, kind: 'camp' | 'hospital' = 'camp') {
  return t.parley.services.custody.createFacility(REGISTRAR, { name, kind })
}

/** A prisoner (or civilian) from the generator, captured today and taken to `facilityId`. */
async function register(
  p: NonNullable<typeof first>,
  facilityId: string,
  category: 'prisoner_of_war' | 'civilian_internee' = 'prisoner_of_war',
) {
  return t.parley.services.custody.registerPerson(REGISTRAR, {
    category,
    surname: p.surname,
    firstNames: p.givenName,
    patronymic: p.patronymic,
    rank: category === 'prisoner_of_war' ? p.rank : undefined,
    serviceNumber: category === 'prisoner_of_war' ? p.serviceNumber : undefined,
    dateOfBirth: p.dateOfBirth,
    capturedOn: today(),
    capturePlace: p.capture.place,
    facilityId,
  })
}

const auditCount = async () =>
  Number(
    (
      await t.parley.conn.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

describe('/api/v1/notices', () => {
  it('a capture recorded today: a capture card due in 7 days, its PDF names the prisoner in Cyrillic', async () => {
    const c = await camp('Табір 1')
    const person = await register(first!, c.id)
    const liaison = await t.as('liaison')
    const before = await auditCount()
    const list = await liaison.json('GET', `/api/v1/notices?person=${person.id}`)
    expect(list.status).toBe(200)
    expect(await auditCount()).toBe(before + 1)
    const cards = list.body.items.filter((n: { kind: string }) => n.kind === 'capture_card')
    expect(cards).toHaveLength(1)
    expect(cards[0]).toMatchObject({
      article: 'GC III Art. 70, Annex IV B',
      dueOn: inDays(7),
      overdueDays: -7,
      state: 'due',
      recipient: 'agency',
    })
    expect(list.body.items.map((n: { article: string }) => n.article)).toContain('GC III Art. 122')

    const dir = mkdtempSync(path.join(tmpdir(), 'parley-card-'))
    try {
      for (const lang of ['uk', 'ru', 'en']) {
        const res = await liaison.request('GET', `/api/v1/notices/${cards[0].id}/card.pdf?lang=${lang}`)
        expect(res.status).toBe(200)
        expect(res.headers.get('content-type')).toBe('application/pdf')
        const file = path.join(dir, `${lang}.pdf`)
        writeFileSync(file, Buffer.from(await res.arrayBuffer()))
        const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
        expect(text).toContain(first!.surname)
        expect(text).toContain(first!.givenName)
        expect(text).toContain('Табір 1')
        expect(text).toContain('GC III Art. 70, Annex IV B')
      }
      const uk = execFileSync('pdftotext', [path.join(dir, 'uk.pdf'), '-'], { encoding: 'utf8' })
      expect(uk).toContain('Картка полоненого')
      // the liaison does not see the family particulars, on paper either
      expect(uk).toContain('не показано цій ролі')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 120_000)

  it('a transfer supersedes nothing and adds a card; a death yields a death notice', async () => {
    const [a, b] = [await camp('Табір 1'), await camp('Табір 2')]
    const person = await register(first!, a.id)
    const custody = t.parley.services.custody
    await custody.recordEvent(REGISTRAR, person.id, {
      type: 'transferred',
      facilityId: b.id,
      occurredOn: today(),
    })
    const liaison = await t.as('liaison')
    let items = (await liaison.json('GET', `/api/v1/notices?person=${person.id}`)).body.items
    expect(items.filter((n: { kind: string }) => n.kind === 'capture_card')).toHaveLength(2)
    expect(items.some((n: { state: string }) => n.state === 'superseded')).toBe(false)
    expect(
      items.find(
        (n: { kind: string; event: { type: string } }) =>
          n.event.type === 'transferred' && n.kind === 'notification',
      ),
    ).toBeTruthy()

    await custody.recordEvent(REGISTRAR, person.id, {
      type: 'died',
      occurredOn: today(),
      cause: 'осколкове поранення',
    })
    items = (await liaison.json('GET', `/api/v1/notices?person=${person.id}`)).body.items
    expect(items.filter((n: { kind: string }) => n.kind === 'death_notice')).toMatchObject([
      { article: 'GC III Art. 120, Annex IV D', state: 'due', dueOn: inDays(7) },
    ])
    const notice = items.find((n: { kind: string }) => n.kind === 'death_notice')
    const pdf = await liaison.request('GET', `/api/v1/notices/${notice.id}/card.pdf?lang=uk`)
    expect(pdf.status).toBe(200)
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'parley-death-')), 'death.pdf')
    writeFileSync(file, Buffer.from(await pdf.arrayBuffer()))
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })
    rmSync(path.dirname(file), { recursive: true, force: true })
    for (const words of ['Повідомлення про смерть', 'осколкове поранення', first!.surname, 'Табір 2'])
      expect(text).toContain(words)
    // a notification has no printed form of its own
    const other = items.find((n: { kind: string }) => n.kind === 'notification')
    expect((await liaison.request('GET', `/api/v1/notices/${other.id}/card.pdf`)).status).toBe(400)
  }, 120_000)

  it('a correction supersedes the pending notices and makes them due again, keeping their deadline', async () => {
    const c = await camp('Табір 1')
    const person = await register(first!, c.id)
    const liaison = await t.as('liaison')
    const before = (await liaison.json('GET', `/api/v1/notices?person=${person.id}`)).body.items
    await t.parley.services.custody.amendPerson(REGISTRAR, person.id, {
      changes: { placeOfBirth: second!.placeOfBirth },
      reason: 'misread at registration',
    })
    const after = (await liaison.json('GET', `/api/v1/notices?person=${person.id}`)).body.items
    expect(after.filter((n: { state: string }) => n.state === 'superseded')).toHaveLength(before.length)
    const due = after.filter((n: { state: string }) => n.state === 'due')
    expect(due).toHaveLength(before.length)
    expect(due.map((n: { supersedes: string }) => n.supersedes).sort()).toEqual(
      before.map((n: { id: string }) => n.id).sort(),
    )
    // the deadline stays where the Convention put it
    expect(due.map((n: { dueOn: string }) => n.dueOn).sort()).toEqual(
      before.map((n: { dueOn: string }) => n.dueOn).sort(),
    )
  }, 120_000)

  it('walks a batch through prepared, sent and acknowledged; each step once', async () => {
    const c = await camp('Табір 1')
    await register(first!, c.id)
    await register(second!, c.id)
    const liaison = await t.as('liaison')
    const batch = await liaison.json('POST', '/api/v1/notices/batches', { recipient: 'agency' })
    expect(batch.status).toBe(201)
    expect(batch.body).toMatchObject({ state: 'prepared', recipient: 'agency', count: 4 })
    const id = batch.body.id
    expect((await liaison.json('GET', '/api/v1/notices?state=due')).body.items).toHaveLength(0)

    const early = await liaison.json('POST', `/api/v1/notices/batches/${id}/acknowledged`, { on: today() })
    expect(early.status).toBe(409)
    const noHow = await liaison.json('POST', `/api/v1/notices/batches/${id}/sent`, { on: today() })
    expect(noHow.status).toBe(400)
    expect(JSON.stringify(noHow.body.issues)).toContain('how')

    const sent = await liaison.json('POST', `/api/v1/notices/batches/${id}/sent`, {
      on: today(),
      how: 'CTA portal',
      reference: 'UA-NIB-2026-0001',
    })
    expect(sent.status).toBe(200)
    expect(sent.body.sent).toMatchObject({ how: 'CTA portal', reference: 'UA-NIB-2026-0001' })
    expect(
      (await liaison.json('POST', `/api/v1/notices/batches/${id}/sent`, { on: today(), how: 'again' }))
        .status,
    ).toBe(409)
    const ack = await liaison.json('POST', `/api/v1/notices/batches/${id}/acknowledged`, {
      on: today(),
      note: 'CTA ref 77',
    })
    expect(ack.status).toBe(200)
    const read = await liaison.json('GET', `/api/v1/notices/batches/${id}`)
    expect(read.body.state).toBe('acknowledged')
    expect(
      read.body.notices.every(
        (n: { state: string; overdueDays: null }) => n.state === 'acknowledged' && n.overdueDays === null,
      ),
    ).toBe(true)
  }, 120_000)

  it("Art. 137: a marked civilian's notices never join a batch to the Power; the refusal changes nothing", async () => {
    const c = await camp('Табір 1')
    const civilian = await register(third!, c.id, 'civilian_internee')
    const soldier = await register(first!, c.id)
    const liaison = await t.as('liaison')
    const pow = await liaison.json('PUT', `/api/v1/notices/persons/${soldier.id}/withhold`, {
      reason: 'family at risk',
    })
    expect(pow.status).toBe(400)
    const mark = await liaison.json('PUT', `/api/v1/notices/persons/${civilian.id}/withhold`, {
      reason: 'family at risk',
    })
    expect(mark.status).toBe(200)
    expect(mark.body.notices).toBe(2)
    const items = (await liaison.json('GET', `/api/v1/notices?person=${civilian.id}`)).body.items
    expect(items.map((n: { article: string }) => n.article).sort()).toEqual([
      'GC IV Art. 106, Annex III',
      'GC IV Arts 136-138',
    ])
    expect(items.every((n: { withheldFromPower: boolean }) => n.withheldFromPower)).toBe(true)

    const before = await auditCount()
    const refused = await liaison.json('POST', '/api/v1/notices/batches', {
      recipient: 'power',
      noticeIds: items.map((n: { id: string }) => n.id),
    })
    expect(refused.status).toBe(400)
    expect(refused.body.issues[0].path).toBe('noticeIds.0')
    expect(refused.body.issues[0].message).toContain('GC IV Art. 137')
    expect(await auditCount()).toBe(before)
    expect((await liaison.json('GET', '/api/v1/notices?state=due')).body.items).toHaveLength(4)
    // nothing is due to the Power at all: a batch of "everything due" to it is refused too
    expect((await liaison.json('POST', '/api/v1/notices/batches', { recipient: 'power' })).status).toBe(400)
    // to the Agency they go, flagged
    const batch = await liaison.json('POST', '/api/v1/notices/batches', { recipient: 'agency' })
    expect(batch.body.count).toBe(4)
  }, 120_000)

  it('roles: the liaison and admin work the queue; a registrar, negotiator or analyst may not read it', async () => {
    const c = await camp('Табір 1')
    await register(first!, c.id)
    for (const role of ['registrar', 'negotiator', 'analyst'] as const) {
      const client = await t.as(role)
      expect((await client.json('GET', '/api/v1/notices')).status).toBe(403)
      expect((await client.json('POST', '/api/v1/notices/batches', { recipient: 'agency' })).status).toBe(403)
    }
    const admin = await t.as('admin')
    expect((await admin.json('GET', '/api/v1/notices')).body.items).toHaveLength(2)
    expect((await t.client().json('GET', '/api/v1/notices')).status).toBe(401)
    expect((await admin.json('GET', '/api/v1/notices?state=late')).status).toBe(400)
  }, 120_000)
})
