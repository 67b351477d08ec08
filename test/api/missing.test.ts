import { stringify } from 'csv-stringify/sync'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/auth/actor'
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

// fictitious persons from the project's generator
const people = [...scenarioMissing({ seed: 15, persons: 6 })]
const first = people[0]!
const report = (p: Record<string, string>, over: Record<string, unknown> = {}): CreateMissing =>
  ({
    surname: p.surname,
    firstNames: p.first_names,
    dateOfBirth: p.date_of_birth,
    unit: p.unit,
    region: p.region,
    lastSeen: { on: p.last_seen_on, place: p.last_seen_place, witness: 'побратим' },
    reporter: { name: p.reported_by, relation: 'mother', contact: '+380 00 0000001', language: 'uk' },
    consent: { use: true, shareIcrc: true, givenOn: p.last_seen_on },
    source: 'hotline',
    ...over,
  }) as CreateMissing

async function upload(c: Client, name: string, body: string, source?: string) {
  const q = new URLSearchParams({ file_name: name, ...(source ? { source } : {}) })
  const res = await t.app.request(`/api/v1/missing/import?${q}`, {
    method: 'POST',
    headers: { cookie: c.cookie, origin: 'http://localhost', 'content-type': 'text/csv' },
    body,
  })
  return { status: res.status, body: await res.json() }
}

async function auditOf(id: string) {
  const all = await t.parley.services.audit.listEntries({
    entityType: 'missing_person',
    entityId: id,
    limit: 100,
  })
  return all.map((e) => e.action).reverse()
}

