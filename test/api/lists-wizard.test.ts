import { stringify } from 'csv-stringify/sync'
import ExcelJS from 'exceljs'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { generatePersons } from '../../src/generate'
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

// fictitious soldiers from the project's generator, Ukrainian, with their Russian spellings kept
const people = [...generatePersons({ seed: 2515, count: 6, nationality: 'UA' })]

const TYPES: Record<string, string> = {
  csv: 'text/csv',
  jsonl: 'application/x-ndjson',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
}

async function upload(c: Client, name: string, body: string | Buffer, source?: string) {
  const q = new URLSearchParams({ file_name: name, ...(source ? { source } : {}) })
  const res = await t.app.request(`/api/v1/lists/uploads?${q}`, {
    method: 'POST',
    headers: { cookie: c.cookie, origin: 'http://localhost', 'content-type': TYPES[name.split('.').pop()!]! },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  })
  return { status: res.status, body: await res.json() }
}

const provenance = (over: Record<string, unknown> = {}) => ({
  from: 'ICRC Central Tracing Agency',
  fromKind: 'icrc',
  via: 'Ombudsman office',
  receivedOn: '2026-11-02',
  periodFrom: '2026-01-01',
  periodTo: '2026-10-31',
  note: 'second transmission',
  ...over,
})

/** A list in Ukrainian headers; the third row's date cannot be, the fourth repeats the second. */
function ukrainianList() {
  const [a, b, c] = people
  return stringify([
    [
      '№',
      'Прізвище',
      "Ім'я",
      'По батькові',
      'Дата народження',
      'Особовий номер',
      'Звання',
      'Частина',
      'Стать',
    ],
    ['1', a!.surname, a!.givenName, a!.patronymic, a!.dateOfBirth, a!.serviceNumber, a!.rank, a!.unit, 'ч'],
    ['2', b!.surname, b!.givenName, b!.patronymic, b!.dateOfBirth, b!.serviceNumber, b!.rank, b!.unit, 'ч'],
    ['3', c!.surname, c!.givenName, c!.patronymic, '31.02.1990', '', c!.rank, c!.unit, 'невідомо'],
    ['4', b!.surname, b!.givenName, b!.patronymic, b!.dateOfBirth, b!.serviceNumber, b!.rank, b!.unit, 'ч'],
    ['5', '12.03.1991', '', '', '', '', '', '', ''],
  ])
}

