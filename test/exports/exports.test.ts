import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parse } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as auditStore from '../../src/audit/store'
import { createExportService } from '../../src/exports/service'
import { csvField } from '../../src/exports/write'
import { generatePersons } from '../../src/generate'
import { buildPerson, REGISTRAR } from '../support/factories'
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
const people = [...generatePersons({ seed: 1818, count: 6 })]

async function seed() {
  const ids: string[] = []
  for (const [i, p] of people.entries()) {
    const written = await t.parley.services.custody.registerPerson(
      REGISTRAR,
      buildPerson({
        surname: p.surname,
        firstNames: p.givenName,
        patronymic: p.patronymic,
        serviceNumber: p.serviceNumber,
        dateOfBirth: p.dateOfBirth,
        // one of them a woman, for a filter that picks her alone
        sex: i === 0 ? 'female' : 'male',
        // a unit written as a formula: a spreadsheet must show it as text
        unit: i === 1 ? '=HYPERLINK("http://example.invalid","x")' : p.unit,
      }),
    )
    ids.push(written.id)
  }
  return ids
}

async function download(c: Client, query: string) {
  const res = await c.request('GET', `/api/v1/exports/${query}`)
  return { res, bytes: Buffer.from(await res.arrayBuffer()) }
}

async function exportsAudited() {
  const entries = await t.parley.services.audit.listEntries({ limit: 100 })
  return entries.filter((e) => e.action.startsWith('export.'))
}

