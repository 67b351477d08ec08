import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Actor } from '../../src/auth/actor'
import type { RegisterCapture } from '../../src/custody/model'
import { generatePersons } from '../../src/generate'
import { createTestApp } from '../support/test-app'
import { dropTestTemplate } from '../support/test-db'

// Generous limits: each test clones a database and signs users in on a machine others share.
const SLOW = { timeout: 300_000 }
const ACTOR: Actor = { id: 'u-test', name: 'Test Registrar', role: 'registrar' }

let t: Awaited<ReturnType<typeof createTestApp>>
beforeEach(async () => {
  t = await createTestApp()
}, SLOW.timeout)
afterEach(async () => t?.close())
afterAll(dropTestTemplate)

/** Three disagreeing public claims about how many we hold, as news of exchange talks reports them. */
const CLAIMS = [
  {
    question: 'held_by_us',
    claimed: 'hundreds',
    low: 200,
    high: 900,
    source: 'Ombudsman of the other side (fictitious)',
    channel: 'press briefing',
    claimedOn: '2026-10-02',
    aboutDate: '2026-10-01',
    assessment: 'unverified',
  },
  {
    question: 'held_by_us',
    claimed: 'up to 2,000',
    high: 2000,
    source: 'A news agency (fictitious)',
    channel: 'news report',
    link: 'https://news.example/held',
    claimedOn: '2026-10-05',
    assessment: 'disputed',
    note: 'Counts everyone ever captured, not those held now',
  },
  {
    question: 'held_by_us',
    claimed: '5,000',
    low: 5000,
    high: 5000,
    source: 'An anonymous channel (fictitious)',
    channel: 'Telegram',
    document: 'screenshot 2026-10-07.png',
    claimedOn: '2026-10-07',
    assessment: 'refuted',
    note: 'Called fake by both ombudsmen',
  },
]

async function holdThree() {
  const people = [...generatePersons({ seed: 181, count: 3, nationality: 'RU' })]
  await t.parley.services.custody.registerCapture(ACTOR, {
    capturedOn: '2026-09-20',
    place: 'near a river (test)',
    source: 'unit report',
    persons: people.map((p) => ({
      category: 'prisoner_of_war',
      surname: p.surname,
      firstNames: p.givenName,
      rank: p.rank,
      serviceNumber: p.serviceNumber,
      dateOfBirth: p.dateOfBirth,
    })) as RegisterCapture['persons'],
  })
}

describe('reported figures', SLOW, () => {
  it('shows three disagreeing sources beside the count we have confirmed by name', async () => {
    await holdThree()
    const analyst = await t.as('analyst')
    for (const claim of CLAIMS)
      expect((await analyst.json('POST', '/api/v1/reported-figures', claim)).status).toBe(201)
    const d = (await analyst.json('GET', '/api/v1/dashboard')).body
    const held = d.reported.find((r: { question: string }) => r.question === 'held_by_us')
    // the refuted claim is listed but stays out of the range
    expect(held).toMatchObject({
      confirmed: 3,
      low: 200,
      high: 2000,
      lowClaimed: 'hundreds',
      highClaimed: 'up to 2,000',
    })
    expect(held.sources.map((s: { claimed: string }) => s.claimed)).toEqual([
      '5,000',
      'up to 2,000',
      'hundreds',
    ])
    expect(held.sources[0]).toMatchObject({ assessment: 'refuted', note: 'Called fake by both ombudsmen' })
  })

  it('lets analysts record, correct and remove figures, audited; others read only', async () => {
    const analyst = await t.as('analyst')
    const created = await analyst.json('POST', '/api/v1/reported-figures', CLAIMS[0])
    expect(created.status).toBe(201)
    const id = created.body.id
    const corrected = await analyst.json('PUT', `/api/v1/reported-figures/${id}`, {
      ...CLAIMS[0],
      assessment: 'corroborated',
      expectedVersion: 1,
    })
    expect(corrected.status).toBe(200)
    expect(corrected.body).toMatchObject({ assessment: 'corroborated', version: 2 })
    const stale = await analyst.json('PUT', `/api/v1/reported-figures/${id}`, {
      ...CLAIMS[0],
      expectedVersion: 1,
    })
    expect(stale.status).toBe(409)
    expect(stale.body.detail).toContain('Ombudsman of the other side')

    const registrar = await t.as('registrar')
    expect((await registrar.json('GET', '/api/v1/reported-figures')).body.items).toHaveLength(1)
    const refused = await registrar.json('POST', '/api/v1/reported-figures', CLAIMS[1])
    expect(refused.status).toBe(403)
    expect(refused.body.detail).toContain('reported.write')
    expect((await (await t.as('liaison')).json('GET', '/api/v1/reported-figures')).status).toBe(403)

    expect((await analyst.json('DELETE', `/api/v1/reported-figures/${id}`)).status).toBe(200)
    expect((await analyst.json('GET', `/api/v1/reported-figures/${id}`)).status).toBe(404)
    const trail = await t.parley.services.audit.listEntries({
      entityType: 'reported_figure',
      entityId: id,
      limit: 10,
    })
    expect(trail.map((e) => e.action).reverse()).toEqual([
      'reported.add',
      'reported.correct',
      'reported.remove',
    ])
    expect(trail.find((e) => e.action === 'reported.remove')?.before).toMatchObject({ claimed: 'hundreds' })
  })

  it('refuses a figure naming the field, and stores nothing', async () => {
    const analyst = await t.as('analyst')
    const bad = await analyst.json('POST', '/api/v1/reported-figures', {
      ...CLAIMS[0],
      low: 900,
      high: 200,
      link: 'news.example',
    })
    expect(bad.status).toBe(400)
    expect(bad.body.issues).toEqual(
      expect.arrayContaining([
        { path: 'low', message: '900 is more than the highest, 200' },
        { path: 'link', message: 'must be a web address (http:// or https://)' },
      ]),
    )
    const none = await analyst.json('POST', '/api/v1/reported-figures', {
      ...CLAIMS[0],
      low: null,
      high: null,
    })
    expect(none.status).toBe(400)
    expect(none.body.issues[0].path).toBe('low')
    const future = await analyst.json('POST', '/api/v1/reported-figures', {
      ...CLAIMS[0],
      claimedOn: '2999-01-01',
    })
    expect(future.status).toBe(400)
    expect(future.body.issues[0]).toMatchObject({ path: 'claimedOn' })
    expect((await analyst.json('GET', '/api/v1/reported-figures')).body.items).toEqual([])
  })
})