describe('the missing-persons register', SLOW, () => {
  it('registers a person from a report, merges a second report and keeps both with their sources', async () => {
    const registrar = await t.as('registrar')
    const created = await registrar.json('POST', '/api/v1/missing', report(first, { dateOfBirth: undefined }))
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ surname: first.surname, status: 'missing', captivity: 'none' })
    const id = created.body.id

    const second = await registrar.json('POST', `/api/v1/missing/${id}/reports`, {
      reporter: { name: first.unit, relation: 'unit', language: 'uk' },
      particulars: {
        dateOfBirth: first.date_of_birth,
        unit: 'інша частина',
        serviceNumber: first.service_number,
      },
      source: 'unit report',
    })
    expect(second.status).toBe(201)
    expect(second.body).toMatchObject({
      dateOfBirth: first.date_of_birth,
      serviceNumber: first.service_number,
      unit: first.unit,
      disagreements: ['unit'],
    })

    const read = await registrar.json('GET', `/api/v1/missing/${id}`)
    expect(read.body.reports.map((r: { source: string }) => r.source)).toEqual(['hotline', 'unit report'])
    expect(read.body.reports[1].particulars).toMatchObject({ unit: 'інша частина' })
    expect(read.body.reports[0].consent).toMatchObject({ use: true, shareIcrc: true, shareOtherSide: false })
    expect(read.body.events).toMatchObject([{ type: 'reported_missing', occurredOn: first.last_seen_on }])
    expect(await auditOf(id)).toEqual(['missing.register', 'missing.report.add', 'missing.read'])
  })

  it('folds status events: stays missing with captivity confirmed, refuses an impossible one naming the event', async () => {
    const registrar = await t.as('registrar')
    const tracer = await t.as('tracer')
    const { body: person } = await registrar.json('POST', '/api/v1/missing', report(first))
    const path = `/api/v1/missing/${person.id}/events`
    const confirmed = await tracer.json('POST', path, {
      type: 'captivity_confirmed',
      occurredOn: '2025-06-01',
      source: 'ICRC notification',
      confidence: 'high',
    })
    expect(confirmed.status).toBe(201)
    expect(confirmed.body).toMatchObject({ status: 'missing', captivity: 'confirmed' })
    const back = await tracer.json('POST', path, {
      type: 'returned',
      occurredOn: '2025-08-01',
      source: 'exchange',
      confidence: 'high',
    })
    expect(back.body.status).toBe('returned')
    // a late sighting before the return fits by date
    const late = await tracer.json('POST', path, {
      type: 'seen_in_facility',
      facility: 'СІЗО-2',
      occurredOn: '2025-07-01',
      source: 'returned prisoner',
      confidence: 'medium',
    })
    expect(late.status).toBe(201)
    expect(late.body).toMatchObject({ status: 'returned', lastFacility: 'СІЗО-2' })
    const impossible = await tracer.json('POST', path, {
      type: 'died',
      occurredOn: '2025-07-15',
      source: 'rumour',
      confidence: 'high',
    })
    expect(impossible.status).toBe(409)
    expect(impossible.body.detail).toMatch(/it would make the return of 2025-08-01 impossible/)
    const bad = await tracer.json('POST', path, {
      type: 'found',
      occurredOn: '31.02.2025',
      source: '',
      confidence: 'sure',
    })
    expect(bad.status).toBe(400)
    expect(bad.body.issues.map((i: { path: string }) => i.path).sort()).toEqual([
      'confidence',
      'occurredOn',
      'source',
    ])
    const read = await tracer.json('GET', `/api/v1/missing/${person.id}`)
    expect(read.body.events.map((e: { type: string }) => e.type)).toEqual([
      'reported_missing',
      'captivity_confirmed',
      'seen_in_facility',
      'returned',
    ])
    expect(read.body.events[1]).toMatchObject({ source: 'ICRC notification', confidence: 'high' })
  })

  it('filters by status, captivity, unit, region, date range and source', async () => {
    const m = t.parley.services.missing
    const [a, b, c] = people
    const pa = await m.createMissing(
      SYSTEM_ACTOR,
      report(a!, { unit: '93 ОМБр', region: 'Донецька', lastSeen: { on: '2024-05-01' } }),
    )
    await m.createMissing(
      SYSTEM_ACTOR,
      report(b!, {
        unit: '47 ОМБр',
        region: 'Запорізька',
        lastSeen: { on: '2025-02-01' },
        source: 'unit report',
      }),
    )
    await m.createMissing(
      SYSTEM_ACTOR,
      report(c!, { unit: '93 ОМБр', region: 'Запорізька', lastSeen: { on: '2025-03-01' } }),
    )
    await m.recordEvent(SYSTEM_ACTOR, pa.id, {
      type: 'captivity_confirmed',
      occurredOn: '2025-01-01',
      source: 'ICRC',
      confidence: 'high',
    })
    const analyst = await t.as('analyst')
    const names = async (q: string) => {
      const res = await analyst.json('GET', `/api/v1/missing?${q}`)
      expect(res.status).toBe(200)
      return res.body.items.length
    }
    expect(await names('unit=93')).toBe(2)
    expect(await names('region=запорізька')).toBe(2)
    expect(await names('from=2025-01-01&to=2025-02-28')).toBe(1)
    expect(await names('source=unit')).toBe(1)
    expect(await names('captivity=confirmed')).toBe(1)
    expect(await names('status=returned')).toBe(0)
    // the analyst reads pseudonymised rows
    const page = await analyst.json('GET', '/api/v1/missing')
    expect(page.body.items[0].surname).toBeUndefined()
    expect(page.body.items[0].status).toBe('missing')
    expect((await analyst.json('GET', '/api/v1/missing?from=2025-02-31')).status).toBe(400)
  })

  it('imports a register all or nothing, naming a bad row and field, and the same source again changes nothing', async () => {
    const registrar = await t.as('registrar')
    const rows = [...scenarioMissing({ seed: 7, persons: 40 })]
    const csv = (rs: Record<string, string>[]) => stringify(rs, { header: true })
    const broken = rows.map((r, i) => (i === 17 ? { ...r, date_of_birth: '31.02.1990' } : r))
    const refused = await upload(registrar, 'register.csv', csv(broken))
    expect(refused.status).toBe(400)
    expect(refused.body.issues).toEqual([
      { path: 'row 19.date_of_birth', message: '31.02.1990 is not a date' },
    ])
    expect((await registrar.json('GET', '/api/v1/missing')).body.items).toHaveLength(0)

    const imported = await upload(registrar, 'register.csv', csv(rows), 'Brigade register')
    expect(imported.body).toEqual({ rows: 40, created: 40, unchanged: 0, source: 'Brigade register' })
    const again = await upload(registrar, 'register-v2.csv', csv(rows), 'Brigade register')
    expect(again.body).toEqual({ rows: 40, created: 0, unchanged: 40, source: 'Brigade register' })
    const page = await registrar.json('GET', '/api/v1/missing?limit=500')
    expect(page.body.items).toHaveLength(40)
    const withStatus = rows.filter((r) => r.status === 'captivity_confirmed').length
    expect(
      (await registrar.json('GET', '/api/v1/missing?captivity=confirmed&limit=500')).body.items,
    ).toHaveLength(withStatus)
  })

  it('reads headers in Ukrainian and Russian', async () => {
    const registrar = await t.as('registrar')
    const [p] = people
    const uk = `прізвище,ім'я,дата народження,частина,заявник,згода,дата зникнення\n${p!.surname},${p!.first_names},${p!.date_of_birth},${p!.unit},${p!.reported_by},так,${p!.last_seen_on}\n`
    const res = await upload(registrar, 'реєстр.csv', uk)
    expect(res.status).toBe(200)
    expect(res.body.created).toBe(1)
    const ru = `фамилия,имя,заявитель,согласие,статус,дата статуса\n${p!.surname},${p!.first_names},${p!.reported_by},да,returned,2020-01-01\n`
    const bad = await upload(registrar, 'реестр.csv', ru)
    expect(bad.status).toBe(400)
    expect(bad.body.issues[0].path).toBe('row 2.дата статуса')
  })

  it('lets registrars write, tracers record events, analysts only read, liaisons nothing', async () => {
    const tracer = await t.as('tracer')
    const analyst = await t.as('analyst')
    const liaison = await t.as('liaison')
    expect((await tracer.json('POST', '/api/v1/missing', report(first))).status).toBe(403)
    expect((await analyst.json('POST', '/api/v1/missing', report(first))).status).toBe(403)
    expect((await liaison.json('GET', '/api/v1/missing')).status).toBe(403)
    const p = await t.parley.services.missing.createMissing(SYSTEM_ACTOR, report(first))
    const event = {
      type: 'captivity_indicated',
      occurredOn: '2025-06-01',
      source: 'open source',
      confidence: 'low',
    }
    expect((await analyst.json('POST', `/api/v1/missing/${p.id}/events`, event)).status).toBe(403)
    expect((await tracer.json('POST', `/api/v1/missing/${p.id}/events`, event)).status).toBe(201)
    expect(
      (await tracer.json('POST', `/api/v1/missing/${p.id}/reports`, { reporter: { name: 'x' } })).status,
    ).toBe(403)
    const read = await analyst.json('GET', `/api/v1/missing/${p.id}`)
    expect(read.body.person.surname).toBeUndefined()
    expect(read.body.reports[0].reporter).toBeUndefined()
    expect(await auditOf(p.id)).toEqual([
      'missing.register',
      'missing.event.captivity_indicated',
      'missing.read',
    ])
  })

  it('is documented in the OpenAPI description with response schemas', async () => {
    const doc = await (await t.app.request('/api/openapi.json')).json()
    expect(Object.keys(doc.paths).filter((p: string) => p.startsWith('/missing'))).toEqual(
      expect.arrayContaining([
        '/missing',
        '/missing/{id}',
        '/missing/{id}/events',
        '/missing/{id}/reports',
        '/missing/import',
      ]),
    )
    expect(doc.components.schemas.MissingPerson).toBeDefined()
    expect(
      doc.paths['/missing/{id}'].get.responses['200'].content['application/json'].schema.properties,
    ).toHaveProperty('events')
  })
})