describe('POST /lists/uploads', SLOW, () => {
  it('refuses a reader without lists.write, and a user who is not signed in', async () => {
    const liaison = await t.as('liaison')
    expect((await upload(liaison, 'l.csv', ukrainianList())).status).toBe(403)
    expect((await upload(t.client(), 'l.csv', ukrainianList())).status).toBe(401)
  })

  it('reads Ukrainian headers, keeps an impossible date as written and flags every doubtful value', async () => {
    const analyst = await t.as('analyst')
    const res = await upload(analyst, 'icrc-list.csv', ukrainianList())
    expect(res.status).toBe(201)
    const a = res.body
    expect(a.mapping.columns.map((c: { field: string }) => c.field)).toEqual([
      'id',
      'surname',
      'givenName',
      'patronymic',
      'dateOfBirth',
      'serviceNumber',
      'rank',
      'unit',
      'sex',
    ])
    expect(a.counts.rows).toBe(5)
    expect(a.preview[0].written.surname).toBe(people[0]!.surname)
    const row4 = a.flagged.find((r: { line: number }) => r.line === 4)
    expect(row4.written.dateOfBirth).toBe('31.02.1990')
    expect(row4.values.dateOfBirth).toBe('1990-02')
    expect(row4.flags).toContainEqual({
      field: 'dateOfBirth',
      code: 'date_impossible',
      written: '31.02.1990',
    })
    expect(row4.flags).toContainEqual({ field: 'sex', code: 'sex_unreadable', written: 'невідомо' })
    const row5 = a.flagged.find((r: { line: number }) => r.line === 5)
    expect(row5.flags).toContainEqual({
      field: 'surname',
      code: 'duplicate_row',
      written: people[1]!.surname,
      params: { line: 3 },
    })
    const row6 = a.flagged.find((r: { line: number }) => r.line === 6)
    expect(row6.flags.map((f: { code: string }) => f.code)).toEqual(['wrong_column'])
    expect(row6.flags[0]).toMatchObject({
      field: 'surname',
      written: '12.03.1991',
      params: { looksLike: 'date' },
    })
    expect(a.counts.byCode).toMatchObject({
      date_impossible: 1,
      duplicate_row: 1,
      wrong_column: 1,
      sex_unreadable: 1,
    })
  })

  it('stores the same file once: the second upload is the first, not a copy', async () => {
    const analyst = await t.as('analyst')
    const first = await upload(analyst, 'a.csv', ukrainianList())
    const again = await upload(analyst, 'renamed.csv', ukrainianList())
    expect(again.status).toBe(200)
    expect(again.body.created).toBe(false)
    expect(again.body.upload.id).toBe(first.body.upload.id)
    const audit = await t.parley.services.audit.listEntries({ entityType: 'list_upload', limit: 10 })
    expect(audit.map((e) => e.action)).toEqual(['lists.upload'])
  })

  it('reads Russian and English headers, a date in the future and JSON lines', async () => {
    const analyst = await t.as('analyst')
    const [a, b] = people
    const ru = stringify([
      [
        'Фамилия',
        'Имя',
        'Отчество',
        'Дата рождения',
        'Личный номер',
        'Звание',
        'Дата пленения',
        'Место пленения',
        'Гражданство',
      ],
      [
        a!.forms.surname.ru,
        a!.forms.givenName.ru,
        '',
        a!.dateOfBirth,
        a!.serviceNumber,
        'рядовой',
        '2099-01-01',
        'Бахмут',
        'Украина',
      ],
    ])
    const r = await upload(analyst, 'ru.csv', ru)
    expect(r.body.mapping.columns.map((c: { field: string }) => c.field)).toEqual([
      'surname',
      'givenName',
      'patronymic',
      'dateOfBirth',
      'serviceNumber',
      'rank',
      'capturedOn',
      'capturePlace',
      'citizenship',
    ])
    expect(r.body.flagged[0].flags).toContainEqual({
      field: 'capturedOn',
      code: 'date_in_future',
      written: '2099-01-01',
    })
    const lines = [
      { id: 'A1', surname: a!.surname, first_name: a!.givenName, date_of_birth: a!.dateOfBirth },
      {
        id: 'A2',
        surname: b!.surname,
        first_name: b!.givenName,
        date_of_birth: b!.dateOfBirth,
        unit: b!.unit,
      },
    ]
      .map((l) => JSON.stringify(l))
      .join('\n')
    const j = await upload(analyst, 'en.jsonl', lines)
    expect(j.status).toBe(201)
    expect(j.body.mapping.columns.map((c: { field: string }) => c.field)).toEqual([
      'id',
      'surname',
      'givenName',
      'dateOfBirth',
      'unit',
    ])
    expect(j.body.preview[1].written.unit).toBe(b!.unit)
  })

  it('reads an XLSX workbook', async () => {
    const analyst = await t.as('analyst')
    const book = new ExcelJS.Workbook()
    const sheet = book.addWorksheet('Список')
    sheet.addRow(['Прізвище', "Ім'я", 'Дата народження'])
    for (const p of people.slice(0, 3)) sheet.addRow([p.surname, p.givenName, p.dateOfBirth])
    const bytes = Buffer.from(await book.xlsx.writeBuffer())
    const r = await upload(analyst, 'list.xlsx', bytes)
    expect(r.status).toBe(201)
    expect(r.body.counts.rows).toBe(3)
    expect(r.body.preview[2].written.surname).toBe(people[2]!.surname)
  })
})

