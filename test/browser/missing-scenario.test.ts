import { appendFileSync } from 'node:fs'
import { stringify } from 'csv-stringify/sync'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { type GeneratedPerson, generatePersons } from '../../src/generate'
import { patronymicOf } from '../../src/generate/forms'
import { scenarioMissing } from '../../src/generate/missing'
import { enquiriesUk } from '../../src/web/locales/enquiries.uk'
import { listsUk } from '../../src/web/locales/lists.uk'
import { missingUk } from '../../src/web/locales/missing.uk'
import { reconciliationUk as words } from '../../src/web/locales/reconciliation.uk'
import { uk } from '../../src/web/locales/uk'
import { startTestServer } from '../support/test-server'
import { choose, launchChromium } from './browser'

// the whole tracer's day at full size may take many minutes on a loaded machine; nothing here
// depends on speed
vi.setConfig({ testTimeout: 1_800_000, hookTimeout: 600_000 })

const SETUP = { id: 'test', name: 'test setup', role: 'admin' } as const
const WAIT = { timeout: 120_000 }
const LONG = { timeout: 1_200_000 }
const SEED = 1550
const REGISTER = 5000
/** persons of our register their list names once, in Russian spellings */
const LISTED = 1940
/** of those, named a second time further down */
const TWICE = 30
/** persons their list names whom our register does not know */
const UNKNOWN = 2000 - LISTED - TWICE
/** persons a second small list names with another unit */
const DISAGREE = [100, 101, 102]

// SCENARIO_TRACE=<file> writes each step with the time, to see where a slow run spends it
const trace = (step: string) => {
  if (process.env.SCENARIO_TRACE)
    appendFileSync(process.env.SCENARIO_TRACE, `${new Date().toISOString()} ${step}\n`)
}

// fictitious soldiers of the project's generator: our register, and the persons their list names
const register = [...scenarioMissing({ seed: SEED, persons: REGISTER })]
const people = [...generatePersons({ seed: SEED, count: REGISTER, nationality: 'UA' })]
const strangers = [...generatePersons({ seed: SEED + 7, count: UNKNOWN, nationality: 'UA' })]
const dayFirst = (d: string) => d.split('-').reverse().join('.')
/** a row as the other side writes it: Russian forms of the names, the date day first */
const theirRow = (p: GeneratedPerson, n: number) => [
  String(n),
  p.forms.surname.ru,
  p.forms.givenName.ru,
  patronymicOf(p.forms.father.ru, 'ru', p.sex),
  dayFirst(p.dateOfBirth),
  p.serviceNumber,
  p.unit,
]
const listed = [
  ...people.slice(0, LISTED),
  ...people.slice(LISTED - TWICE * 20, LISTED).filter((_, i) => i % 20 === 0),
  ...strangers,
]
const listCsv = stringify([
  ['№', 'Фамилия', 'Имя', 'Отчество', 'Дата рождения', 'Личный номер', 'Воинская часть'],
  ...listed.map((p, i) => theirRow(p, i + 1)),
])
// the family asks after a person of the list whose Russian surname differs from ours
const asked = people.slice(200, LISTED).find((p) => p.sex === 'male' && p.forms.surname.ru !== p.surname)!
const russian = [
  asked.forms.surname.ru,
  asked.forms.givenName.ru,
  patronymicOf(asked.forms.father.ru, 'ru', 'male'),
].join(' ')

