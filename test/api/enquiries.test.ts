import { stringify } from 'csv-stringify/sync'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { romanizeName } from '../../src/app/romanize'
import * as auditStore from '../../src/audit/store'
import { createEnquiryService } from '../../src/enquiries/service'
import { generatePersons } from '../../src/generate'
import { patronymicOf } from '../../src/generate/forms'
import { createMissingService } from '../../src/missing/service'
import type { Client } from '../support/test-app'
import { createTestApp } from '../support/test-app'
import { dropTestTemplate } from '../support/test-db'

// Generous limits: each test clones a database and signs users in on a machine others share.
const SLOW = { timeout: 300_000 }
const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10)

let t: Awaited<ReturnType<typeof createTestApp>>
beforeEach(async () => {
  t = await createTestApp()
}, SLOW.timeout)
afterEach(async () => t?.close())
afterAll(dropTestTemplate)

// fictitious Ukrainian soldiers from the project's generator; men, whose Russian surname form is
// the list's spelling as written
const people = [...generatePersons({ seed: 15, count: 40, nationality: 'UA' })].filter(
  (p) => p.sex === 'male',
)
const sought = people.find((p) => p.forms.surname.ru !== p.surname && p.forms.givenName.ru !== p.givenName)!
const other = people.find((p) => p !== sought)!

const aboutNew = (p = sought, over: Record<string, unknown> = {}) => ({
  channel: 'phone',
  enquirer: { name: 'Марія Тестова', relation: 'мати', contact: '+380 00 0000002', language: 'uk' },
  consent: { use: true, shareIcrc: true, givenOn: '2025-03-01' },
  receivedOn: '2025-03-01',
  person: {
    surname: p.surname,
    firstNames: p.givenName,
    patronymic: p.patronymic,
    dateOfBirth: p.dateOfBirth,
  },
  ...over,
})

async function uploadList(c: Client, name: string, rows: string[][]) {
  const res = await t.app.request(
    `/api/v1/lists?${new URLSearchParams({ name, file_name: `${name}.csv` })}`,
    {
      method: 'POST',
      headers: { cookie: c.cookie, origin: 'http://localhost', 'content-type': 'text/csv' },
      body: stringify(rows),
    },
  )
  expect(res.status).toBe(201)
  return res.json()
}

