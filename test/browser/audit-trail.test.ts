import { statSync } from 'node:fs'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Actor } from '../../src/auth/actor'
import { type GeneratedPerson, generatePersons } from '../../src/generate'
import { en } from '../../src/web/locales/en'
import { uk } from '../../src/web/locales/uk'
import { startTestServer } from '../support/test-server'
import { launchChromium } from './browser'

const REGISTRAR: Actor = { id: 'test-registrar', name: 'Оксана Мельничук', role: 'registrar' }
const SHOTS = 'docs/screenshots'

/** The English phrases of `sections` that Ukrainian says otherwise: none may be left on a Ukrainian page. */
function englishOf(sections: (keyof typeof en)[]): string[] {
  const out = new Set<string>()
  const walk = (a: unknown, b: unknown) => {
    if (typeof a === 'string') {
      for (const part of a.split(/\{\{\w+\}\}/)) {
        const words = part.trim().replace(/^[:;,.]+|[:;,.]+$/g, '')
        if (words.length >= 4 && a !== b) out.add(words)
      }
    } else if (a && typeof a === 'object')
      for (const [k, v] of Object.entries(a)) walk(v, (b as Record<string, unknown>)?.[k])
  }
  for (const s of sections) walk(en[s], uk[s])
  return [...out]
}

const PAGE_SECTIONS = [
  'nav',
  'person',
  'personFacts',
  'fields',
  'category',
  'sex',
  'status',
  'health',
  'event',
  'form',
  'audit',
  'auditAction',
] as const

const particulars = (p: GeneratedPerson) => ({
  category: 'prisoner_of_war' as const,
  surname: p.surname,
  firstNames: p.givenName,
  patronymic: p.patronymic,
  sex: p.sex,
  rank: p.rank,
  serviceNumber: p.serviceNumber,
  dateOfBirth: p.dateOfBirth,
  placeOfBirth: p.placeOfBirth,
  unit: p.unit,
  capturedOn: p.capture.date,
  capturePlace: p.capture.place,
})

/** Whether the page scrolls sideways at this width (the audit trail must wrap instead). */
const scrollsSideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1)