describe('POST /lists/uploads/{id}/confirm', SLOW, () => {
  it('imports all rows with provenance, flags kept beside the values, once per file, audited', async () => {
    const analyst = await t.as('analyst')
    const up = (await upload(analyst, 'icrc.csv', ukrainianList(), 'ICRC Central Tracing Agency')).body
    const mapping = up.mapping.columns.map((c: { field: string }) => c.field)
    const res = await analyst.json('POST', `/api/v1/lists/uploads/${up.upload.id}/confirm`, {
      name: 'ICRC list No. 2',
      mapping,
      provenance: provenance(),
    })
    expect(res.status).toBe(201)
    const id = res.body.id
    const again = await analyst.json('POST', `/api/v1/lists/uploads/${up.upload.id}/confirm`, {
      mapping,
      provenance: provenance(),
    })
    expect(again).toEqual({ status: 200, body: { id, created: false } })

    const admin = await t.as('admin')
    const page = await admin.json('GET', `/api/v1/lists/${id}`)
    expect(page.status).toBe(200)
    expect(page.body.list).toMatchObject({
      name: 'ICRC list No. 2',
      counterpart: 'ICRC Central Tracing Agency',
      rowCount: 5,
    })
    expect(page.body.provenance).toMatchObject({
      fromKind: 'icrc',
      via: 'Ombudsman office',
      receivedOn: '2026-11-02',
      periodFrom: '2026-01-01',
      periodTo: '2026-10-31',
    })
    expect(page.body.counts).toMatchObject({ rows: 5, flaggedRows: 3 })
    const flagged = await admin.json('GET', `/api/v1/lists/${id}/shown-rows`)
    const row = flagged.body.rows.find((r: { ref: string }) => r.ref === '3')
    expect(row.written.dateOfBirth).toBe('31.02.1990')
    expect(row.values.dateOfBirth).toBe('1990-02')
    expect(row.flags[0].code).toBe('date_impossible')
    // the analyst reads pseudonymised rows: the flag stays, the name does not
    const seen = await analyst.json('GET', `/api/v1/lists/${id}/shown-rows`)
    expect(seen.body.rows[0].written.surname).toBeUndefined()
    expect(seen.body.rows[0].flags.length).toBeGreaterThan(0)
    // linkage and reconciliation read the same rows through the store's records
    const records = await t.parley.services.lists.records(id)
    expect(records).toHaveLength(5)
    expect(records[0]).toMatchObject({ id: '1', surname: people[0]!.surname })
    const audit = await t.parley.services.audit.listEntries({ entityType: 'list', entityId: id, limit: 10 })
    expect(audit.map((e) => e.action)).toContain('lists.import')
  })

  it('refuses naming the field and the column, and stores nothing', async () => {
    const analyst = await t.as('analyst')
    const up = (await upload(analyst, 'x.csv', ukrainianList())).body
    const mapping = up.mapping.columns.map((c: { field: string }) => c.field)
    const future = await analyst.json('POST', `/api/v1/lists/uploads/${up.upload.id}/confirm`, {
      mapping,
      provenance: provenance({ receivedOn: '2099-01-01', periodFrom: '2026-05-01', periodTo: '2026-01-01' }),
    })
    expect(future.status).toBe(400)
    expect(future.body.issues).toEqual([
      { path: 'provenance.receivedOn', message: '2099-01-01 is in the future' },
      { path: 'provenance.periodTo', message: 'the period ends (2026-01-01) before it begins (2026-05-01)' },
    ])
    const twice = await analyst.json('POST', `/api/v1/lists/uploads/${up.upload.id}/confirm`, {
      mapping: mapping.map((f: string) => (f === 'rank' ? 'unit' : f)),
      provenance: provenance(),
    })
    expect(twice.status).toBe(400)
    expect(twice.body.issues).toEqual([
      { path: 'column Частина', message: 'unit is already the column Звання: one column a field' },
    ])
    const nameless = await analyst.json('POST', `/api/v1/lists/uploads/${up.upload.id}/confirm`, {
      mapping: mapping.map((f: string) => (f === 'surname' || f === 'givenName' ? null : f)),
      provenance: provenance({ replaces: '00000000-0000-4000-8000-000000000000' }),
    })
    expect(nameless.status).toBe(400)
    expect(nameless.body.issues).toEqual([
      {
        path: 'provenance.replaces',
        message: 'no stored list has the id 00000000-0000-4000-8000-000000000000',
      },
    ])
    expect((await analyst.json('GET', '/api/v1/lists')).body.lists).toEqual([])
  })

  it('saves the mapping per source and proposes it again for a file from that source with the same headers', async () => {
    const analyst = await t.as('analyst')
    const header = ['Nr', 'Familie', 'Vorname', 'Geburtsdatum']
    const rows = (k: number) =>
      people.slice(k, k + 2).map((p, i) => [String(i + 1), p.surname, p.givenName, p.dateOfBirth])
    const first = (await upload(analyst, 'unit-1.csv', stringify([header, ...rows(0)]), '3rd Brigade')).body
    expect(first.mapping.from).toBe('headers')
    expect(first.mapping.columns.map((c: { field: string | null }) => c.field)).toEqual([
      null,
      null,
      null,
      null,
    ])
    const mapping = ['id', 'surname', 'givenName', 'dateOfBirth']
    const ok = await analyst.json('POST', `/api/v1/lists/uploads/${first.upload.id}/confirm`, {
      mapping,
      provenance: provenance({ from: '3rd Brigade', fromKind: 'unit' }),
    })
    expect(ok.status).toBe(201)
    const next = (await upload(analyst, 'unit-2.csv', stringify([header, ...rows(2)]), '3rd Brigade')).body
    expect(next.mapping.from).toBe('saved')
    expect(next.mapping.columns.map((c: { field: string | null }) => c.field)).toEqual(mapping)
    expect(next.counts.rows).toBe(2)
    const other = (await upload(analyst, 'unit-3.csv', stringify([header, ...rows(3)]), 'someone else')).body
    expect(other.mapping.from).toBe('headers')
    // preview with the saved mapping of a source, and under a chosen mapping
    const pv = await analyst.json('POST', `/api/v1/lists/uploads/${other.upload.id}/preview`, { mapping })
    expect(pv.body.preview[0].written.surname).toBe(people[3]!.surname)
  })

  it('shows what changed from the earlier version it replaces, by service number or particulars', async () => {
    const analyst = await t.as('analyst')
    const [a, b, c, d] = people
    const head = ['id', 'surname', 'first_name', 'date_of_birth', 'service_number', 'unit']
    const v1 = stringify([
      head,
      ['1', a!.surname, a!.givenName, a!.dateOfBirth, a!.serviceNumber, a!.unit],
      ['2', b!.surname, b!.givenName, b!.dateOfBirth, '', b!.unit],
      ['3', c!.surname, c!.givenName, c!.dateOfBirth, c!.serviceNumber, c!.unit],
    ])
    // version 2: a moved unit, b in Russian spelling (same person by the name key), c gone, d new
    const v2 = stringify([
      head,
      ['1', a!.surname, a!.givenName, a!.dateOfBirth, a!.serviceNumber, 'в/ч 00000'],
      ['2', b!.forms.surname.ru, b!.forms.givenName.ru, b!.dateOfBirth, '', b!.unit],
      ['4', d!.surname, d!.givenName, d!.dateOfBirth, d!.serviceNumber, d!.unit],
    ])
    const confirm = async (body: string, file: string, over: Record<string, unknown> = {}) => {
      const up = (await upload(analyst, file, body)).body
      const res = await analyst.json('POST', `/api/v1/lists/uploads/${up.upload.id}/confirm`, {
        mapping: up.mapping.columns.map((x: { field: string }) => x.field),
        provenance: provenance({ from: 'the other side', fromKind: 'other_side', ...over }),
      })
      expect(res.status).toBe(201)
      return res.body.id as string
    }
    const first = await confirm(v1, 'v1.csv')
    const second = await confirm(v2, 'v2.csv', { replaces: first })
    const admin = await t.as('admin')
    const page = (await admin.json('GET', `/api/v1/lists/${second}`)).body
    expect(page.replaces).toEqual({ id: first, name: 'the other side, 2026-11-02' })
    const diff = page.difference
    expect(diff.counts).toEqual({ added: 1, removed: 1, changed: 2, unchanged: 0 })
    expect(diff.added[0].values.surname).toBe(d!.surname)
    expect(diff.removed[0].values.surname).toBe(c!.surname)
    const changed = Object.fromEntries(
      diff.changed.map((x: { before: { ref: string }; fields: string[] }) => [x.before.ref, x.fields]),
    )
    expect(changed['1']).toEqual(['unit'])
    expect(changed['2']).toEqual(expect.arrayContaining(['surname']))
    const earlier = (await admin.json('GET', `/api/v1/lists/${first}`)).body
    expect(earlier.replacedBy.map((l: { id: string }) => l.id)).toEqual([second])
  })
})
