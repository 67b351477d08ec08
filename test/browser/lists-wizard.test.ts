import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { stringify } from 'csv-stringify/sync'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generatePersons } from '../../src/generate'
import { patronymicOf } from '../../src/generate/forms'
import { listsUk } from '../../src/web/locales/lists.uk'
import { uk } from '../../src/web/locales/uk'
import { startTestServer } from '../support/test-server'
import { launchChromium } from './browser'

const WAIT = { timeout: 60_000 }

// fictitious Ukrainian soldiers from the project's generator, written as the other side writes
// them: Russian spellings under Russian headers, one date of birth that cannot be
const people = [...generatePersons({ seed: 1525, count: 12, nationality: 'UA' })]
const rows = people.map((p, i) => [
  String(i + 1),
  p.forms.surname.ru,
  p.forms.givenName.ru,
  patronymicOf(p.forms.father.ru, 'ru', p.sex),
  i === 2 ? '31.02.1990' : p.dateOfBirth,
  p.serviceNumber,
  'рядовой',
  p.capture.date,
])
const csv = stringify([
  ['№', 'Фамилия', 'Имя', 'Отчество', 'Дата рождения', 'Личный номер', 'Звание', 'Дата пленения'],
  ...rows,
])

describe('[LISTS]: the import wizard in Ukrainian', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>
  let browser: Browser
  let page: Page
  let dir: string
  let file: string

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'parley-lists-wizard-'))
    file = path.join(dir, 'spysok-mkchh.csv')
    writeFileSync(file, csv)
    server = await startTestServer()
    browser = await launchChromium()
    const context = await browser.newContext({ locale: 'uk-UA', timezoneId: 'Europe/Kyiv' })
    page = await context.newPage()
    await page.goto(server.url)
    await page.locator('input[name="username"]').fill(server.adminCredentials.username)
    await page.locator('input[name="password"]').fill(server.adminCredentials.password)
    await page.getByRole('button', { name: uk.signIn.submit }).click()
    // signed in: the navigation shows the received lists (the home page itself is another's)
    await page.getByRole('navigation').getByRole('link', { name: listsUk.nav }).waitFor(WAIT)
  }, 300_000)
  afterAll(async () => {
    await browser?.close()
    await server?.close()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('uploads a list in Russian spellings, shows the columns it recognised and flags the impossible date', async () => {
    await page.getByRole('navigation').getByRole('link', { name: listsUk.nav }).click()
    await page.getByRole('link', { name: listsUk.importList }).click()
    await page.getByRole('heading', { name: listsUk.wizard.title }).waitFor(WAIT)
    await page.locator('input[type="file"]').setInputFiles(file)
    await page.getByLabel(listsUk.wizard.source).fill('МКЧХ, Центральне агентство з розшуку')
    await page.getByRole('button', { name: listsUk.wizard.upload }).click()

    const mapping = page.getByTestId('list-mapping')
    await mapping.waitFor(WAIT)
    expect(await page.getByLabel(`${listsUk.wizard.column} Фамилия`).inputValue()).toBe('surname')
    expect(await page.getByLabel(`${listsUk.wizard.column} Дата пленения`).inputValue()).toBe('capturedOn')
    expect(await page.getByTestId('list-wizard-counts').textContent()).toBe(
      '12 рядків, із них 1 із сумнівним значенням',
    )
    const flags = page.getByTestId('list-flags')
    expect(await flags.innerText()).toContain(
      'Дата народження: 31.02.1990 не може бути датою; збережено як написано',
    )
    expect(await page.getByTestId('list-preview').innerText()).toContain(people[0]!.forms.surname.ru)

    // the person may change the mapping: the rank is left out, and the file read again
    await page.getByLabel(`${listsUk.wizard.column} Звание`).selectOption('')
    await page.getByRole('button', { name: listsUk.wizard.readAgain }).click()
    await expect
      .poll(async () => (await page.getByTestId('list-preview').innerText()).includes('рядовой'), WAIT)
      .toBe(false)
    await page.getByRole('button', { name: listsUk.wizard.next }).click()
  })

  it('takes the provenance, imports the list and opens its page with the flagged row', async () => {
    const form = page.getByRole('form', { name: listsUk.wizard.steps.provenance })
    await form.waitFor(WAIT)
    expect(await form.getByLabel(listsUk.wizard.from).inputValue()).toBe(
      'МКЧХ, Центральне агентство з розшуку',
    )
    await form.getByLabel(listsUk.wizard.fromKind).selectOption('icrc')
    await form.getByLabel(listsUk.wizard.via).fill('Офіс Омбудсмана')
    await form.getByLabel(listsUk.wizard.receivedOn).fill('2026-11-20')
    await form.getByLabel(listsUk.wizard.periodFrom).fill('2026-01-01')
    await form.getByLabel(listsUk.wizard.periodTo).fill('2026-10-31')
    await form.getByLabel(listsUk.wizard.name).fill('Список МКЧХ № 7')
    await form.getByRole('button', { name: listsUk.wizard.next }).click()

    expect(await page.getByTestId('list-wizard-summary').textContent()).toBe(
      'Імпортувати 12 рядків файлу spysok-mkchh.csv від МКЧХ, Центральне агентство з розшуку, отриманого 2026-11-20.',
    )
    await page.getByRole('button', { name: listsUk.wizard.confirm }).click()

    await page.getByRole('heading', { name: 'Список МКЧХ № 7' }).waitFor(WAIT)
    const provenance = await page.getByTestId('list-provenance').innerText()
    expect(provenance).toContain('Від кого: МКЧХ, Центральне агентство з розшуку (МКЧХ)')
    expect(provenance).toContain('Через кого: Офіс Омбудсмана')
    expect(provenance).toContain('Отримано: 20.11.2026')
    expect(provenance).toContain('Охоплює: 01.01.2026 – 31.10.2026')
    expect(await page.getByTestId('list-counts').textContent()).toBe('12 рядків · 1 із сумнівами')
    const flagged = page.getByTestId('list-flagged')
    await expect.poll(() => flagged.innerText(), WAIT).toContain('31.02.1990')
    expect(await flagged.innerText()).toContain(people[2]!.forms.surname.ru)

    // the index lists it with its source and flagged count
    await page.getByRole('navigation').getByRole('link', { name: listsUk.nav }).click()
    const index = page.getByTestId('lists-index')
    await index.waitFor(WAIT)
    expect(await index.innerText()).toContain('Список МКЧХ № 7')
    expect(await index.innerText()).toContain('20.11.2026')
  })
})
