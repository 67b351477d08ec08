import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { generatePersons } from '../../src/generate'
import { REGISTRAR } from '../support/factories'
import { type Client, createTestApp } from '../support/test-app'
import { dropTestTemplate } from '../support/test-db'

let t: Awaited<ReturnType<typeof createTestApp>>
let dir: string
beforeEach(async () => {
  t = await createTestApp()
  dir = mkdtempSync(path.join(tmpdir(), 'parley-cards-'))
}, 120_000)
afterEach(async () => {
  rmSync(dir, { recursive: true, force: true })
  await t.close()
})
afterAll(dropTestTemplate)

const today = () => new Date().toISOString().slice(0, 10)
// fictitious persons from the generator, with the family particulars it makes up
const [soldier, civilian] = [...generatePersons({ seed: 1631, count: 2, nationality: 'RU' })].filter(
  (p) => p.nextOfKin,
)

/** The notice's printed form, as text that pdftotext reads back from the PDF. */
async function cardText(client: Client, noticeId: string, query: string) {
  const res = await client.request('GET', `/api/v1/notices/${noticeId}/card.pdf?${query}`)
  expect(res.status).toBe(200)
  const file = path.join(dir, `${noticeId}-${query}.pdf`)
  writeFileSync(file, Buffer.from(await res.arrayBuffer()))
  // no layout: a long label may wrap in its cell, so the text is compared with whitespace joined
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')
}

async function register(p: NonNullable<typeof soldier>, category: 'prisoner_of_war' | 'civilian_internee') {
  const custody = t.parley.services.custody
  const camp = await custody.createFacility(REGISTRAR, { name: 'Табір 5', kind: 'camp' })
  return custody.registerPerson(REGISTRAR, {
    category,
    surname: p.surname,
    firstNames: p.givenName,
    rank: category === 'prisoner_of_war' ? p.rank : undefined,
    serviceNumber: category === 'prisoner_of_war' ? p.serviceNumber : undefined,
    dateOfBirth: p.dateOfBirth,
    placeOfBirth: p.placeOfBirth,
    powerDependedOn: 'Russian Federation',
    nationality: 'Russian',
    fatherFirstName: p.fatherFirstName,
    motherMaidenName: p.motherMaidenName,
    nextOfKin: { name: p.nextOfKin!.name, address: p.nextOfKin!.address },
    lastResidence: p.nextOfKin!.address,
    capturedOn: today(),
    capturePlace: p.capture.place,
    facilityId: camp.id,
  })
}

async function noticeOf(client: Client, personId: string, kind: string) {
  const items = (await client.json('GET', `/api/v1/notices?person=${personId}`)).body.items
  return items.find((n: { kind: string }) => n.kind === kind) as { id: string }
}

describe('printed forms carry the fields of their annex', () => {
  it('capture card (GC III Annex IV B, Art. 122): every label, the Cyrillic name and the family particulars', async () => {
    const person = await register(soldier!, 'prisoner_of_war')
    const admin = await t.as('admin')
    const card = await noticeOf(admin, person.id, 'capture_card')
    const en = await cardText(admin, card.id, 'lang=en')
    for (const label of [
      'Capture card for prisoner of war',
      'Power on which the prisoner depends',
      'First names (in full)',
      'First name of father',
      'Maiden name of mother',
      'Date of birth',
      'Place of birth',
      'Rank',
      'Service number',
      'Name and address of the person to be informed',
      'Taken prisoner on',
      'Coming from',
      'State of health',
      'Present address: prisoner No.',
      'Present address: name of camp',
      'Languages of the card',
      'Signature',
    ])
      expect(en).toContain(label)
    for (const value of [
      soldier!.surname,
      soldier!.givenName,
      soldier!.fatherFirstName,
      soldier!.motherMaidenName,
      'Табір 5',
    ])
      expect(en).toContain(value)
    // in the detaining power's language and the prisoner's own (Annex IV B)
    const both = await cardText(admin, card.id, 'lang=uk&also=ru')
    for (const label of [
      'Картка полоненого / Карточка военнопленного',
      "Ім'я батька / Имя отца",
      'Дівоче прізвище матері / Девичья фамилия матери',
      'українська, русский',
    ])
      expect(both).toContain(label)
    expect(both).toContain(soldier!.surname)
    // the liaison gets the card without the family particulars, said so rather than left blank
    const liaison = await t.as('liaison')
    const theirs = await cardText(liaison, card.id, 'lang=en')
    expect(theirs).toContain('(not shown to this role)')
    expect(theirs).not.toContain(soldier!.motherMaidenName)
  }, 180_000)

  it('internment card for a civilian (GC IV Art. 106, Art. 138): nationality, last residence, no rank', async () => {
    const person = await register(civilian!, 'civilian_internee')
    const admin = await t.as('admin')
    const card = await noticeOf(admin, person.id, 'internment_card')
    const en = await cardText(admin, card.id, 'lang=en')
    for (const label of [
      'Internment card',
      'GC IV Art. 106, Annex III',
      'Nationality',
      'Last residence',
      'Interned on',
      'Maiden name of mother',
      'Name and address of the person to be informed',
      'Present address: name of camp',
    ])
      expect(en).toContain(label)
    expect(en).not.toContain('Service number')
    const uk = await cardText(admin, card.id, 'lang=uk')
    expect(uk).toContain('Картка інтернованого')
    expect(uk).toContain(civilian!.surname)
  }, 180_000)

  it('notification of death (GC III Annex IV D, Art. 120): death, burial and grave fields, blank where we hold nothing', async () => {
    const person = await register(soldier!, 'prisoner_of_war')
    await t.parley.services.custody.recordEvent(REGISTRAR, person.id, {
      type: 'died',
      occurredOn: today(),
      cause: 'серцева недостатність',
      place: 'Табір 5',
    })
    const admin = await t.as('admin')
    const notice = await noticeOf(admin, person.id, 'death_notice')
    const en = await cardText(admin, notice.id, 'lang=en')
    for (const label of [
      'Notification of death',
      'GC III Art. 120, Annex IV D',
      'Date of death',
      'Place of death',
      'Cause and circumstances of death',
      'Place of burial',
      'Date of burial',
      'Grave marked; particulars to find it',
      'Personal effects: kept or forwarded, and through what agency',
      'Responsible authority (seal)',
      'Witness (signature and address)',
      'серцева недостатність',
      soldier!.surname,
    ])
      expect(en).toContain(label)
    expect(en).not.toContain('State of health')
  }, 180_000)
})
