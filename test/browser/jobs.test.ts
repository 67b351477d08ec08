import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { defineJobKind } from '../../src/jobs/kind'
import { jobsUk as words } from '../../src/web/locales/jobs.uk'
import { uk } from '../../src/web/locales/uk'
import { startTestServer } from '../support/test-server'
import { launchChromium } from './browser'

const OWNER = { id: 'analyst-1', name: 'Аналітик Тестовий', role: 'analyst' } as const
const WAIT = { timeout: 60_000 }

describe('the jobs page (uk)', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    server = await startTestServer()
    browser = await launchChromium()
    page = await (await browser.newContext({ locale: 'uk-UA', timezoneId: 'Europe/Kyiv' })).newPage()
  }, 300_000)
  afterAll(async () => {
    await server?.parley.services.jobs.idle()
    await browser?.close()
    await server?.close()
  })

  it('shows a running job with its progress and lets an admin cancel it', async () => {
    const { jobs } = server.parley.services
    // a job that reports progress and then waits until it is stopped: it is running while we look
    jobs.register(
      defineJobKind({
        name: 'waiting',
        input: z.object({}),
        run: (ctx) =>
          new Promise<never>((_, reject) => {
            ctx.progress('waiting', 3, 10)
            ctx.signal.addEventListener('abort', () => reject(new Error('stopped')))
          }),
      }),
    )
    const id = await jobs.submit(OWNER, 'waiting', {})

    await page.goto(server.url)
    await page.locator('input[name="username"]').fill(server.adminCredentials.username)
    await page.locator('input[name="password"]').fill(server.adminCredentials.password)
    await page.getByRole('button', { name: uk.signIn.submit }).click()
    await page.getByRole('link', { name: words.nav }).click()
    await page.getByRole('heading', { name: words.title }).waitFor(WAIT)
    const row = page.getByRole('row').filter({ hasText: OWNER.name })
    await row.getByText(words.statuses.running).waitFor(WAIT)
    await row.getByRole('progressbar').waitFor(WAIT)
    await row.getByRole('button', { name: words.cancel }).click()
    await row.getByText(words.statuses.cancelled).waitFor(WAIT)
    expect((await jobs.getJob(id)).status).toBe('cancelled')
    await expect(row.getByRole('button', { name: words.cancel }).count()).resolves.toBe(0)
  })
})