describe('a Ukrainian person page and the audit trail, in words', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>
  let browser: Browser
  let context: BrowserContext
  let page: Page
  let woman: GeneratedPerson
  let womanId: string

  beforeAll(async () => {
    server = await startTestServer()
    const { custody } = server.parley.services
    const camp = await custody.createFacility(REGISTRAR, { name: 'Табір «Північ»', kind: 'camp' })
    const hospital = await custody.createFacility(REGISTRAR, { name: 'Шпиталь №3', kind: 'hospital' })
    const people = [...generatePersons({ seed: 14, count: 8, nationality: 'UA', femaleShare: 0.5 })]
    woman = people.find((p) => p.sex === 'female')!
    for (const p of people) {
      const input = { ...particulars(p), facilityId: camp.id }
      // one record without a service number, so the register names what Art. 17 still lacks
      if (p === people.at(-1)) delete (input as { serviceNumber?: string }).serviceNumber
      const person = await custody.registerPerson(REGISTRAR, input)
      if (p === woman) womanId = person.id
    }
    await custody.recordEvent(REGISTRAR, womanId, {
      type: 'hospitalised',
      occurredOn: new Date().toISOString().slice(0, 10),
      facilityId: hospital.id,
      health: 'seriously_wounded',
      note: 'осколкове поранення, доставлена санітарним транспортом',
    })
    const current = await custody.getPerson(REGISTRAR, womanId)
    await custody.amendPerson(REGISTRAR, womanId, {
      changes: { rank: 'молодший сержант' },
      reason: 'звання з картки полонення',
      expectedVersion: current.version,
    })
    browser = await launchChromium()
    context = await browser.newContext({
      locale: 'uk-UA',
      timezoneId: 'Europe/Kyiv',
      viewport: { width: 1024, height: 768 },
    })
    page = await context.newPage()
    await page.goto(`${server.url}/register`)
    await page.locator('input[name="username"]').fill(server.adminCredentials.username)
    await page.locator('input[name="password"]').fill(server.adminCredentials.password)
    await page.getByRole('button', { name: uk.signIn.submit }).click()
    await page.getByRole('heading', { name: uk.register.title }).waitFor({ timeout: 60_000 })
  }, 300_000)
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('names in the register what Art. 17 still lacks', async () => {
    await expect
      .poll(() => page.getByTestId('register-count').textContent(), { timeout: 30_000 })
      .toBe('8 осіб')
    expect(await page.getByText('бракує: особовий номер').count()).toBe(1)
    await page.screenshot({ path: `${SHOTS}/register-uk.png` })
    expect(statSync(`${SHOTS}/register-uk.png`).size).toBeLessThan(300_000)
  })

  it("shows a woman's record in Ukrainian with feminine forms and no English left", async () => {
    await page.goto(`${server.url}/persons/${womanId}`)
    const heading = `${woman.surname} ${woman.givenName} ${woman.patronymic}`
    await expect
      .poll(() => page.getByRole('heading', { name: heading }).isVisible(), { timeout: 30_000 })
      .toBe(true)
    await expect.poll(() => page.getByTestId('person-audit').isVisible(), { timeout: 30_000 }).toBe(true)
    const [y, m, d] = woman.dateOfBirth.split('-')
    const text = await page.locator('body').innerText()
    expect(text).toContain(`Народилася ${d}.${m}.${y}`)
    expect(text).toContain('Військовополонена')
    expect(text).toContain('Тяжко поранена')
    expect(await page.getByTestId('timeline').getByText('Госпіталізована').isVisible()).toBe(true)
    await page.screenshot({ path: `${SHOTS}/person-uk.png` })
    expect(statSync(`${SHOTS}/person-uk.png`).size).toBeLessThan(300_000)
    const english = englishOf([...PAGE_SECTIONS])
    expect(english.length).toBeGreaterThan(100)
    expect(english.filter((s) => text.includes(s))).toEqual([])
  })

  it('shows her audit trail as actions in words, changes with names and Ukrainian times, without scrolling sideways', async () => {
    const audit = page.getByTestId('person-audit')
    const text = await audit.innerText()
    for (const words of ['Госпіталізовано', 'Відомості виправлено', 'Зареєстровано', 'Переглянуто запис'])
      expect(text).toContain(words)
    expect(text).toContain('Установа: Табір «Північ» → Шпиталь №3')
    expect(text).toContain('Стан: Інтернована → У шпиталі')
    expect(text).toContain('Звання:')
    expect(text).toContain('молодший сержант')
    expect(text).toContain(`${uk.fields.reason}: звання з картки полонення`)
    expect(text).toMatch(/\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}/)
    // no codes, ids, JSON or 12-hour times
    expect(text).not.toMatch(/person\.|[0-9a-f]{8}-[0-9a-f]{4}|[{}"]|\b(AM|PM)\b/)
    expect(await scrollsSideways(page)).toBe(false)
    await page.getByRole('heading', { name: uk.person.auditTrail, exact: true }).scrollIntoViewIfNeeded()
    await page.screenshot({ path: `${SHOTS}/person-audit-uk.png` })
    expect(statSync(`${SHOTS}/person-audit-uk.png`).size).toBeLessThan(300_000)
  })

  it('shows the whole audit trail in words, with what each entry is about, without scrolling sideways', async () => {
    await page.goto(`${server.url}/audit`)
    const trail = page.getByTestId('audit-trail')
    await expect.poll(() => trail.isVisible(), { timeout: 30_000 }).toBe(true)
    // the table's headings are drawn before its rows arrive
    await expect.poll(() => trail.innerText(), { timeout: 30_000 }).toContain('Додано установу')
    const text = await trail.innerText()
    for (const words of ['Додано установу', 'Вхід', 'Переглянуто журнал аудиту запису', 'Госпіталізовано'])
      expect(text).toContain(words)
    expect(text).toContain(`${woman.surname} ${woman.givenName} (№`)
    expect(text).not.toMatch(/person\.|facility\.|session\.|[0-9a-f]{8}-[0-9a-f]{4}|\b(AM|PM)\b/)
    const body = await page.locator('body').innerText()

    expect(
      englishOf(['nav', 'audit', 'auditAction', 'fields', 'status']).filter((s) => body.includes(s)),
    ).toEqual([])
    expect(await scrollsSideways(page)).toBe(false)
    await page.screenshot({ path: `${SHOTS}/audit-trail-uk.png` })
    expect(statSync(`${SHOTS}/audit-trail-uk.png`).size).toBeLessThan(300_000)
  })

  it('registers a group capture, links each person registered, and leaves the form empty, not red', async () => {
    await page.goto(`${server.url}/captures/new`)
    await page.getByLabel(uk.fields.capturePlace).fill('Запорізька обл., район Гуляйполя')
    await page.getByLabel(uk.fields.source).fill('донесення бригади')
    await page.getByLabel(uk.fields.surname).fill('Гребенюк')
    await page.getByRole('button', { name: uk.form.addPerson }).click()
    await page.getByLabel(uk.fields.surname).nth(1).fill('Лисенко')
    await page.getByRole('button', { name: uk.form.register }).click()
    const done = page.getByRole('status')
    await expect
      .poll(() => done.getByText('Зареєстровано 2 особи').isVisible(), { timeout: 30_000 })
      .toBe(true)
    expect(await done.getByRole('link').count()).toBe(2)
    expect(await page.getByLabel(uk.fields.surname).count()).toBe(1)
    expect(await page.getByLabel(uk.fields.surname).inputValue()).toBe('')
    expect(await page.locator('[aria-invalid="true"]').count()).toBe(0)
    await done.getByRole('link', { name: /Лисенко/ }).click()
    await expect
      .poll(() => page.getByRole('heading', { name: 'Лисенко' }).isVisible(), { timeout: 30_000 })
      .toBe(true)
  })
})