describe('exports of the lists', SLOW, () => {
  it('writes the register to XLSX with its filters, readable by exceljs, and audits who took it', async () => {
    await seed()
    const registrar = await t.as('registrar')
    const { res, bytes } = await download(registrar, 'register?format=xlsx&sex=female')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toMatch(/register-\d{4}-\d{2}-\d{2}\.xlsx/)
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(bytes as unknown as ArrayBuffer)
    const sheet = book.worksheets[0]!
    expect(sheet.getRow(1).getCell(2).value).toBe('Surname')
    // the header row and the one woman
    expect(sheet.rowCount).toBe(2)
    expect(sheet.getRow(2).getCell(2).value).toBe(people[0]!.surname)

    const [entry] = await exportsAudited()
    expect(entry).toMatchObject({ action: 'export.register', actorName: 'Test registrar' })
    expect(entry!.after).toMatchObject({ count: 1, view: 'full', query: { format: 'xlsx', sex: 'female' } })
  })

  it('writes CSV that parses back, Cyrillic intact, with a formula shown as text (uk headings)', async () => {
    await seed()
    const registrar = await t.as('registrar')
    const { res, bytes } = await download(registrar, 'register?format=csv&lang=uk&direction=asc')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/text\/csv/)
    const rows = parse(bytes.toString('utf8'), { bom: true }) as string[][]
    expect(rows[0]!.slice(0, 2)).toEqual(['№', 'Прізвище'])
    expect(rows).toHaveLength(people.length + 1)
    expect(rows.map((r) => r[1])).toContain(people[2]!.surname)
    const unit = rows[0]!.indexOf('Підрозділ')
    expect(rows.map((r) => r[unit])).toContain('\'=HYPERLINK("http://example.invalid","x")')
  })

  it('writes a printable PDF whose text shows a Cyrillic name', async () => {
    await seed()
    const registrar = await t.as('registrar')
    const { res, bytes } = await download(registrar, 'register?format=pdf&lang=uk')
    expect(res.status).toBe(200)
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-')
    const dir = mkdtempSync(path.join(os.tmpdir(), 'parley-export-'))
    writeFileSync(path.join(dir, 'r.pdf'), bytes)
    const text = execFileSync('pdftotext', ['-layout', path.join(dir, 'r.pdf'), '-'], { encoding: 'utf8' })
    expect(text).toContain('Реєстр утримуваних')
    expect(text).toContain(people[3]!.surname)
  })

  it('gives an analyst pseudonymised rows: no name column at all', async () => {
    await seed()
    const analyst = await t.as('analyst')
    const { res, bytes } = await download(analyst, 'register?format=csv')
    expect(res.status).toBe(200)
    const rows = parse(bytes.toString('utf8'), { bom: true }) as string[][]
    expect(rows[0]).not.toContain('Surname')
    expect(bytes.toString('utf8')).not.toContain(people[0]!.surname)
    const [entry] = await exportsAudited()
    expect(entry!.after).toMatchObject({ view: 'pseudonymised', count: people.length })
  })

  it('refuses a list the role may not read, naming it, and writes nothing to the trail', async () => {
    const liaison = await t.as('liaison')
    const { res } = await download(liaison, 'missing?format=csv')
    expect(res.status).toBe(403)
    const registrar = await t.as('registrar')
    const fund = await registrar.json('GET', '/api/v1/exports/fund?format=csv')
    expect(fund.status).toBe(403)
    expect(fund.body.detail ?? fund.body.title).toMatch(/exchange fund/)
    expect(await exportsAudited()).toHaveLength(0)
  })

  it('refuses a filter the list does not have, and a bad value, naming the field', async () => {
    const registrar = await t.as('registrar')
    const unknown = await registrar.json('GET', '/api/v1/exports/register?format=csv&colour=red')
    expect(unknown.status).toBe(400)
    expect(unknown.body.issues).toEqual([expect.objectContaining({ path: 'colour' })])
    expect(unknown.body.issues[0].message).toMatch(/has no filter "colour"/)
    const bad = await registrar.json('GET', '/api/v1/exports/register?format=csv&status=asleep')
    expect(bad.status).toBe(400)
    expect(bad.body.issues[0].path).toBe('status')
    const format = await registrar.json('GET', '/api/v1/exports/register?format=docx')
    expect(format.status).toBe(400)
    expect(format.body.issues[0].path).toBe('format')
    expect(await exportsAudited()).toHaveLength(0)
  })

  it('exports the missing register, the enquiries and the overview figures', async () => {
    const registrar = await t.as('registrar')
    const missing = await download(registrar, 'missing?format=csv')
    expect(missing.res.status).toBe(200)
    expect(parse(missing.bytes.toString('utf8'), { bom: true })[0]).toContain('Last seen on')
    const enquiries = await download(registrar, 'enquiries?format=xlsx&state=all')
    expect(enquiries.res.status).toBe(200)
    await seed()
    const overview = await download(registrar, 'dashboard?format=csv&section=held')
    expect(overview.res.status).toBe(200)
    const rows = parse(overview.bytes.toString('utf8'), { bom: true }) as string[][]
    expect(rows).toContainEqual(['held', 'total', String(people.length)])
  })

  it('runs a big export as a job with progress, keeps the file for its owner alone', async () => {
    await seed()
    // a service whose threshold is two rows, so six make a job
    const exports = createExportService({
      db: t.parley.conn.db,
      audit: auditStore,
      clock: () => new Date(),
      jobs: t.parley.services.jobs,
      enquiries: t.parley.services.enquiries,
      dashboard: t.parley.services.dashboard,
      exchanges: t.parley.services.exchanges,
      directLimit: 2,
    })
    // a tracer: the jobs page is for readers of lists
    const owner = await t.as('tracer')
    const me = (await owner.json('GET', '/api/v1/session')).body.user
    const actor = { id: me.id, name: me.name, role: 'tracer' as const }
    const started = await exports.start(actor, { list: 'register', format: 'xlsx', filters: {} })
    expect(started).toMatchObject({ mode: 'job', rows: 3 })
    if (started.mode !== 'job') return
    await t.parley.services.jobs.idle()
    const job = await owner.json('GET', `/api/v1/jobs/${started.jobId}`)
    expect(job.body).toMatchObject({ kind: 'export', status: 'done', progress: { done: 6, total: 6 } })

    const res = await owner.request('GET', `/api/v1/exports/files/${started.jobId}`)
    expect(res.status).toBe(200)
    const book = new ExcelJS.Workbook()
    await book.xlsx.load((await res.arrayBuffer()) as ArrayBuffer)
    expect(book.worksheets[0]!.rowCount).toBe(people.length + 1)

    const other = await t.as('tracer')
    const refused = await other.json('GET', `/api/v1/exports/files/${started.jobId}`)
    expect(refused.status).toBe(403)
    const actions = (await exportsAudited()).map((e) => e.action)
    expect(actions).toEqual(
      expect.arrayContaining(['export.register', 'export.file.written', 'export.register.download']),
    )
  })
})

describe('a CSV field', () => {
  it('is quoted when it holds a comma, quote or line break, and a formula is made text', () => {
    expect(csvField('Шевченко, Т.')).toBe('"Шевченко, Т."')
    expect(csvField('say "hi"')).toBe('"say ""hi"""')
    expect(csvField('a\nb')).toBe('"a\nb"')
    expect(csvField('=1+2')).toBe("'=1+2")
    expect(csvField('+380')).toBe('+380')
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)")
    expect(csvField('-cmd')).toBe("'-cmd")
    expect(csvField(-3.5)).toBe('-3.5')
    expect(csvField(null)).toBe('')
  })
})
