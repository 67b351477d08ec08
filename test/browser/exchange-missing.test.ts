import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { scenarioMissing } from '../../src/generate/missing'
import { uk } from '../../src/web/locales/uk'
import { startTestServer } from '../support/test-server'
import { launchChromium } from './browser'

const SETUP = { id: 'test', name: 'test setup', role: 'admin' } as const
const WAIT = { timeout: 60_000 }
// fictitious soldiers from the project's generator
const soldiers = [...scenarioMissing({ seed: 1517, persons: 3 })]

describe("an exchange's list of ours they hold, taken from the missing-persons register (uk)", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    server = await startTestServer()
    browser = await launchChromium()
    page = await (await browser.newContext({ locale: 'uk-UA', timezoneId: 'Europe/Kyiv' })).newPage()
  }, 300_000)
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('fills the pool with the missing whose captivity is confirmed, at one click', async () => {
    const { missing, exchanges } = server.parley.services
    const today = new Date().toISOString().slice(0, 10)
    for (const [i, s] of soldiers.entries()) {
      const m = await missing.createMissing(SETUP, {
        surname: s.surname!,
        firstNames: s.first_names,
        dateOfBirth: s.date_of_birth,
        reporter: { name: s.reported_by! },
        source: 'hotline',
      })
      // the third is only reported missing: not known to be held, so not asked for
      if (i < 2)
        await missing.recordEvent(SETUP, m.id, {
          type: 'captivity_confirmed',
          occurredOn: today,
          source: 'ICRC',
          confidence: 'high',
        })
    }
    const e = await exchanges.createExchange(SETUP, { name: 'Обмін 18', counterpart: 'інша сторона' })

    await page.goto(`${server.url}/register`)
    await page.locator('input[name="username"]').fill(server.adminCredentials.username)
    await page.locator('input[name="password"]').fill(server.adminCredentials.password)
    await page.getByRole('button', { name: uk.signIn.submit }).click()
    await page.getByRole('heading', { name: uk.register.title }).waitFor(WAIT)
    await page.goto(`${server.url}/exchanges/${e.id}`)
    const counts = page.getByTestId('pool-counts')
    await expect.poll(() => counts.textContent(), WAIT).toContain('0 наших')
    await page.getByRole('button', { name: uk.exchange.soughtFromMissing }).click()
    await expect.poll(() => counts.textContent(), WAIT).toContain('2 наших розшукуються')
  })
})
