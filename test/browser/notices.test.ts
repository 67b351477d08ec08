import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generatePersons } from '../../src/generate'
import { writeSetting } from '../../src/settings/store'
import { jobsUk } from '../../src/web/locales/jobs.uk'
import { noticesUk } from '../../src/web/locales/notices.uk'
import { uk } from '../../src/web/locales/uk'
import { startTestServer } from '../support/test-server'
import { launchChromium } from './browser'

// fictitious prisoners from the project's generator
const held = [...generatePersons({ seed: 1603, count: 2, nationality: 'RU' })]
const WAIT = { timeout: 60_000 }
const ADMIN = { id: 'test', name: 'test', role: 'admin' as const }

describe("the liaison's notices in the browser, in Ukrainian", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    server = await startTestServer()
    const { custody, users } = server.parley.services
    const camp = await custody.createFacility(ADMIN, { name: 'Табір 1', kind: 'camp' })
    for (const p of held)
      await custody.registerPerson(ADMIN, {
        category: 'prisoner_of_war',
        surname: p.surname,
        firstNames: p.givenName,
        rank: p.rank,
        serviceNumber: p.serviceNumber,
        dateOfBirth: p.dateOfBirth,
        capturedOn: new Date().toISOString().slice(0, 10),
        capturePlace: p.capture.place,
        facilityId: camp.id,
      })
    const password = 'correct horse battery staple'
    await users.createUser(ADMIN, { username: 'liaison1', name: 'Test liaison', role: 'liaison', password })
    browser = await launchChromium()
    const context = await browser.newContext({ locale: 'uk-UA', timezoneId: 'Europe/Kyiv' })
    page = await context.newPage()
    await page.goto(server.url)
    await page.locator('input[name="username"]').fill('liaison1')
    await page.locator('input[name="password"]').fill(password)
    await page.getByRole('button', { name: uk.signIn.submit }).click()
    await page.getByRole('navigation').getByRole('link', { name: noticesUk.nav }).waitFor(WAIT)
  }, 300_000)
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('walks through due, batch, sent and acknowledged', async () => {
    await page.getByRole('navigation').getByRole('link', { name: noticesUk.nav }).click()
    await page.getByRole('heading', { name: noticesUk.title }).waitFor(WAIT)
    const due = page.getByTestId('notices-due')
    await due.waitFor(WAIT)
    // two prisoners: a capture card and an Art. 122 notification each, a week left
    expect(await due.locator('tbody tr').count()).toBe(4)
    expect(await due.textContent()).toContain(held[0]!.surname)
    expect(await due.textContent()).toContain('GC III Art. 70, Annex IV B')
    expect(await due.textContent()).toContain('залишилося 7 днів')

    await page.getByTestId('prepare-batch').click()
    const batch = page.getByTestId('notice-batch')
    await expect
      .poll(() => batch.getByTestId('batch-state').textContent(), WAIT)
      .toBe(noticesUk.state.prepared)
    await expect.poll(() => page.getByText(noticesUk.empty).isVisible(), WAIT).toBe(true)
    // exported and signed before it is sent: the file is kept, then kept as sent
    await batch.getByTestId('export-csv').click()
    await expect.poll(() => batch.getByTestId('batch-file').textContent(), WAIT).toContain(noticesUk.exported)

    await batch.getByLabel(noticesUk.how).fill('портал ЦАР')
    await batch.getByLabel(noticesUk.reference).fill('UA-2026-0001')
    await batch.getByTestId('mark-sent').click()
    await expect.poll(() => batch.getByTestId('batch-state').textContent(), WAIT).toBe(noticesUk.state.sent)

    await batch.getByLabel(noticesUk.ackNote).fill('ICRC-77')
    await batch.getByTestId('mark-acknowledged').click()
    await expect
      .poll(() => batch.getByTestId('batch-state').textContent(), WAIT)
      .toBe(noticesUk.state.acknowledged)
    const body = (await page.locator('body').textContent()) ?? ''
    for (const english of ['Notices', 'Prepare', 'Mark sent', 'Acknowledged', 'overdue', 'left'])
      expect(body).not.toContain(english)
  }, 300_000)

  it('opens a past batch with its file kept as sent; the person page shows the notice and its card', async () => {
    await page.getByRole('button', { name: noticesUk.close }).click()
    const past = page.getByTestId('past-batches')
    await expect.poll(() => past.textContent(), WAIT).toContain('UA-2026-0001')
    expect(await past.textContent()).toContain(noticesUk.state.acknowledged)
    await past.getByTestId('open-batch').first().click()
    const batch = page.getByTestId('notice-batch')
    await expect
      .poll(() => batch.getByTestId('batch-state').textContent(), WAIT)
      .toBe(noticesUk.state.acknowledged)
    expect(await batch.getByTestId('batch-sent').textContent()).toContain('портал ЦАР')
    expect(await batch.getByTestId('batch-file').textContent()).toContain(noticesUk.asSent)
    const file = batch.getByTestId('batch-file').getByRole('link', { name: /batch-\d+\.csv/ })
    const csv = await page.evaluate(
      async (href) => (await fetch(href)).text(),
      (await file.getAttribute('href'))!,
    )
    expect(csv).toContain(held[0]!.surname)
    expect(await batch.getByTestId('batch-notices').locator('tbody tr').count()).toBe(4)

    await batch
      .getByRole('link', { name: new RegExp(held[0]!.surname) })
      .first()
      .click()
    const notices = page.getByTestId('person-notices')
    await expect.poll(() => notices.textContent(), WAIT).toContain(noticesUk.kind.capture_card)
    expect(await notices.textContent()).toContain(noticesUk.noticeState.acknowledged)
    expect(await notices.textContent()).toContain('GC III Art. 70, Annex IV B')
    const card = notices.getByTestId('card-links').getByRole('link', { name: 'UK' })
    const pdf = await page.evaluate(
      async (href) => (await fetch(href)).headers.get('content-type'),
      (await card.getAttribute('href'))!,
    )
    expect(pdf).toBe('application/pdf')
  }, 300_000)

  it("marks a civilian's notices not for the Power (GC IV Art. 137) after a confirmation", async () => {
    const [civilian] = [...generatePersons({ seed: 1604, count: 1, nationality: 'RU' })]
    const camp = await server.parley.services.custody.createFacility(ADMIN, { name: 'Табір 2', kind: 'camp' })
    await server.parley.services.custody.registerPerson(ADMIN, {
      category: 'civilian_internee',
      surname: civilian!.surname,
      firstNames: civilian!.givenName,
      dateOfBirth: civilian!.dateOfBirth,
      capturedOn: new Date().toISOString().slice(0, 10),
      capturePlace: civilian!.capture.place,
      facilityId: camp.id,
    })
    await page.getByRole('navigation').getByRole('link', { name: noticesUk.nav }).click()
    const due = page.getByTestId('notices-due')
    await expect.poll(() => due.textContent(), WAIT).toContain(civilian!.surname)
    await due.getByTestId('withhold').first().click()
    const dialog = page.getByRole('dialog')
    await dialog.getByText(noticesUk.withholdText).waitFor(WAIT)
    await dialog.getByTestId('withhold-confirm').click()
    // no reason given: refused, and said so in the dialog
    await dialog.getByRole('alert').or(dialog.locator('.mantine-Alert-root')).first().waitFor(WAIT)
    await dialog.getByLabel(noticesUk.withholdReason).fill('родина проживає на окупованій території')
    await dialog.getByTestId('withhold-confirm').click()
    await expect.poll(() => due.getByText(noticesUk.notToPower).count(), WAIT).toBe(2)
    expect(await due.getByTestId('withhold').count()).toBe(0)
  }, 300_000)
  it('records an imported backlog as sent before Parley: counted first, then in one action', async () => {
    // prisoners held since long before Parley, captured a year ago, their notices long overdue
    const old = [...generatePersons({ seed: 1605, count: 3, nationality: 'RU' })]
    const camp = await server.parley.services.custody.createFacility(ADMIN, { name: 'Табір 3', kind: 'camp' })
    const yearAgo = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10)
    for (const p of old)
      await server.parley.services.custody.registerPerson(ADMIN, {
        category: 'prisoner_of_war',
        surname: p.surname,
        firstNames: p.givenName,
        capturedOn: yearAgo,
        facilityId: camp.id,
      })
    // seeded behind the page's back: read afresh
    await page.reload()
    await page.getByRole('navigation').getByRole('link', { name: noticesUk.nav }).click()
    const due = page.getByTestId('notices-due')
    await expect.poll(() => due.textContent(), WAIT).toContain(old[0]!.surname)
    expect(await due.textContent()).toContain('прострочено')
    await page.getByTestId('backlog-open').click()
    const dialog = page.getByRole('dialog')
    await dialog
      .getByLabel(noticesUk.backlogBefore)
      .fill(new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10))
    await dialog.getByLabel(noticesUk.reference).fill('паперові списки 2025')
    await dialog.getByTestId('backlog-count-button').click()
    // the Art. 122 notification of each capture a year ago; the cards count from today's arrival
    await expect.poll(() => dialog.getByTestId('backlog-count').textContent(), WAIT).toContain('3')
    await dialog.getByTestId('backlog-confirm').click()
    await expect.poll(() => dialog.getByTestId('backlog-done').textContent(), WAIT).toContain('3')
    await dialog.getByRole('button', { name: noticesUk.close }).click()
    await expect.poll(() => page.getByText('прострочено').count(), WAIT).toBe(0)
    const past = page.getByTestId('past-batches')
    await expect.poll(() => past.textContent(), WAIT).toContain('паперові списки 2025')
    expect(await past.getByTestId('backlog-badge').first().textContent()).toBe(noticesUk.backlogBadge)
  }, 300_000)
  it('a large batch is prepared by a worker: followed on the notices page, opened when ready, listed on the jobs page', async () => {
    // every batch counts as large from here (settings key notices.batchAsJobOver)
    await writeSetting(server.parley.conn.db, 'notices.batchAsJobOver', 0, new Date())
    await page.reload()
    await page.getByRole('navigation').getByRole('link', { name: noticesUk.nav }).click()
    await page.getByTestId('notices-due').waitFor(WAIT)
    await page.getByTestId('prepare-batch').click()
    // the worker's batch opens here when it is ready, without leaving the page
    const batch = page.getByTestId('notice-batch')
    await expect
      .poll(() => batch.getByTestId('batch-state').textContent(), WAIT)
      .toBe(noticesUk.state.prepared)
    await page.getByText(noticesUk.empty).waitFor(WAIT)
    expect(page.url()).toContain('/notices')
    await page.getByRole('navigation').getByRole('link', { name: jobsUk.nav }).click()
    const row = page.getByRole('row').filter({ hasText: jobsUk.kinds.notices.batch })
    await row.getByText(jobsUk.statuses.done).waitFor(WAIT)
    expect(await row.textContent()).toContain('Test liaison')
  }, 300_000)
})