describe('the tracer’s day of issue 15: register, their list, reconciliation, report, enquiry (uk)', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>
  let browser: Browser
  let page: Page
  let runId = ''

  beforeAll(async () => {
    server = await startTestServer()
    browser = await launchChromium()
    page = await (await browser.newContext({ locale: 'uk-UA', timezoneId: 'Europe/Kyiv' })).newPage()
    await page.goto(server.url)
    await page.locator('input[name="username"]').fill(server.adminCredentials.username)
    await page.locator('input[name="password"]').fill(server.adminCredentials.password)
    await page.getByRole('button', { name: uk.signIn.submit }).click()
    await page.getByRole('navigation').getByRole('link', { name: listsUk.nav }).waitFor(WAIT)
  })
  afterAll(async () => {
    await server?.parley.services.reconciliation.runs.idle()
    await browser?.close()
    await server?.close()
  })

  it('imports the missing-persons register of 5,000 through the web', async () => {
    trace('register')
    await page.getByRole('navigation').getByRole('link', { name: missingUk.nav, exact: true }).click()
    await page.getByRole('heading', { name: missingUk.title }).waitFor(WAIT)
    const section = page.getByRole('region', { name: missingUk.import.title })
    await section.locator('input[type="file"]').setInputFiles({
      name: 'реєстр-зниклих.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(stringify(register, { header: true })),
    })
    await section.getByRole('button', { name: missingUk.import.submit }).click()
    await expect
      .poll(() => page.getByTestId('missing-import-result').textContent(), LONG)
      .toBe(`Рядків: ${REGISTER}; зареєстровано: ${REGISTER}; імпортовано раніше: 0`)
  })

  it('receives their list of 2,000 in Russian spellings through the import wizard', async () => {
    trace('list')
    await page.getByRole('navigation').getByRole('link', { name: listsUk.nav }).click()
    await page.getByRole('link', { name: listsUk.importList }).click()
    await page.getByRole('heading', { name: listsUk.wizard.title }).waitFor(WAIT)
    await page.locator('input[type="file"]').setInputFiles({
      name: 'spysok-2000.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(listCsv),
    })
    await page.getByLabel(listsUk.wizard.source).fill('Інша сторона')
    await page.getByRole('button', { name: listsUk.wizard.upload }).click()
    await page.getByTestId('list-mapping').waitFor(LONG)
    expect(await page.getByLabel(`${listsUk.wizard.column} Фамилия`).inputValue()).toBe('surname')
    expect(await page.getByLabel(`${listsUk.wizard.column} Воинская часть`).inputValue()).toBe('unit')
    expect(await page.getByTestId('list-wizard-counts').textContent()).toMatch(/^2000 рядків/)
    await page.getByRole('button', { name: listsUk.wizard.next }).click()

    const form = page.getByRole('form', { name: listsUk.wizard.steps.provenance })
    await form.waitFor(WAIT)
    await form.getByLabel(listsUk.wizard.fromKind).selectOption('other_side')
    await form.getByLabel(listsUk.wizard.receivedOn).fill('2026-11-20')
    await form.getByLabel(listsUk.wizard.name).fill('Список іншої сторони, 2000')
    await form.getByRole('button', { name: listsUk.wizard.next }).click()
    await page.getByTestId('list-wizard-summary').waitFor(WAIT)
    expect(await page.getByTestId('list-wizard-summary').textContent()).toContain('Імпортувати 2000 рядків')
    await page.getByRole('button', { name: listsUk.wizard.confirm }).click()
    await page.getByRole('heading', { name: 'Список іншої сторони, 2000' }).waitFor(LONG)
  })

  it('runs the reconciliation from the web and shows its progress', async () => {
    trace('run')
    await page.getByRole('link', { name: words.nav }).click()
    await page.getByRole('heading', { name: words.title }).waitFor(WAIT)
    await choose(page, words.start.list, 'Список іншої сторони, 2000')
    await page.getByRole('button', { name: words.start.go }).click()
    // the run's page follows its stage and share while it works
    const progress = page.getByRole('status').filter({ has: page.getByRole('progressbar') })
    await progress.first().waitFor(WAIT)
    expect(await progress.first().innerText()).toMatch(
      new RegExp(`${words.status.queued}|${Object.values(words.stage).join('|')}`),
    )
    await page.getByRole('tab', { name: words.run.tabQueue }).waitFor(LONG)
    trace('run done')
    const [run] = (await server.parley.services.reconciliation.review.listRuns()).filter(
      (r) => r.status === 'done',
    )
    expect(run).toBeDefined()
    runId = run!.id
  })

  it('reviews ten pairs with the keyboard, then bulk-accepts above 0.99 after the sample', async () => {
    const { review } = server.parley.services.reconciliation
    const position = (n: number) => new RegExp(`^Пара ${n} з `)
    await page.getByText(position(1)).waitFor(WAIT)
    await expect.poll(() => page.getByText(words.queue.keys).count(), WAIT).toBe(1)
    // accept, reject, doubt, and pass one by
    const keys = ['a', 'a', 'u', 'a', 'r', 'a', 'j', 'a', 'u', 'a']
    for (const [i, key] of keys.entries()) {
      await page.keyboard.press(key)
      await page.getByText(position(i + 2)).waitFor(WAIT)
    }
    const decided = async (d: 'accepted' | 'rejected' | 'unsure') =>
      (await review.queue(runId, { decision: d }, 0, 100)).total
    expect(await decided('accepted')).toBe(6)
    expect(await decided('rejected')).toBe(1)
    expect(await decided('unsure')).toBe(2)

    trace('bulk')
    await page.getByRole('button', { name: words.bulk.sample }).click()
    const accept = page.getByRole('button', { name: /^Прийняти всі \d+$/ })
    await accept.waitFor(WAIT)
    // the server shares this process: while it writes the band, the click's answer waits too
    await accept.click(LONG)
    await page.getByText(/^Прийнято \d+, пропущено \d+/).waitFor(LONG)
    const result = (
      await page
        .getByRole('alert')
        .filter({ hasText: /^Прийнято \d+/ })
        .innerText()
    ).trim()
    trace(`bulk done: ${result}`)
    // the pairs of persons back home, dead or found are skipped, each named in Ukrainian
    expect(result).toMatch(
      /Рядок \d+: № \d+ .+: у нашому записі (повернення|загибель|знаходження) \(\d\d\.\d\d\.\d{4}\), тож полон не підтверджено/,
    )
    expect(result).not.toMatch(/cannot|accepted with/)
    expect(await decided('accepted')).toBeGreaterThan(LISTED / 2)
  })

  it('shows each of the five classes of the discrepancy report, with a second small list', async () => {
    trace('second list')
    // a second small list, from the ICRC, names three of the same persons with another unit
    const { lists, reconciliation } = server.parley.services
    const second = DISAGREE.map((i, n) => {
      const p = people[i]!
      return {
        row_id: `B${n + 1}`,
        surname: p.surname,
        first_names: p.givenName,
        patronymic: p.patronymic,
        date_of_birth: p.dateOfBirth,
        service_number: p.serviceNumber,
        unit: 'в/ч А0000 (інша частина)',
      }
    })
    const small = await lists.importList(SETUP, {
      name: 'Список МКЧХ, 3',
      counterpart: 'МКЧХ',
      fileName: 'icrc-3.csv',
      content: Buffer.from(stringify(second, { header: true })),
    })
    await reconciliation.runs.start(SETUP, { listId: small.id, against: 'missing' })
    await reconciliation.runs.idle()

    trace('report')
    await page.getByRole('tab', { name: words.run.tabReport }).click()
    const classes = [
      'unknownToUs',
      'missingOnNoList',
      'listedButGone',
      'listedTwice',
      'disagreeBetweenLists',
    ] as const
    for (const key of classes) {
      const table = page.getByRole('table', { name: words.report[key], exact: true })
      await table.waitFor(LONG)
      expect(await table.locator('tbody tr').count(), key).toBeGreaterThan(0)
    }
    expect(
      await page.getByRole('table', { name: words.report.disagreeBetweenLists, exact: true }).innerText(),
    ).toContain('Список МКЧХ, 3')
    await page.getByRole('link', { name: words.report.xlsx }).waitFor(WAIT)
    const report = await reconciliation.report(runId)
    trace(`report: ${classes.map((k) => `${k} ${report[k].total}`).join(', ')}`)
    expect(report.unknownToUs.total).toBeGreaterThanOrEqual(UNKNOWN)
  })

  it('takes an enquiry by phone for a person on the list and drafts the answer in Ukrainian', async () => {
    trace('enquiry')
    await page.getByRole('navigation').getByRole('link', { name: enquiriesUk.nav }).click()
    await page.getByRole('heading', { name: enquiriesUk.title }).waitFor(WAIT)
    await page.getByRole('link', { name: enquiriesUk.take }).click()
    const form = page.getByRole('form', { name: enquiriesUk.form.title })
    await form.waitFor(WAIT)
    const f = enquiriesUk.fields
    expect(await form.getByRole('combobox', { name: f.channel }).inputValue()).toBe(
      enquiriesUk.channels.phone,
    )
    await form.getByLabel(f.surname, { exact: true }).fill(asked.surname)
    await form.getByLabel(f.firstNames, { exact: true }).fill(asked.givenName)
    await form.getByLabel(f.patronymic, { exact: true }).fill(asked.patronymic)
    await form.getByLabel(f.dateOfBirth, { exact: true }).fill(asked.dateOfBirth)
    await form.getByLabel(f.enquirerName, { exact: true }).fill('Ганна Вигадана')
    await form.getByLabel(f.relation, { exact: true }).fill('мати')
    await form.getByLabel(f.contact, { exact: true }).fill('+380 00 000 0015')
    await form.getByLabel(f.consentUse, { exact: true }).check()
    await form.getByRole('button', { name: enquiriesUk.form.submit }).click()

    await page.getByRole('heading', { name: enquiriesUk.page.title.replace('{{number}}', '1') }).waitFor(WAIT)
    // their list's row is among the candidates, in its Russian spelling
    const candidate = page.getByTestId('candidate').filter({ hasText: russian }).first()
    await candidate.waitFor(LONG)
    expect(await candidate.getByText(enquiriesUk.candidates.source.list).isVisible()).toBe(true)
    await candidate.getByRole('button', { name: enquiriesUk.candidates.confirm }).click()
    await expect
      .poll(() => candidate.getByText(enquiriesUk.candidates.decisions.confirmed).isVisible(), WAIT)
      .toBe(true)

    await page.getByRole('button', { name: enquiriesUk.replies.draft }).click()
    const reply = page.getByTestId('reply').getByRole('textbox').first()
    await reply.waitFor(WAIT)
    const text = await reply.inputValue()
    expect(text).toContain('Шановна/Шановний Ганна Вигадана!')
    expect(text).toContain('Відповідаємо на Ваш запит № 1')
    expect(text).toContain(`Є ознаки того, що ${asked.surname}`)
    trace('end')
  })
})
