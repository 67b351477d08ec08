import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runParley } from '../support/cli'
import { buildPerson, REGISTRAR } from '../support/factories'
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

const month = new Date().toISOString().slice(0, 7)
const previous = (() => {
  const [y, m] = month.split('-').map(Number) as [number, number]
  return new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 7)
})()

const textOf = (bytes: Buffer) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'parley-report-'))
  try {
    writeFileSync(path.join(dir, 'r.pdf'), bytes)
    return execFileSync('pdftotext', ['-layout', path.join(dir, 'r.pdf'), '-'], { encoding: 'utf8' })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Two captured this month, one the month before; an exchange in which three crossed this month. */
async function seed() {
  const custody = t.parley.services.custody
  await custody.registerPerson(REGISTRAR, buildPerson({ surname: 'Шевчук', capturedOn: `${month}-01` }))
  await custody.registerPerson(REGISTRAR, buildPerson({ surname: 'Кравець', capturedOn: `${month}-01` }))
  await custody.registerPerson(REGISTRAR, buildPerson({ surname: 'Мельник', capturedOn: `${previous}-15` }))
  const db = t.parley.conn.db
  const { id } = await db
    .insertInto('exchanges')
    .values({
      name: 'Обмін під Харковом',
      counterpart: 'інша сторона',
      status: 'done',
      terms: JSON.stringify({ kind: 'equal' }),
      created_by: 'u-registrar',
      updated_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const crossed = (side: 'give' | 'receive', ref: string) => ({
    exchange_id: id,
    side,
    ref,
    stage: 1,
    outcome: 'crossed',
    updated_by: 'u-registrar',
    updated_at: new Date(),
  })
  await db
    .insertInto('exchange_handover')
    .values([crossed('give', 'g1'), crossed('give', 'g2'), crossed('receive', 'r1')])
    .execute()
}

describe('the monthly report (issue 18)', SLOW, () => {
  it('prints the uk report: headings, the month, the exchange by its name, each figure with its change; audited', async () => {
    await seed()
    const registrar = await t.as('registrar')
    const res = await registrar.request('GET', `/api/v1/reports/monthly?month=${month}&lang=uk`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/pdf')
    expect(res.headers.get('content-disposition')).toContain(`monthly-report-${month}-uk.pdf`)
    const bytes = Buffer.from(await res.arrayBuffer())
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-')
    const text = textOf(bytes)
    expect(text).toContain('Щомісячний звіт')
    expect(text).toContain('Особи, яких ми утримуємо: що сталося за місяць')
    expect(text).toContain('Наші зниклі безвісти')
    expect(text).toContain('Обміни місяця')
    expect(text).toContain(`Місяць: ${month}`)
    expect(text).toContain('Обчислено')
    expect(text).toContain('Обмін під Харковом')
    // captured: 2 this month against 1 the month before
    expect(text).toMatch(/Взято в полон\s+2\s+1\s+\+1/)
    // registered: all three this month
    expect(text).toMatch(/Зареєстровано\s+3\s+0\s+\+3/)
    // handed over: two this month, none before
    expect(text).toMatch(/Передано осіб\s+2\s+0\s+\+2/)

    const entries = await t.parley.services.audit.listEntries({ limit: 50 })
    const entry = entries.find((e) => e.action === 'export.monthly_report')
    expect(entry).toMatchObject({ actorName: 'Test registrar' })
    expect(entry!.after).toMatchObject({ query: { format: 'pdf', lang: 'uk', month, how: 'download' } })
  })

  it('refuses a bad month or one to come naming `month`, and a role that does not read the dashboard', async () => {
    const registrar = await t.as('registrar')
    for (const bad of ['2026-13', 'last', '9999-01']) {
      const res = await registrar.json('GET', `/api/v1/reports/monthly?month=${bad}`)
      expect(res.status, bad).toBe(400)
      expect(res.body.issues[0].path).toBe('month')
    }
    const missing = await registrar.json('GET', '/api/v1/reports/monthly')
    expect(missing.status).toBe(400)
    expect(missing.body.issues[0].path).toBe('month')
    const liaison = await t.as('liaison')
    expect((await liaison.request('GET', `/api/v1/reports/monthly?month=${month}`)).status).toBe(403)
    const entries = await t.parley.services.audit.listEntries({ limit: 50 })
    expect(entries.filter((e) => e.action === 'export.monthly_report')).toHaveLength(0)
  })
})

describe('parley report monthly', { timeout: 900_000 }, () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'parley-report-cli-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('writes the uk report to a file, and refuses a month to come naming it (exit 2)', async () => {
    const out = path.join(dir, 'report.pdf')
    const bad = await runParley(dir, ['report', 'monthly', '--month', '9999-12', '--out', out])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('month')
    const ok = await runParley(dir, ['report', 'monthly', '--month', month, '--lang', 'uk', '--out', out])
    expect(ok.code, ok.stderr).toBe(0)
    expect(ok.stdout).toContain(out)
    const text = textOf(readFileSync(out))
    expect(text).toContain('Щомісячний звіт')
    expect(text).toContain(month)
  })
})
