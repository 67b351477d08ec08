import { stringify } from 'csv-stringify/sync'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { scenarioMissing } from '../../src/generate/missing'
import { missingUk } from '../../src/web/locales/missing.uk'
import { uk } from '../../src/web/locales/uk'
import { startTestServer } from '../support/test-server'
import { choose, launchChromium } from './browser'

// a fictitious soldier from the project's generator
const [soldier] = [...scenarioMissing({ seed: 1515, persons: 1 })]
const WAIT = { timeout: 60_000 }

describe('the missing-persons register in the browser, in Ukrainian', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    server = await startTestServer()
    browser = await launchChromium()
    const context = await browser.newContext({ locale: 'uk-UA', timezoneId: 'Europe/Kyiv' })
    page = await context.newPage()
    await page.goto(`${server.url}/register`)
    await page.locator('input[name="username"]').fill(server.adminCredentials.username)
    await page.locator('input[name="password"]').fill(server.adminCredentials.password)
    await page.getByRole('button', { name: uk.signIn.submit }).click()
    await page.getByRole('heading', { name: uk.register.title }).waitFor(WAIT)
  }, 300_000)
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('registers a missing person from a report, with the reporter and the consent', async () => {
    await page.getByRole('navigation').getByRole('link', { name: missingUk.navReport }).click()
    const form = page.getByRole('form', { name: missingUk.report.title })
    await form.waitFor(WAIT)
    const f = missingUk.fields
    await form.getByLabel(f.surname, { exact: true }).fill(soldier!.surname!)
    await form.getByLabel(f.firstNames, { exact: true }).fill(soldier!.first_names!)
    await form.getByLabel(f.unit, { exact: true }).fill(soldier!.unit!)
    await form.getByLabel(f.region, { exact: true }).fill('Донецька')
    await form.getByLabel(f.lastSeenOn, { exact: true }).fill('2025-03-14')
    await form.getByLabel(f.lastSeenPlace, { exact: true }).fill(soldier!.last_seen_place!)
    await form.getByLabel(f.reporterName, { exact: true }).fill('Ганна Вигадана')
    await form.getByLabel(f.relation, { exact: true }).fill('мати')
    await form.getByLabel(f.source, { exact: true }).fill('гаряча лінія')
    await form.getByLabel(f.consentUse, { exact: true }).check()
    await form.getByLabel(f.shareIcrc, { exact: true }).check()
    await form.getByRole('button', { name: missingUk.report.submit }).click()

    const heading = `${soldier!.surname} ${soldier!.first_names}`
    await expect.poll(() => page.getByRole('heading', { name: heading }).isVisible(), WAIT).toBe(true)
    expect(await page.getByTestId('missing-status').textContent()).toBe(missingUk.statuses.missing)
    const consent = await page.getByTestId('missing-consent').textContent()
    expect(consent).toContain(missingUk.consent.use)
    expect(consent).toContain('Можна передати: МКЧХ')
    expect(
      await page.getByTestId('missing-timeline').getByText(missingUk.events.reported_missing).isVisible(),
    ).toBe(true)
  })

  it('records captivity confirmed: the person stays missing, and the timeline shows the source and confidence', async () => {
    const form = page.getByRole('form', { name: missingUk.event.title })
    await choose(page, missingUk.fields.type, missingUk.events.captivity_confirmed)
    await form.getByLabel(missingUk.fields.occurredOn, { exact: true }).fill('2025-06-02')
    await form.getByLabel(missingUk.fields.source, { exact: true }).fill('повідомлення МКЧХ')
    await choose(page, missingUk.fields.confidence, missingUk.confidence.high)
    await form.getByRole('button', { name: missingUk.event.submit }).click()

    await expect
      .poll(() => page.getByTestId('missing-captivity').textContent(), WAIT)
      .toBe(missingUk.captivity.confirmed)
    expect(await page.getByTestId('missing-status').textContent()).toBe(missingUk.statuses.missing)
    const timeline = page.getByTestId('missing-timeline')
    expect(await timeline.getByText(missingUk.events.captivity_confirmed).isVisible()).toBe(true)
    expect(await timeline.innerText()).toContain('02.06.2025 · повідомлення МКЧХ · достовірність: Висока')
    // the admin sees the audit trail, in words
    await expect
      .poll(
        () =>
          page.getByTestId('missing-audit').getByText(missingUk.auditActions.missing_register).isVisible(),
        WAIT,
      )
      .toBe(true)
    expect(
      await page
        .getByTestId('missing-audit')
        .getByText(missingUk.auditActions.missing_event_captivity_confirmed)
        .isVisible(),
    ).toBe(true)

    const [stored] = (await server.parley.services.missing.listMissing({}, { limit: 5 })).items
    expect(stored).toMatchObject({ status: 'missing', captivity: 'confirmed' })
  })

  it('finds the person in the register by the captivity filter', async () => {
    await page.getByRole('navigation').getByRole('link', { name: missingUk.nav, exact: true }).click()
    await page.getByRole('heading', { name: missingUk.title }).waitFor(WAIT)
    await choose(page, missingUk.filters.captivity, missingUk.captivity.confirmed)
    await page.getByRole('button', { name: missingUk.search }).click()
    const table = page.getByTestId('missing-table')
    await expect.poll(() => table.getByText(soldier!.surname!, { exact: false }).isVisible(), WAIT).toBe(true)
    expect(await table.textContent()).toContain(
      `${missingUk.statuses.missing} · ${missingUk.captivity.confirmed}`,
    )
  })

  it('imports a register file: a bad row refused naming row and column, then the whole file', async () => {
    const rows = [...scenarioMissing({ seed: 1516, persons: 30 })]
    const csv = (rs: Record<string, string>[]) => ({
      name: 'реєстр.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(stringify(rs, { header: true })),
    })
    const section = page.getByRole('region', { name: missingUk.import.title })
    const input = section.locator('input[type="file"]')
    await input.setInputFiles(csv(rows.map((r, i) => (i === 4 ? { ...r, date_of_birth: '31.02.1990' } : r))))
    await section.getByRole('button', { name: missingUk.import.submit }).click()
    await expect.poll(() => page.getByTestId('missing-import-error').isVisible(), WAIT).toBe(true)
    // the fifth data row is line 6 of the file, named with the file's own column
    expect(await page.getByTestId('missing-import-error').textContent()).toContain('Рядок 6 — date_of_birth')
    expect((await server.parley.services.missing.listMissing({}, { limit: 100 })).items).toHaveLength(1)

    await input.setInputFiles(csv(rows))
    await section.getByRole('button', { name: missingUk.import.submit }).click()
    await expect
      .poll(() => page.getByTestId('missing-import-result').textContent(), WAIT)
      .toBe('Рядків: 30; зареєстровано: 30; імпортовано раніше: 0')
    expect((await server.parley.services.missing.listMissing({}, { limit: 100 })).items).toHaveLength(31)
  })
})
