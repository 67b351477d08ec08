import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fillDemo } from '../../src/app/demo'
import { dashboardEn } from '../../src/web/locales/dashboard.en'
import { dashboardUk } from '../../src/web/locales/dashboard.uk'
import { uk } from '../../src/web/locales/uk'
import { startTestServer } from '../support/test-server'
import { launchChromium, signIn } from './browser'

const WAIT = { timeout: 120_000 }
const ANALYST = { id: 'test', name: 'test analyst', role: 'analyst' } as const

describe('the overview in the browser, on demo data', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>
  let browser: Browser

  beforeAll(async () => {
    server = await startTestServer()
    // the demo's fictitious register, and three sources that disagree on how many we hold
    await fillDemo(server.parley, { persons: 60 })
    const { reported } = server.parley.services
    for (const claim of [
      {
        claimed: 'hundreds',
        low: 200,
        high: 900,
        source: 'Ombudsman (fictitious)',
        assessment: 'unverified',
      },
      { claimed: 'up to 2,000', high: 2000, source: 'News agency (fictitious)', assessment: 'disputed' },
      { claimed: '5,000', low: 5000, source: 'Anonymous channel (fictitious)', assessment: 'refuted' },
    ])
      await reported.report(ANALYST, { question: 'held_by_us', claimedOn: '2026-10-01', ...claim })
    browser = await launchChromium()
  }, 600_000)
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('opens on the overview in English and follows a status figure to the register filtered by it', async () => {
    const page = await (await browser.newContext({ locale: 'en-GB' })).newPage()
    await signIn(page, server.url, server.adminCredentials.username, server.adminCredentials.password)
    await page.getByRole('heading', { name: dashboardEn.title, exact: true }).waitFor(WAIT)
    const held = await server.parley.services.dashboard.figures()
    expect(await page.getByTestId('reported-summary').textContent()).toBe(
      `Sources say hundreds to up to 2,000; we have confirmed ${held.held.total} by name`,
    )
    const interned = held.held.byStatus.find((s) => s.key === 'interned')!.n
    const figure = page.getByTestId('figure-status-interned').getByRole('link')
    expect(await figure.textContent()).toBe(`${interned} Interned`)
    await figure.click()
    await page.waitForURL(/\/register\?status=interned/, WAIT)
    await expect
      .poll(() => page.getByTestId('register-count').textContent(), WAIT)
      .toBe(`${interned} persons`)
  }, 300_000)

  it('opens on the overview in Ukrainian and follows the held figure to the register of those held now', async () => {
    const page = await (await browser.newContext({ locale: 'uk-UA' })).newPage()
    await page.goto(server.url)
    await page.locator('input[name="username"]').fill(server.adminCredentials.username)
    await page.locator('input[name="password"]').fill(server.adminCredentials.password)
    await page.getByRole('button', { name: uk.signIn.submit }).click()
    await page.getByRole('heading', { name: dashboardUk.title, exact: true }).waitFor(WAIT)
    await page.getByRole('heading', { name: dashboardUk.fund.title }).waitFor(WAIT)
    const { held } = await server.parley.services.dashboard.figures()
    const figure = page.getByTestId('figure-held').getByRole('link')
    expect(await figure.textContent()).toBe(`${held.total} ${dashboardUk.held.total}`)
    await figure.click()
    await page.waitForURL(/\/register\?held=/, WAIT)
    await page.getByRole('heading', { name: uk.register.title }).waitFor(WAIT)
    await expect
      .poll(() => page.getByTestId('register-count').textContent(), WAIT)
      .toMatch(new RegExp(`^${held.total} `))
  }, 300_000)
})
