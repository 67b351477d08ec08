import { stringify } from 'csv-stringify/sync'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generatePersons } from '../../src/generate'
import { REGISTER_COLUMNS, registerRow } from '../../src/generate/scenarios'
import { startTestServer } from '../support/test-server'
import { launchChromium, signIn } from './browser'

const SETUP = { id: 'test', name: 'test setup', role: 'admin' } as const

describe('an exchange in the browser', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    server = await startTestServer()
    const { personImport, exchanges } = server.parley.services
    const held = [...generatePersons({ seed: 41, count: 12, nationality: 'RU' })]
    await personImport.importPersons(SETUP, {
      name: 'held.csv',
      content: stringify([
        REGISTER_COLUMNS,
        ...held.map((p) => REGISTER_COLUMNS.map((c) => registerRow(p, 41)[c] ?? '')),
      ]),
    })
    const ids = await server.parley.conn.db.selectFrom('persons').select('id').execute()
    const e = await exchanges.createExchange(SETUP, {
      name: 'Exchange 12',
      counterpart: 'the other side',
      terms: { maxSize: 6 },
      stages: [4, 2],
    })
    await exchanges.annotateGive(
      SETUP,
      e.id,
      ids.map((p) => ({ personId: p.id, consent: true })),
    )
    const ours = [...generatePersons({ seed: 42, count: 9, nationality: 'UA', firstId: 900 })]
    const sought = stringify([
      ['id', 'surname', 'first_name', 'date_of_birth', 'sex', 'seriously_wounded', 'captured_on'],
      ...ours.map((p, i) => [
        p.id,
        p.surname,
        p.givenName,
        p.dateOfBirth,
        p.sex,
        i === 8 ? 'yes' : 'no',
        p.capture.date,
      ]),
    ])
    await exchanges.importSought(SETUP, e.id, 'sought.csv', Buffer.from(sought))
    browser = await launchChromium()
    page = await (
      await browser.newContext({ locale: 'en-GB', viewport: { width: 1024, height: 1366 } })
    ).newPage()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('builds a plan with its reasons and saves it as our proposal', async () => {
    await signIn(page, server.url, server.adminCredentials.username, server.adminCredentials.password)
    await page.getByRole('link', { name: 'Exchanges' }).click()
    await page.getByRole('link', { name: 'Exchange 12' }).click()
    await expect.poll(() => page.getByTestId('exchange-status').textContent()).toBe('Draft')
    await page.getByRole('button', { name: 'Plan', exact: true }).click()
    await expect
      .poll(() => page.getByTestId('plan-summary').textContent())
      .toContain('6 to give, 6 to receive')
    // the one seriously wounded person of ours comes first, with the reason
    expect(
      await page.getByTestId('plan-receive').getByText('priority 1: seriously wounded or sick').isVisible(),
    ).toBe(true)
    expect(await page.getByText('the size limit of 6 is reached').first().isVisible()).toBe(true)
    await page.getByRole('button', { name: 'Save as our proposal' }).click()
    await expect.poll(() => page.getByTestId('exchange-status').textContent()).toBe('Proposed')
  })

  it('checks off the handover on a tablet and writes who crossed', async () => {
    await page.getByRole('button', { name: 'Mark agreed' }).click()
    await expect.poll(() => page.getByTestId('exchange-status').textContent()).toBe('Agreed')
    await page.getByRole('button', { name: 'Start the handover' }).click()
    await expect.poll(() => page.getByTestId('exchange-status').textContent()).toBe('Handover under way')
    await expect.poll(() => page.getByTestId('handover-pending').textContent()).toBe('12 not checked off')

    const cards = page.getByRole('article')
    expect(await cards.count()).toBe(12)
    for (let i = 0; i < 12; i++) {
      const card = cards.nth(i)
      await card.getByRole('button', { name: i === 0 ? 'No-show' : 'Crossed' }).click()
      await expect
        .poll(() => page.getByTestId('handover-pending').textContent())
        .toBe(`${11 - i} not checked off`)
    }
    await page.getByRole('button', { name: 'Complete the handover', exact: true }).click()
    await page.getByRole('button', { name: 'Yes, complete the handover' }).click()
    await expect.poll(() => page.getByTestId('exchange-status').textContent()).toBe('Done')
    const report = page.getByTestId('handover-report')
    await expect.poll(() => report.getByText('3 of 4 crossed').isVisible()).toBe(true)
    const exchanged = await server.parley.conn.db
      .selectFrom('persons')
      .select('id')
      .where('status', '=', 'exchanged')
      .execute()
    expect(exchanged).toHaveLength(5)
  })
})
