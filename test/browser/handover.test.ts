import { stringify } from 'csv-stringify/sync'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generatePersons } from '../../src/generate'
import { REGISTER_COLUMNS, registerRow } from '../../src/generate/scenarios'
import { transliterate } from '../../src/names/transliterate'
import { startTestServer } from '../support/test-server'
import { choose, launchChromium, signIn } from './browser'

const SETUP = { id: 'test', name: 'test setup', role: 'admin' } as const
// HANDOVER_SIZE makes a small run while working on the page; the test runs at full size
const SIZE = Number(process.env.HANDOVER_SIZE ?? 1_000)
const HELD = SIZE + 50

/**
 * The handover page at full size on a tablet: 2,000 persons (1,000 each way) in three stages,
 * searched in Latin for Cyrillic names, filtered by stage, checked off with a tap, a substitute
 * picked by search, completion confirmed. No speed assertions: `npm run bench -- exchange` times it.
 */
describe('the handover page at 2,000 persons on a tablet', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>
  let browser: Browser
  let page: Page
  let exchangeId: string
  const db = () => server.parley.conn.db
  const nameOf = async (id: string) => {
    const p = await db()
      .selectFrom('persons')
      .select(['surname', 'first_names'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    return { surname: p.surname, label: `${p.surname} ${p.first_names ?? ''}`.trim() }
  }
  const rowsOf = () =>
    db().selectFrom('exchange_handover').selectAll().where('exchange_id', '=', exchangeId).execute()

  beforeAll(async () => {
    server = await startTestServer()
    const { personImport, exchanges } = server.parley.services
    const held = [...generatePersons({ seed: 71, count: HELD, nationality: 'RU' })]
    await personImport.importPersons(SETUP, {
      name: 'held.csv',
      content: stringify([
        REGISTER_COLUMNS,
        ...held.map((p) => REGISTER_COLUMNS.map((c) => registerRow(p, 71)[c] ?? '')),
      ]),
    })
    const ids = await db().selectFrom('persons').select('id').execute()
    const e = await exchanges.createExchange(SETUP, {
      name: 'Exchange at full size',
      counterpart: 'the other side',
      terms: { maxSize: SIZE },
      stages: [390, 307, 303].map((n) => Math.round((n * SIZE) / 1000)),
    })
    exchangeId = e.id
    await exchanges.annotateGive(
      SETUP,
      e.id,
      ids.map((p) => ({ personId: p.id, consent: true })),
    )
    const ours = [...generatePersons({ seed: 72, count: HELD, nationality: 'UA', firstId: 5000 })]
    const sought = stringify([
      ['id', 'surname', 'first_name', 'date_of_birth', 'sex', 'seriously_wounded', 'captured_on'],
      ...ours.map((p, i) => [
        p.id,
        p.surname,
        p.givenName,
        p.dateOfBirth,
        p.sex,
        i % 40 === 0 ? 'yes' : 'no',
        p.capture.date,
      ]),
    ])
    await exchanges.importSought(SETUP, e.id, 'sought.csv', Buffer.from(sought))
    await exchanges.plan(SETUP, e.id, { save: true })
    await exchanges.setStatus(SETUP, e.id, 'agreed', { reason: 'browser test of the handover page' })
    await exchanges.startHandover(SETUP, e.id)
    browser = await launchChromium()
    page = await (
      await browser.newContext({ locale: 'en-GB', viewport: { width: 1024, height: 768 } })
    ).newPage()
    page.on('pageerror', (err) => console.error('page error:', err.message))
  }, 600_000)
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  }, 300_000)

  it('opens the sheet of 2,000 named persons with whole button labels at 1024x768', async () => {
    expect(await rowsOf()).toHaveLength(2 * SIZE)
    await signIn(page, server.url, server.adminCredentials.username, server.adminCredentials.password)
    await page.getByRole('link', { name: 'Exchanges' }).click()
    await page.getByRole('link', { name: 'Exchange at full size' }).click()
    await expect
      .poll(() => page.getByTestId('handover-pending').textContent(), { timeout: 180_000 })
      .toBe(`${2 * SIZE} not checked off`)
    await page.getByTestId('handover-list').scrollIntoViewIfNeeded()
    // names, never ids: the first rows on screen carry a name of letters
    const first = page.getByRole('article').first()
    expect(await first.getAttribute('aria-label')).toMatch(/^\p{L}/u)
    const clipped = await page.evaluate(() =>
      [...document.querySelectorAll('button')]
        .filter((b) => b.offsetParent !== null)
        .flatMap((b) => [b, ...b.querySelectorAll<HTMLElement>('span')])
        .filter((el) => el.scrollWidth > el.clientWidth + 1)
        .map((el) => el.textContent),
    )
    expect(clipped).toEqual([])
  }, 300_000)

  it('finds a Cyrillic name typed in Latin, and filters by stage', async () => {
    const giveRow = (await rowsOf()).find((r) => r.side === 'give' && r.stage === 3)!
    const { surname, label } = await nameOf(giveRow.ref)
    const latin = transliterate(surname, 'ru-icao')
    expect(latin).not.toBe(surname)
    const search = page.getByLabel('Search by name (any alphabet) or service number')
    await search.fill(latin)
    await expect.poll(() => page.locator(`article[aria-label="${label}"]`).count()).toBeGreaterThan(0)
    await search.fill('')

    const stage2 = (await rowsOf()).filter((r) => r.stage === 2).length
    await choose(page, 'Stage', 'Stage 2')
    await expect
      .poll(() => page.getByTestId('handover-shown').textContent())
      .toBe(`${stage2} of ${2 * SIZE} shown`)
    const texts = await page.getByRole('article').allTextContents()
    expect(texts.length).toBeGreaterThan(0)
    for (const text of texts) expect(text).toContain('Stage 2')
  }, 300_000)

  it('shows a tap at once and records it', async () => {
    const row = page.getByRole('article').first()
    const label = (await row.getAttribute('aria-label'))!
    await row.getByRole('button', { name: 'Crossed', exact: true }).click()
    await expect
      .poll(() =>
        page.locator(`article[aria-label="${label}"]`).first().getByTestId('row-outcome').textContent(),
      )
      .toBe('Crossed')
    await expect.poll(async () => (await rowsOf()).filter((r) => r.outcome === 'crossed').length).toBe(1)
    expect(await page.getByTestId('handover-pending').textContent()).toBe(`${2 * SIZE - 1} not checked off`)
  }, 300_000)

  it('picks a substitute by searching their name in Latin', async () => {
    const rows = await rowsOf()
    const listed = new Set(rows.map((r) => r.ref))
    const spare = (await db().selectFrom('persons').select('id').execute()).find((p) => !listed.has(p.id))!
    const substitute = await nameOf(spare.id)
    const out = rows.find((r) => r.side === 'give' && r.stage === 2 && r.outcome === 'pending')!
    const outName = await nameOf(out.ref)
    await page.getByLabel('Search by name (any alphabet) or service number').fill(outName.label)
    const row = page.locator(`article[aria-label="${outName.label}"]`).first()
    await row.getByRole('button', { name: 'Substitute', exact: true }).click()
    const dialog = page.getByRole('dialog')
    await dialog
      .getByLabel('Name (any alphabet) or service number')
      .fill(transliterate(substitute.surname, 'ru-icao'))
    await dialog
      .locator(`[aria-label="${substitute.label}"]`)
      .first()
      .getByRole('button', { name: 'Choose' })
      .click()
    await expect.poll(() => row.getByTestId('row-outcome').textContent()).toBe('Substituted')
    expect(await row.textContent()).toContain(`instead: ${substitute.label}`)
    await expect
      .poll(async () => (await rowsOf()).find((r) => r.side === 'give' && r.ref === out.ref)?.substitute_ref)
      .toBe(spare.id)
  }, 300_000)

  it('asks before completing, then completes and keeps the names', async () => {
    // the rest of the 2,000 crossed as the tablet would record them, one by one, at the bridge
    await db()
      .updateTable('exchange_handover')
      .set({ outcome: 'crossed' })
      .where('exchange_id', '=', exchangeId)
      .where('outcome', '=', 'pending')
      .execute()
    await page.reload()
    await expect
      .poll(() => page.getByTestId('handover-pending').textContent(), { timeout: 180_000 })
      .toBe('0 not checked off')
    await page.getByRole('button', { name: 'Complete the handover', exact: true }).click()
    await page.getByRole('button', { name: 'Go back' }).click()
    expect(await page.getByTestId('exchange-status').textContent()).toBe('Handover under way')
    await page.getByRole('button', { name: 'Complete the handover', exact: true }).click()
    // completion writes the histories in this process's database (PGlite), which holds up the
    // browser's driver too: a long wait is no fault of the page
    await page.getByRole('button', { name: 'Yes, complete the handover' }).click({ timeout: 120_000 })
    await expect
      .poll(() => page.getByTestId('exchange-status').textContent(), { timeout: 180_000 })
      .toBe('Done')
    // finished rows keep their names, never ids
    await expect.poll(() => page.getByRole('article').count()).toBeGreaterThan(0)
    for (const label of await page
      .getByRole('article')
      .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label'))))
      expect(label).not.toMatch(/^[0-9a-f]{8}-/)
  }, 600_000)
})