const countMissing = async () =>
  Number(
    (
      await t.parley.conn.db
        .selectFrom('missing_persons')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

async function actionsOf(type: string, id: string) {
  const all = await t.parley.services.audit.listEntries({ entityType: type, entityId: id, limit: 100 })
  return all.map((e) => e.action).reverse()
}

describe('family enquiries', SLOW, () => {
  it('takes an enquiry about someone not yet in the register: the record is made, the enquirer its reporter', async () => {
    const tracer = await t.as('tracer')
    const taken = await tracer.json('POST', '/api/v1/enquiries', aboutNew())
    expect(taken.status).toBe(201)
    expect(taken.body).toMatchObject({
      number: 1,
      channel: 'phone',
      state: 'open',
      enquirer: { name: 'Марія Тестова', language: 'uk' },
      sought: { surname: sought.surname, status: 'missing' },
    })
    expect(taken.body.searchedAt).toBeTruthy()
    const record = await tracer.json('GET', `/api/v1/missing/${taken.body.sought.id}`)
    expect(record.body.reports).toMatchObject([
      {
        reporter: { name: 'Марія Тестова', relation: 'мати' },
        source: 'enquiry by phone',
        consent: { use: true },
      },
    ])
    expect(await actionsOf('missing_person', taken.body.sought.id)).toEqual([
      'missing.register',
      'missing.read',
    ])
    expect(await actionsOf('enquiry', taken.body.id)).toEqual(['enquiry.take', 'enquiry.search'])
  })

  it('links an enquiry about a person already in the register, and lists it on that person', async () => {
    const tracer = await t.as('tracer')
    const first = await tracer.json('POST', '/api/v1/enquiries', aboutNew())
    const before = await countMissing()
    const second = await tracer.json('POST', '/api/v1/enquiries', {
      channel: 'letter',
      enquirer: { name: 'Петро Тестовий', relation: 'брат', language: 'en' },
      missingPersonId: first.body.sought.id,
    })
    expect(second.status).toBe(201)
    expect(second.body.sought.id).toBe(first.body.sought.id)
    expect(await countMissing()).toBe(before)
    const his = await tracer.json('GET', `/api/v1/enquiries?missingPersonId=${first.body.sought.id}`)
    expect(his.body.items.map((e: { number: number }) => e.number).sort()).toEqual([1, 2])
  })

  it('refuses bad input naming the field, and changes nothing', async () => {
    const tracer = await t.as('tracer')
    const before = await countMissing()
    const noName = await tracer.json(
      'POST',
      '/api/v1/enquiries',
      aboutNew(sought, { person: { surname: '' } }),
    )
    expect(noName.status).toBe(400)
    expect(noName.body.issues.map((i: { path: string }) => i.path)).toContain('person.surname')
    const nobody = await tracer.json('POST', '/api/v1/enquiries', {
      ...aboutNew(),
      person: undefined,
      missingPersonId: '00000000-0000-4000-8000-000000000000',
    })
    expect(nobody.status).toBe(400)
    expect(nobody.body.issues).toEqual([expect.objectContaining({ path: 'missingPersonId' })])
    const future = await tracer.json('POST', '/api/v1/enquiries', aboutNew(sought, { receivedOn: tomorrow }))
    expect(future.status).toBe(400)
    expect(future.body.issues[0]).toMatchObject({
      path: 'receivedOn',
      message: expect.stringContaining('future'),
    })
    const channel = await tracer.json('POST', '/api/v1/enquiries', aboutNew(sought, { channel: 'pigeon' }))
    expect(channel.body.issues[0].path).toBe('channel')
    expect(await countMissing()).toBe(before)
    const list = await tracer.json('GET', '/api/v1/enquiries')
    expect(list.body.items).toEqual([])
  })

  it('finds a Russian-spelled entry of a stored list as a candidate, with the evidence of each field', async () => {
    const analyst = await t.as('analyst')
    const ru = [
      sought.forms.surname.ru,
      sought.forms.givenName.ru,
      patronymicOf(sought.forms.father.ru, 'ru', 'male'),
    ]
    const dob = sought.dateOfBirth.split('-').reverse().join('.')
    await uploadList(analyst, 'Список ICRC', [
      ['id', 'фамилия', 'имя', 'отчество', 'дата_рождения'],
      ['17', ...ru, dob],
      ['18', other.forms.surname.ru, other.forms.givenName.ru, '', other.dateOfBirth],
    ])
    const tracer = await t.as('tracer')
    const taken = await tracer.json('POST', '/api/v1/enquiries', aboutNew())
    const fromList = taken.body.candidates.filter((c: { source: string }) => c.source === 'list')
    expect(fromList).toHaveLength(1)
    expect(fromList[0]).toMatchObject({ label: ru.join(' '), decision: 'pending' })
    expect(fromList[0].probability).toBeGreaterThan(0.9)
    const levels = Object.fromEntries(
      fromList[0].evidence.fields.map((f: { field: string; level: string }) => [f.field, f.level]),
    )
    expect(levels).toMatchObject({
      surname: 'same name (key or other-language form)',
      date_of_birth: 'same date',
    })
    expect(['equivalent name', 'same name key']).toContain(levels.given_name)

    const decided = await tracer.json('POST', `/api/v1/enquiries/${taken.body.id}/decisions`, {
      source: 'list',
      ref: fromList[0].ref,
      decision: 'confirmed',
      note: 'the same person',
    })
    expect(decided.status).toBe(200)
    expect(decided.body.candidates.find((c: { ref: string }) => c.ref === fromList[0].ref).decision).toBe(
      'confirmed',
    )
    const unknown = await tracer.json('POST', `/api/v1/enquiries/${taken.body.id}/decisions`, {
      source: 'custody',
      ref: 'nobody',
      decision: 'rejected',
    })
    expect(unknown.status).toBe(404)
    expect(unknown.body.detail).toContain('enquiry 1 has no candidate custody nobody')
    expect(await actionsOf('enquiry', taken.body.id)).toEqual([
      'enquiry.take',
      'enquiry.search',
      'enquiry.candidate.confirm',
    ])

    // a confirmed list entry: the draft says captivity is indicated, in the enquirer's language
    const drafted = await tracer.json('POST', `/api/v1/enquiries/${taken.body.id}/replies`, {})
    expect(drafted.body.replies[0].language).toBe('uk')
    expect(drafted.body.replies[0].body).toContain('Є ознаки того')
  })

  it('marks candidates stale when a list arrives after the search, and searches again', async () => {
    const tracer = await t.as('tracer')
    const taken = await tracer.json('POST', '/api/v1/enquiries', aboutNew())
    expect(taken.body.stale).toBe(false)
    const analyst = await t.as('analyst')
    await uploadList(analyst, 'later', [
      ['id', 'фамилия', 'имя', 'дата_рождения'],
      ['1', sought.forms.surname.ru, sought.forms.givenName.ru, sought.dateOfBirth],
    ])
    const page = await tracer.json('GET', '/api/v1/enquiries')
    expect(page.body.items[0].stale).toBe(true)
    const again = await tracer.json('POST', `/api/v1/enquiries/${taken.body.id}/search`)
    expect(again.body.stale).toBe(false)
    expect(again.body.candidates.some((c: { source: string }) => c.source === 'list')).toBe(true)
  })

  it('drafts a reply with only what the consent allows, editable until sent, sent and audited', async () => {
    const registrar = await t.as('registrar')
    const tracer = await t.as('tracer')
    const full = await tracer.json('POST', '/api/v1/enquiries', aboutNew())
    const id = full.body.sought.id
    await tracer.json('POST', `/api/v1/missing/${id}/events`, {
      type: 'seen_in_facility',
      facility: 'СІЗО-2',
      occurredOn: '2025-04-01',
      source: 'returned prisoner',
      confidence: 'medium',
    })
    await tracer.json('POST', `/api/v1/missing/${id}/events`, {
      type: 'captivity_confirmed',
      occurredOn: '2025-05-01',
      source: 'ICRC',
      confidence: 'high',
    })
    const ask = (consent: Record<string, unknown>, language = 'uk') =>
      tracer.json('POST', '/api/v1/enquiries', {
        channel: 'letter',
        enquirer: { name: 'Ольга Тестова', language },
        consent,
        receivedOn: '2025-05-15',
        missingPersonId: id,
      })
    const icrc = (await ask({ use: true, shareIcrc: true })).body
    const useOnly = (await ask({ use: true }, 'ru')).body
    const none = (await ask({}, 'en')).body

    const draft = async (e: { id: string }) =>
      (await tracer.json('POST', `/api/v1/enquiries/${e.id}/replies`, {})).body.replies[0]
    const withFacility = await draft(icrc)
    expect(withFacility.body).toContain('підтверджено')
    expect(withFacility.body).toContain('СІЗО-2')
    expect(withFacility.withheld).toEqual([])
    const statusOnly = await draft(useOnly)
    expect(statusOnly.body).toContain('подтверждено')
    expect(statusOnly.body).not.toContain('СІЗО-2')
    expect(statusOnly.withheld).toEqual(['facility: consent'])
    const nothing = await draft(none)
    expect(nothing.body).toContain('without your consent')
    expect(nothing.body).not.toContain('captive')
    expect(nothing.withheld).toEqual(['search: no consent to use'])

    const path = `/api/v1/enquiries/${icrc.id}/replies/1`
    const edited = await tracer.json('POST', path, { body: `${withFacility.body}\nP.S.` })
    expect(edited.body.replies[0].body).toContain('P.S.')
    const sent = await tracer.json('POST', `${path}/send`, { how: 'letter', sentOn: '2025-06-01' })
    expect(sent.body).toMatchObject({
      answeredOn: '2025-06-01',
      replies: [{ sentHow: 'letter', sentOn: '2025-06-01' }],
    })
    const late = await tracer.json('POST', path, { body: 'другі слова' })
    expect(late.status).toBe(409)
    expect(late.body.detail).toContain('reply 1 of enquiry')
    expect(await actionsOf('enquiry', icrc.id)).toEqual([
      'enquiry.take',
      'enquiry.search',
      'enquiry.reply.draft',
      'enquiry.reply.edit',
      'enquiry.reply.send',
    ])

    // registrars read; analysts read without who asks or the words written to them
    const refused = await registrar.json('POST', `/api/v1/enquiries/${icrc.id}/replies`, {})
    expect(refused.status).toBe(403)
    expect((await registrar.json('GET', `/api/v1/enquiries/${icrc.id}`)).body.enquirer.name).toBe(
      'Ольга Тестова',
    )
    const analyst = await t.as('analyst')
    const seen = (await analyst.json('GET', `/api/v1/enquiries/${icrc.id}`)).body
    expect(seen.enquirer).toEqual({ language: 'uk' })
    expect(seen.replies[0].body).toBeUndefined()
    expect(seen.sought.surname).toBeUndefined()
    expect(seen.sought.dateOfBirth).toBe(sought.dateOfBirth.slice(0, 4))
  })

  it('computes age and overdue with an injected clock, most urgent first', async () => {
    const db = t.parley.conn.db
    let now = new Date('2025-03-01T10:00:00Z')
    const clock = () => now
    const service = createEnquiryService({
      db,
      audit: auditStore,
      clock,
      missing: createMissingService({ db, audit: auditStore, clock, romanize: romanizeName }),
    })
    const actor = { id: 'tracer-1', name: 'Test tracer', role: 'tracer' as const }
    const old = await service.takeEnquiry(actor, aboutNew(sought, { receivedOn: '2025-01-10' }))
    const followed = await service.takeEnquiry(actor, aboutNew(other, { receivedOn: '2025-02-20' }))
    const fresh = await service.takeEnquiry(actor, aboutNew(other, { receivedOn: '2025-02-25' }))
    await service.addFollowUp(actor, followed.id, { dueOn: '2025-03-03', what: 'call the mother back' })
    const answered = await service.takeEnquiry(actor, aboutNew(sought, { receivedOn: '2025-01-01' }))
    await service.draftReply(actor, answered.id, {})
    await service.sendReply(actor, answered.id, 1, { how: 'phone', sentOn: '2025-01-05' })

    const on1March = await service.listEnquiries()
    expect(on1March.overdueAfterDays).toBe(30)
    const row = (id: string) => on1March.items.find((e) => e.id === id)!
    expect(row(old.id).urgency).toMatchObject({
      ageDays: 50,
      overdue: true,
      reasons: ['unanswered'],
      daysOverdue: 20,
    })
    expect(row(followed.id).urgency).toMatchObject({ ageDays: 9, overdue: false })
    expect(row(answered.id).urgency).toMatchObject({ ageDays: 59, overdue: false })
    expect(on1March.items[0]!.id).toBe(old.id)

    now = new Date('2025-03-10T10:00:00Z')
    const later = await service.listEnquiries()
    expect(later.items.map((e) => e.id)).toEqual([old.id, followed.id, answered.id, fresh.id])
    expect(later.items[1]!.urgency).toMatchObject({
      overdue: true,
      reasons: ['follow_up_due'],
      daysOverdue: 7,
    })

    await service.updateSettings(actor, { overdueAfterDays: 10 })
    const stricter = await service.listEnquiries()
    expect(stricter.items.find((e) => e.id === fresh.id)!.urgency).toMatchObject({
      overdue: true,
      reasons: ['unanswered'],
    })
  })
})
