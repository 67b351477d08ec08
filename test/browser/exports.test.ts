import { readFileSync } from 'node:fs'
import { parse } from 'csv-parse/sync'
import { stringify } from 'csv-stringify/sync'
import ExcelJS from 'exceljs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fillDemo } from '../../src/app/demo'
import { listPersons, type PersonFilter } from '../../src/custody/store'
import { generatePersons } from '../../src/generate'
import { dashboardEn } from '../../src/web/locales/dashboard.en'
import { dashboardUk } from '../../src/web/locales/dashboard.uk'
import { uk } from '../../src/web/locales/uk'
import { startTestServer } from '../support/test-server'
import { launchChromium, signIn } from './browser'

const WAIT = { timeout: 120_000 }
const SETUP = { id: 'test', name: 'test setup', role: 'admin' } as const

describe('exports in the browser, on demo data', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>
  let browser: Browser

  beforeAll(async () => {
    server = await startTestServer()
    // the demo's fictitious register
    await fillDemo(server.parley, { persons: 60 })
    browser = await launchChromium()
  }, 600_000)
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  /** Register numbers of the persons the register holds under `filter`, as the page counts them (confirmed only). */
  async function expected(filter: PersonFilter) {
    const rows = await listPersons(
      server.parley.conn.db,
      { confirmation: 'confirmed', ...filter },
      { sort: 'registerNumber', direction: 'asc', limit: 10_000 },
    )
    return rows.map((r) => String(r.register_number)).sort()
  }

  /** Clicks Export → `item` and returns the file the browser downloaded, with the name it was given. */
  async function download(page: Page, button: string, item: string) {
    await page.getByRole('button', { name: button, exact: true }).click()
    const [file] = await Promise.all([
      page.waitForEvent('download', WAIT),
      page.getByRole('menuitem', { name: item, exact: true }).click(),
    ])
    return { name: file.suggestedFilename(), bytes: readFileSync((await file.path())!) }
  }

  async function xlsxRows(bytes: Buffer) {
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(bytes as never)
    const sheet = book.worksheets[0]!
    const rows: string[][] = []
    sheet.eachRow((row) => {
      rows.push(
        (row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v))),
      )
    })
    return rows
  }

  /** The monthly report: the button's link answers with a PDF, and clicking it downloads one. */
  async function monthlyReport(page: Page, button: string) {
    const link = page.getByRole('link', { name: button })
    await link.waitFor(WAIT)
    const href = (await link.getAttribute('href'))!
    // the same request the browser sends, with its session: the response's headers are checked here
    const res = await page.context().request.get(new URL(href, server.url).toString())
    expect(res.status()).toBe(200)
    expect(res.headers()['content-type']).toBe('application/pdf')
    expect((await res.body()).subarray(0, 5).toString()).toBe('%PDF-')
    const [file] = await Promise.all([page.waitForEvent('download', WAIT), link.click()])
    expect(file.suggestedFilename()).toMatch(/\.pdf$/)
    expect(
      readFileSync((await file.path())!)
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-')
  }

  it('exports the filtered register to CSV and XLSX, exactly its rows, and takes the monthly report (en)', async () => {
    const want = await expected({ status: 'interned' })
    expect(want.length).toBeGreaterThan(0)
    const page = await (await browser.newContext({ locale: 'en-GB', acceptDownloads: true })).newPage()
    await signIn(page, server.url, server.adminCredentials.username, server.adminCredentials.password)
    await page.getByRole('heading', { name: dashboardEn.title, exact: true }).waitFor(WAIT)
    await page.goto(`${server.url}/register?status=interned`)
    await expect
      .poll(() => page.getByTestId('register-count').textContent(), WAIT)
      .toBe(`${want.length} persons`)

    const csv = await download(page, 'Export', 'CSV')
    expect(csv.name).toMatch(/^register-\d{4}-\d{2}-\d{2}\.csv$/)
    const rows = parse(csv.bytes.toString('utf8'), { bom: true }) as string[][]
    expect(rows[0]!.slice(0, 2)).toEqual(['No.', 'Surname'])
    const status = rows[0]!.indexOf('Status')
    expect(
      rows
        .slice(1)
        .map((r) => r[0]!)
        .sort(),
    ).toEqual(want)
    expect(new Set(rows.slice(1).map((r) => r[status]))).toEqual(new Set(['interned']))

    const xlsx = await download(page, 'Export', 'XLSX')
    expect(xlsx.name).toMatch(/^register-\d{4}-\d{2}-\d{2}\.xlsx$/)
    const sheet = await xlsxRows(xlsx.bytes)
    expect(sheet[0]!.slice(0, 2)).toEqual(['No.', 'Surname'])
    expect(
      sheet
        .slice(1)
        .map((r) => r[0]!)
        .sort(),
    ).toEqual(want)

    // each download is in the trail with the register's filter
    const audited = (await server.parley.services.audit.listEntries({ limit: 200 })).filter(
      (e) => e.action === 'export.register',
    )
    expect(audited.map((e) => (e.after as { query: Record<string, string> }).query)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ format: 'csv', status: 'interned' }),
        expect.objectContaining({ format: 'xlsx', status: 'interned' }),
      ]),
    )

    await page.goto(server.url)
    await page.getByRole('heading', { name: dashboardEn.title, exact: true }).waitFor(WAIT)
    await monthlyReport(page, dashboardEn.monthlyReport.button)
  }, 300_000)

  it('does the same in Ukrainian: headings, menu and the report button in Ukrainian', async () => {
    const want = await expected({ sex: 'female' })
    expect(want.length).toBeGreaterThan(0)
    const page = await (await browser.newContext({ locale: 'uk-UA', acceptDownloads: true })).newPage()
    await page.goto(server.url)
    await page.locator('input[name="username"]').fill(server.adminCredentials.username)
    await page.locator('input[name="password"]').fill(server.adminCredentials.password)
    await page.getByRole('button', { name: uk.signIn.submit }).click()
    await page.getByRole('heading', { name: dashboardUk.title, exact: true }).waitFor(WAIT)
    await monthlyReport(page, dashboardUk.monthlyReport.button)

    await page.goto(`${server.url}/register?sex=female`)
    await page.getByRole('heading', { name: uk.register.title }).waitFor(WAIT)
    await expect
      .poll(() => page.getByTestId('register-count').textContent(), WAIT)
      .toMatch(new RegExp(`^${want.length} `))

    const csv = await download(page, 'Експорт', 'CSV')
    const rows = parse(csv.bytes.toString('utf8'), { bom: true }) as string[][]
    expect(rows[0]!.slice(0, 2)).toEqual(['№', 'Прізвище'])
    expect(
      rows
        .slice(1)
        .map((r) => r[0]!)
        .sort(),
    ).toEqual(want)
    const sex = rows[0]!.indexOf('Стать')
    expect(new Set(rows.slice(1).map((r) => r[sex]))).toEqual(new Set(['female']))

    const xlsx = await download(page, 'Експорт', 'XLSX')
    const sheet = await xlsxRows(xlsx.bytes)
    expect(sheet[0]!.slice(0, 2)).toEqual(['№', 'Прізвище'])
    expect(
      sheet
        .slice(1)
        .map((r) => r[0]!)
        .sort(),
    ).toEqual(want)
  }, 300_000)

  it("exports an exchange's handover list from the exchange's Export menu, its documents still offered", async () => {
    const { exchanges } = server.parley.services
    const e = await exchanges.createExchange(SETUP, {
      name: 'Exchange with an export',
      counterpart: 'the other side',
      terms: { maxSize: 4 },
      stages: [2, 2],
    })
    const ids = await server.parley.conn.db.selectFrom('persons').select('id').execute()
    await exchanges.annotateGive(
      SETUP,
      e.id,
      ids.map((p) => ({ personId: p.id, consent: true })),
    )
    // fictitious persons of ours from the project's generator, sought from the other side
    const ours = [...generatePersons({ seed: 1863, count: 4, nationality: 'UA', firstId: 9300 })]
    const sought = stringify([
      ['id', 'surname', 'first_name', 'date_of_birth', 'sex', 'seriously_wounded', 'captured_on'],
      ...ours.map((p) => [p.id, p.surname, p.givenName, p.dateOfBirth, p.sex, 'no', p.capture.date]),
    ])
    await exchanges.importSought(SETUP, e.id, 'sought.csv', Buffer.from(sought))
    await exchanges.plan(SETUP, e.id, { save: true })
    await exchanges.setStatus(SETUP, e.id, 'agreed', { reason: 'browser test of the exports' })
    await exchanges.startHandover(SETUP, e.id)
    const sheet = await exchanges.handoverSheet(e.id)
    expect(sheet.rows.length).toBeGreaterThan(0)

    const page = await (await browser.newContext({ locale: 'en-GB', acceptDownloads: true })).newPage()
    await signIn(page, server.url, server.adminCredentials.username, server.adminCredentials.password)
    await page.getByRole('heading', { name: dashboardEn.title, exact: true }).waitFor(WAIT)
    await page.goto(`${server.url}/exchanges/${e.id}`)
    await page.getByTestId('handover-pending').waitFor(WAIT)
    await page.getByRole('button', { name: 'Export', exact: true }).click()
    // the documents as before
    await page.getByRole('menuitem', { name: 'Agreed lists · PDF · Українська', exact: true }).waitFor(WAIT)
    await page.keyboard.press('Escape')
    const csv = await download(page, 'Export', 'Handover list · CSV')
    expect(csv.name).toMatch(/^handover-\d{4}-\d{2}-\d{2}\.csv$/)
    const rows = parse(csv.bytes.toString('utf8'), { bom: true }) as string[][]
    expect(rows[0]!.slice(0, 3)).toEqual(['Stage', 'Side', 'Surname'])
    expect(rows.slice(1).map((r) => `${r[0]} ${r[1]} ${r[2]}`)).toEqual(
      sheet.rows.map((r) => `${r.stage} ${r.side} ${r.person?.surname ?? r.ref}`),
    )
    const audited = (await server.parley.services.audit.listEntries({ limit: 200 })).filter(
      (x) => x.action === 'export.handover' && x.entityId === e.id,
    )
    expect(audited).toHaveLength(1)
  }, 300_000)
})
