import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { scenarioMissing } from '../../src/generate/missing'
import { missingUk } from '../../src/web/locales/missing.uk'
import { uk } from '../../src/web/locales/uk'
import { startTestServer } from '../support/test-server'
import { launchChromium } from './browser'

// fictitious soldiers from the project's generator: the ICRC's confirmation was entered on the wrong one
const [wrong, right, later] = [...scenarioMissing({ seed: 4141, persons: 3 })]
const WAIT = { timeout: 60_000 }
const STAFF = { id: 'seed', name: 'seed', role: 'admin' as const }
const m = missingUk

describe('[MISSING]: a tracer moves an event entered on the wrong person, in Ukrainian', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>
  let browser: Browser
  let page: Page
  const ids: Record<'wrong' | 'right' | 'later', { id: string; registerNumber: number }> = {} as never

  beforeAll(async () => {
    server = await startTestServer()
    const missing = server.parley.services.missing
    for (const [key, p, on] of [
      ['wrong', wrong, '2025-03-14'],
      ['right', right, '2025-03-20'],
      // went missing after the confirmation's date: the event cannot belong to them
      ['later', later, '2025-08-01'],
    ] as const)
      ids[key] = await missing.createMissing(STAFF, {
        surname: p!.surname!,
        firstNames: p!.first_names!,
        dateOfBirth: p!.date_of_birth,
        lastSeen: { on },
        reporter: { name: 'гаряча лінія', relation: 'родина' },
        source: 'гаряча лінія',
      })
    await missing.recordEvent(STAFF, ids.wrong.id, {
      type: 'captivity_confirmed',
      occurredOn: '2025-06-02',
      source: 'повідомлення МКЧХ',
      confidence: 'high',
    })
    browser = await launchChromium()
    const context = await browser.newContext({ locale: 'uk-UA', timezoneId: 'Europe/Kyiv' })
    page = await context.newPage()
    await page.goto(server.url)
    await page.locator('input[name="username"]').fill(server.adminCredentials.username)
    await page.locator('input[name="password"]').fill(server.adminCredentials.password)
    await page.getByRole('button', { name: uk.signIn.submit }).click()
    await page.getByRole('navigation').getByRole('link', { name: m.nav, exact: true }).waitFor(WAIT)
  }, 300_000)
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  async function chooseTarget(surname: string, n: number) {
    await page.goto(`${server.url}/missing/${ids.wrong.id}`)
    const event = page.getByTestId('missing-event-2')
    await event.getByRole('button', { name: m.move.action }).click({ timeout: 60_000 })
    const form = page.getByRole('form', {
      name: `Перенести до іншого запису: ${m.events.captivity_confirmed}`,
    })
    await form.getByLabel(m.move.search).fill(surname)
    await form
      .getByRole('group', { name: m.move.choose })
      .getByRole('button', { name: new RegExp(`№ ${n} `) })
      .click(WAIT)
    return form
  }

  it('refuses a record whose history cannot take the event, naming the conflict, and changes nothing', async () => {
    const form = await chooseTarget(later!.surname!, ids.later.registerNumber)
    await form.getByLabel(m.change.reason, { exact: true }).fill('не той запис')
    await form.getByRole('button', { name: `Перенести до № ${ids.later.registerNumber}` }).click()
    await expect.poll(() => form.getByRole('alert').textContent(), WAIT).toContain('Відмовлено')
    const untouched = await server.parley.services.missing.getMissing(ids.wrong.id)
    expect(untouched.person.captivity).toBe('confirmed')
    expect((await server.parley.services.missing.getMissing(ids.later.id)).events).toHaveLength(1)
  })

  it('finds the right record by surname, shows what will happen, and moves the event with the reason', async () => {
    const form = await chooseTarget(right!.surname!, ids.right.registerNumber)
    const confirm = await form.getByTestId('missing-move-confirm').textContent()
    expect(confirm).toContain(`«${m.events.captivity_confirmed}» від 02.06.2025`)
    expect(confirm).toContain(`№ ${ids.right.registerNumber} (${right!.surname}`)
    const save = form.getByRole('button', { name: `Перенести до № ${ids.right.registerNumber}` })
    expect(await save.isDisabled()).toBe(true)
    await form.getByLabel(m.change.reason, { exact: true }).fill('МКЧХ назвало іншу дату народження')
    await save.click()
    await expect
      .poll(() => page.getByTestId('missing-timeline').innerText(), WAIT)
      .toContain('Відкликає подію 2: МКЧХ назвало іншу дату народження')
    await expect.poll(() => page.getByTestId('missing-captivity').count(), WAIT).toBe(0)

    const there = await server.parley.services.missing.getMissing(ids.right.id)
    expect(there.person.captivity).toBe('confirmed')
    expect(there.events.at(-1)).toMatchObject({ type: 'captivity_confirmed', source: 'повідомлення МКЧХ' })
    const audit = await server.parley.services.audit.listEntries({ entityType: 'missing_person', limit: 20 })
    expect(audit.map((e) => [e.action, e.entityId])).toEqual(
      expect.arrayContaining([
        ['missing.event.retracted', ids.wrong.id],
        ['missing.event.captivity_confirmed', ids.right.id],
      ]),
    )
    await page.goto(`${server.url}/missing/${ids.right.id}`)
    await expect
      .poll(() => page.getByTestId('missing-captivity').textContent(), WAIT)
      .toBe(m.captivity.confirmed)
  })
})
