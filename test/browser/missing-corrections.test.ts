import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { romanizeName } from '../../src/app/romanize'
import { appendAudit } from '../../src/audit/store'
import { systemClock } from '../../src/core/clock'
import { createWritePipeline } from '../../src/db/write'
import { scenarioMissing } from '../../src/generate/missing'
import { recordReturnsWithin } from '../../src/missing/record-returns'
import { missingUk } from '../../src/web/locales/missing.uk'
import { uk } from '../../src/web/locales/uk'
import { startTestServer } from '../support/test-server'
import { launchChromium } from './browser'

// a fictitious soldier from the project's generator, reported twice: by his mother and by his unit
const [soldier] = [...scenarioMissing({ seed: 3030, persons: 1 })]
const WAIT = { timeout: 60_000 }
const STAFF = { id: 'seed', name: 'seed', role: 'admin' as const }
const m = missingUk

describe('[MISSING]: a tracer corrects the history and merges two records of one person, in Ukrainian', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>
  let browser: Browser
  let page: Page
  let kept: { id: string; registerNumber: number }
  let other: { id: string; registerNumber: number }

  beforeAll(async () => {
    server = await startTestServer()
    const missing = server.parley.services.missing
    const base = {
      surname: soldier!.surname!,
      firstNames: soldier!.first_names!,
      dateOfBirth: soldier!.date_of_birth,
      lastSeen: { on: '2025-03-14' },
    }
    kept = await missing.createMissing(STAFF, {
      ...base,
      reporter: { name: 'Ганна Вигадана', relation: 'мати' },
      source: 'гаряча лінія',
    })
    other = await missing.createMissing(STAFF, {
      ...base,
      unit: soldier!.unit,
      reporter: { name: 'штаб частини', relation: 'частина' },
      source: 'донесення частини',
    })
    await missing.recordEvent(STAFF, kept.id, {
      type: 'captivity_confirmed',
      occurredOn: '2025-06-02',
      source: 'повідомлення МКЧХ',
      confidence: 'high',
    })
    // a wrong death, from a source the tracer trusted too much
    await missing.recordEvent(STAFF, kept.id, {
      type: 'died',
      occurredOn: '2025-07-01',
      source: 'відео з відкритих джерел',
      confidence: 'high',
    })
    browser = await launchChromium()
    const context = await browser.newContext({ locale: 'uk-UA', timezoneId: 'Europe/Kyiv' })
    page = await context.newPage()
    await page.goto(server.url)
    await page.locator('input[name="username"]').fill(server.adminCredentials.username)
    await page.locator('input[name="password"]').fill(server.adminCredentials.password)
    await page.getByRole('button', { name: uk.signIn.submit }).click()
    // signed in when the menu offers the register (the home page is another team's)
    await page.getByRole('navigation').getByRole('link', { name: m.nav, exact: true }).waitFor(WAIT)
  }, 300_000)
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('retracts the wrong death with a reason: the person is missing again, the death stays struck through', async () => {
    await page.goto(`${server.url}/missing/${kept.id}`)
    await expect.poll(() => page.getByTestId('missing-status').textContent(), WAIT).toBe(m.statuses.dead)
    const death = page.getByTestId('missing-event-3')
    await death.getByRole('button', { name: m.change.retract }).click()
    const form = page.getByRole('form', { name: `Відкликати: ${m.events.died}` })
    await form.getByLabel(m.change.reason, { exact: true }).fill('на відео інша людина')
    await form.getByRole('button', { name: m.change.saveRetraction }).click()
    await expect.poll(() => page.getByTestId('missing-status').textContent(), WAIT).toBe(m.statuses.missing)
    expect(await page.getByTestId('missing-captivity').textContent()).toBe(m.captivity.confirmed)
    const timeline = await page.getByTestId('missing-timeline').innerText()
    expect(timeline).toContain('Відкликає подію 3: на відео інша людина')
    expect(timeline).toContain('Замінено подією 4')
  })

  it('refuses a correction that conflicts, naming the event in Ukrainian, then takes the right date', async () => {
    const confirmed = page.getByTestId('missing-event-2')
    await confirmed.getByRole('button', { name: m.change.correct }).click()
    const form = page.getByRole('form', { name: `Виправити: ${m.events.captivity_confirmed}` })
    await form.getByLabel(m.fields.occurredOn, { exact: true }).fill('2025-01-02')
    await form.getByLabel(m.change.reason, { exact: true }).fill('помилкова дата')
    await form.getByRole('button', { name: m.change.saveCorrection }).click()
    await expect
      .poll(() => form.getByRole('alert').textContent(), WAIT)
      .toBe(`Відмовлено: суперечить події «${m.events.reported_missing}» від 14.03.2025; нічого не змінено`)

    await form.getByLabel(m.fields.occurredOn, { exact: true }).fill('2025-05-20')
    await form.getByRole('button', { name: m.change.saveCorrection }).click()
    await expect
      .poll(() => page.getByTestId('missing-timeline').innerText(), WAIT)
      .toContain('Виправляє подію 2: помилкова дата')
    expect(await page.getByTestId('missing-timeline').innerText()).toContain('20.05.2025 · повідомлення МКЧХ')
  })

  it('merges the unit’s record into this one from the possible duplicates, and its address then opens this one', async () => {
    const panel = page.getByTestId('missing-duplicates')
    await panel.getByLabel(m.merge.reason, { exact: true }).fill('та сама особа: дата народження, ім’я')
    await panel.getByRole('button', { name: `Приєднати № ${other.registerNumber} до цього запису` }).click()
    await expect.poll(() => page.getByTestId('missing-merged').isVisible(), WAIT).toBe(true)
    expect(await page.getByTestId('missing-reports').innerText()).toContain('донесення частини')
    expect(await page.getByTestId('missing-timeline').innerText()).toContain(
      `із запису № ${other.registerNumber}`,
    )

    await page.goto(`${server.url}/missing/${other.id}`)
    await expect.poll(() => page.url(), WAIT).toContain(kept.id)
    await page.getByTestId('missing-merged').waitFor(WAIT)
    const stored = await server.parley.services.missing.getMissing(other.id)
    expect(stored.person.mergedInto).toBe(kept.id)
  })

  it('takes the merged record out again', async () => {
    await page
      .getByTestId('missing-merged')
      .getByRole('button', { name: `Відокремити № ${other.registerNumber}` })
      .click()
    await expect.poll(() => page.getByTestId('missing-merged').count(), WAIT).toBe(0)
    const back = await server.parley.services.missing.getMissing(other.id)
    expect(back.person.mergedInto).toBeNull()
    expect(back.reports.map((r) => r.source)).toEqual(['донесення частини'])
  })

  it('opens the register filtered from its address: captivity confirmed still counts as missing', async () => {
    await page.goto(`${server.url}/missing?status=missing&captivity=confirmed`)
    const table = page.getByTestId('missing-table')
    await expect.poll(() => table.getByText(soldier!.surname!, { exact: false }).count(), WAIT).toBe(1)
    expect(await page.getByTestId('missing-count').textContent()).toBe('Показано 1 запис')
  })

  it('lists a return the exchange could not write, and a tracer dismisses it with a note', async () => {
    const missing = server.parley.services.missing
    const dead = await missing.createMissing(STAFF, {
      surname: 'Вигаданий',
      firstNames: 'Тарас',
      lastSeen: { on: '2025-02-01' },
      reporter: { name: 'брат' },
      source: 'лист',
    })
    await missing.recordEvent(STAFF, dead.id, {
      type: 'died',
      occurredOn: '2025-04-01',
      source: 'їхній список загиблих',
      confidence: 'high',
    })
    const db = server.parley.conn.db
    const write = createWritePipeline({ db, audit: { appendAudit }, clock: systemClock })
    await write(async (ctx) => {
      const r = await recordReturnsWithin(
        ctx,
        STAFF,
        [
          {
            ref: 'рядок 3',
            stage: 1,
            surname: 'Вигаданий',
            firstNames: 'Тарас',
            patronymic: '',
            dateOfBirth: '',
            serviceNumber: '',
            sex: null,
            rank: '',
            capturedOn: '',
            missingPersonId: dead.id,
          },
        ],
        { exchangeId: 'x', exchangeName: 'Обмін 7', on: '2025-09-01' },
        romanizeName,
      )
      return { result: r, audit: r.audit }
    })
    await page.goto(`${server.url}/missing/reviews`)
    const table = page.getByTestId('return-reviews')
    await expect.poll(() => table.getByText('Вигаданий Тарас').isVisible(), WAIT).toBe(true)
    expect(await table.innerText()).toContain('Обмін 7')
    await table.getByRole('button', { name: m.reviews.dismiss }).click()
    await expect.poll(() => table.getByRole('alert').isVisible(), WAIT).toBe(true)
    await table.getByLabel(m.reviews.note).fill('загибель підтверджено, повернувся однофамілець')
    await table.getByRole('button', { name: m.reviews.dismiss }).click()
    await expect.poll(() => page.getByTestId('reviews-empty').isVisible(), WAIT).toBe(true)
  })
})
