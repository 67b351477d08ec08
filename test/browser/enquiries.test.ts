import { stringify } from 'csv-stringify/sync'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generatePersons } from '../../src/generate'
import { patronymicOf } from '../../src/generate/forms'
import { enquiriesUk } from '../../src/web/locales/enquiries.uk'
import { uk } from '../../src/web/locales/uk'
import { startTestServer } from '../support/test-server'
import { launchChromium } from './browser'

// a fictitious Ukrainian soldier from the project's generator, whose Russian forms the list uses
const soldier = [...generatePersons({ seed: 1515, count: 40, nationality: 'UA' })].find(
  (p) => p.sex === 'male' && p.forms.surname.ru !== p.surname,
)!
const russian = [
  soldier.forms.surname.ru,
  soldier.forms.givenName.ru,
  patronymicOf(soldier.forms.father.ru, 'ru', 'male'),
].join(' ')
const WAIT = { timeout: 60_000 }

describe('family enquiries in the browser, in Ukrainian', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    server = await startTestServer()
    browser = await launchChromium()
    const context = await browser.newContext({ locale: 'uk-UA', timezoneId: 'Europe/Kyiv' })
    page = await context.newPage()
    await page.goto(server.url)
    await page.locator('input[name="username"]').fill(server.adminCredentials.username)
    await page.locator('input[name="password"]').fill(server.adminCredentials.password)
    await page.getByRole('button', { name: uk.signIn.submit }).click()
    // whatever the home page is, the navigation offers the enquiries once signed in
    await page.getByRole('navigation').getByRole('link', { name: enquiriesUk.nav }).waitFor(WAIT)
    // the other side's list, in Russian spellings, stored through the API as the import does
    const csv = stringify([
      ['id', 'фамилия', 'имя', 'отчество', 'дата_рождения'],
      ['41', ...russian.split(' '), soldier.dateOfBirth.split('-').reverse().join('.')],
    ])
    const res = await page.request.post(`${server.url}/api/v1/lists?name=ICRC&file_name=icrc.csv`, {
      headers: { 'content-type': 'text/csv', origin: server.url },
      data: csv,
    })
    expect(res.status()).toBe(201)
  }, 300_000)
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('takes an enquiry by phone for a person on a stored list, sees the candidate and drafts the answer in Ukrainian', async () => {
    await page.getByRole('navigation').getByRole('link', { name: enquiriesUk.nav }).click()
    await page.getByRole('heading', { name: enquiriesUk.title }).waitFor(WAIT)
    await page.getByRole('link', { name: enquiriesUk.take }).click()
    const form = page.getByRole('form', { name: enquiriesUk.form.title })
    await form.waitFor(WAIT)
    const f = enquiriesUk.fields
    // the channel is the phone unless chosen otherwise
    expect(await form.getByRole('combobox', { name: f.channel }).inputValue()).toBe(
      enquiriesUk.channels.phone,
    )
    await form.getByLabel(f.surname, { exact: true }).fill(soldier.surname)
    await form.getByLabel(f.firstNames, { exact: true }).fill(soldier.givenName)
    await form.getByLabel(f.patronymic, { exact: true }).fill(soldier.patronymic)
    await form.getByLabel(f.dateOfBirth, { exact: true }).fill(soldier.dateOfBirth)
    await form.getByLabel(f.enquirerName, { exact: true }).fill('Ганна Вигадана')
    await form.getByLabel(f.relation, { exact: true }).fill('мати')
    await form.getByLabel(f.contact, { exact: true }).fill('+380 00 000 0003')
    await form.getByLabel(f.consentUse, { exact: true }).check()
    await form.getByLabel(f.shareIcrc, { exact: true }).check()
    await form.getByRole('button', { name: enquiriesUk.form.submit }).click()

    await page.getByRole('heading', { name: enquiriesUk.page.title.replace('{{number}}', '1') }).waitFor(WAIT)
    expect(await page.getByTestId('enquirer').textContent()).toBe('Ганна Вигадана (мати)')
    const candidate = page.getByTestId('candidate').filter({ hasText: russian })
    await candidate.waitFor(WAIT)
    expect(await candidate.getByText(enquiriesUk.candidates.source.list).isVisible()).toBe(true)
    const evidence = await candidate.getByRole('table').innerText()
    expect(evidence).toContain(enquiriesUk.candidates.fields.surname)
    expect(evidence).toContain('same name (key or other-language form)')

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
    expect(text).toContain(`Є ознаки того, що ${soldier.surname}`)

    await reply.fill(`${text}\nЗ повагою.`)
    await page.getByRole('button', { name: enquiriesUk.replies.save }).click()
    await page.getByRole('button', { name: enquiriesUk.replies.send }).click()
    await expect.poll(() => page.getByTestId('reply').textContent(), WAIT).toContain('Надіслано')

    // the trail names each step in Ukrainian (read again once the sending is in it)
    const trailTable = page.getByRole('table', { name: enquiriesUk.trail.title })
    await expect.poll(() => trailTable.innerText(), WAIT).toContain(enquiriesUk.actions['enquiry.reply.send'])
    const trail = await trailTable.innerText()
    expect(trail).not.toMatch(/enquiry\./)
    for (const step of [
      'enquiry.take',
      'enquiry.candidate.confirm',
      'enquiry.reply.draft',
      'enquiry.reply.send',
    ] as const)
      expect(trail).toContain(enquiriesUk.actions[step])
  })
})
