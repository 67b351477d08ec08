import { stringify } from 'csv-stringify/sync'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { corruptPerson } from '../../src/generate/corrupt'
import { scenarioMissing } from '../../src/generate/missing'
import { generatePersons } from '../../src/generate/population'
import { Random } from '../../src/generate/random'
import { reconciliationUk as words } from '../../src/web/locales/reconciliation.uk'
import { uk } from '../../src/web/locales/uk'
import { startTestServer } from '../support/test-server'
import { choose, launchChromium } from './browser'

const SETUP = { id: 'test', name: 'test setup', role: 'admin' } as const
const WAIT = { timeout: 60_000 }
const SEED = 1527
const PERSONS = 20
const LISTED = 12

describe('the review queue of a reconciliation, from the keyboard (uk)', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    server = await startTestServer()
    browser = await launchChromium()
    page = await (await browser.newContext({ locale: 'uk-UA', timezoneId: 'Europe/Kyiv' })).newPage()
  }, 300_000)
  afterAll(async () => {
    await server?.parley.services.reconciliation.runs.idle()
    await browser?.close()
    await server?.close()
  })

  it('runs from the web, accepts with a, rejects with r, moves with j and k, and bulk-accepts above 0.99', async () => {
    const { missingImport, lists, reconciliation } = server.parley.services
    // fictitious soldiers from the project's generator, and their list in Russian spellings
    const register = [...scenarioMissing({ seed: SEED, persons: PERSONS })]
    await missingImport(SETUP, {
      name: 'register.csv',
      content: Buffer.from(stringify(register, { header: true })),
    })
    const random = new Random(SEED)
    const people = [...generatePersons({ seed: SEED, count: PERSONS, nationality: 'UA' })].slice(0, LISTED)
    const rows = [...people, people[0]!].map((p, i) => {
      const r = corruptPerson(random, p, {
        other_language: 1,
        typo: 0,
        transliterated: 0,
        informal_latin: 0,
        swapped_names: 0,
      })
      return {
        row_id: `R${i + 1}`,
        surname: r.surname,
        first_names: r.givenName,
        patronymic: r.patronymic,
        date_of_birth: r.dateOfBirth,
      }
    })
    await lists.importList(SETUP, {
      name: 'Список від іншої сторони',
      counterpart: 'інша сторона',
      fileName: 'list.csv',
      content: Buffer.from(stringify(rows, { header: true })),
    })

    await page.goto(server.url)
    await page.locator('input[name="username"]').fill(server.adminCredentials.username)
    await page.locator('input[name="password"]').fill(server.adminCredentials.password)
    await page.getByRole('button', { name: uk.signIn.submit }).click()
    await page.getByRole('link', { name: words.nav }).click()
    await page.getByRole('heading', { name: words.title }).waitFor(WAIT)
    await choose(page, words.start.list, 'Список від іншої сторони')
    await page.getByRole('button', { name: words.start.go }).click()
    // the run's page follows its progress, then opens its queue
    await page.getByRole('tab', { name: words.run.tabQueue }).waitFor(WAIT)
    const [run] = (await reconciliation.review.listRuns()).filter((r) => r.status === 'done')
    expect(run).toBeDefined()

    const position = (n: number) => new RegExp(`^Пара ${n} з `)
    await page.getByText(position(1)).waitFor(WAIT)
    await expect.poll(() => page.getByText(words.queue.keys).count(), WAIT).toBe(1)
    await page.keyboard.press('a')
    await page.getByText(position(2)).waitFor(WAIT)
    await page.keyboard.press('r')
    await page.getByText(position(3)).waitFor(WAIT)
    await page.keyboard.press('j')
    await page.getByText(position(4)).waitFor(WAIT)
    await page.keyboard.press('k')
    await page.getByText(position(3)).waitFor(WAIT)
    const decided = async (d: 'accepted' | 'rejected') =>
      (await reconciliation.review.queue(run!.id, { decision: d }, 0, 100)).total
    expect(await decided('accepted')).toBe(1)
    expect(await decided('rejected')).toBe(1)

    // a look at a sample of the band, then the band accepted at once
    await page.getByRole('button', { name: words.bulk.sample }).click()
    const accept = page.getByRole('button', { name: /^Прийняти всі \d+$/ })
    await accept.waitFor(WAIT)
    await accept.click()
    await page.getByText(/^Прийнято \d+, пропущено \d+/).waitFor(WAIT)
    expect(await decided('accepted')).toBeGreaterThan(LISTED / 2)

    // the report names each class
    await page.getByRole('tab', { name: words.run.tabReport }).click()
    for (const heading of [words.report.unknownToUs, words.report.missingOnNoList, words.report.listedTwice])
      await page.getByRole('heading', { name: new RegExp(`^${heading}`) }).waitFor(WAIT)
    await page.getByRole('link', { name: words.report.xlsx }).waitFor(WAIT)
  })
})
