import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { en } from '../../src/web/locales/en'
import { uk } from '../../src/web/locales/uk'
import { buildPerson } from '../support/factories'
import { startTestServer } from '../support/test-server'
import { launchChromium, signIn } from './browser'

const SETUP = { id: 'test', name: 'test setup', role: 'admin' } as const

/**
 * The English strings of the sections a register page shows, where Ukrainian says something else
 * (a brand name or a number sign is the same in both): none of them may be left on a Ukrainian page.
 */
function englishLeftovers(): string[] {
  const sections = [
    'app',
    'nav',
    'register',
    'search',
    'confirmation',
    'status',
    'category',
    'roles',
  ] as const
  const out: string[] = []
  const walk = (a: unknown, b: unknown) => {
    if (typeof a === 'string') {
      // the words around a placeholder: "{{count}} persons" -> "persons"
      for (const part of a.split(/\{\{\w+\}\}/)) {
        const words = part.trim()
        if (words.length >= 4 && a !== b) out.push(words)
      }
    } else if (a && typeof a === 'object')
      for (const [k, v] of Object.entries(a)) walk(v, (b as Record<string, unknown>)?.[k])
  }
  for (const s of sections) walk(en[s], uk[s])
  return out
}

describe('the web app without rough edges', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    server = await startTestServer()
    const { custody, users } = server.parley.services
    await custody.registerPerson(
      SETUP,
      buildPerson({ surname: 'Гребенюк', firstNames: 'Остап', dateOfBirth: '1996-03-14' }),
    )
    await custody.registerPerson(
      SETUP,
      buildPerson({ surname: 'Лисенко', firstNames: 'Данило', dateOfBirth: '1991-08-02' }),
    )
    await users.createUser(SETUP, {
      username: 'iryna-s',
      name: 'Iryna S',
      role: 'registrar',
      password: 'registrar password 2026',
    })
    browser = await launchChromium()
    page = await (await browser.newContext({ locale: 'en-GB' })).newPage()
  }, 300_000)
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('finds a person by the date of birth alone, written either way', async () => {
    await signIn(page, server.url, server.adminCredentials.username, server.adminCredentials.password)
    const box = page.getByRole('textbox', { name: 'Search persons' })
    const results = page.getByRole('listbox', { name: 'Search results' })
    for (const q of ['14.03.1996', '1996-03-14']) {
      await box.fill(q)
      await expect.poll(() => results.getByText('Гребенюк Остап').isVisible(), { timeout: 30_000 }).toBe(true)
      expect(await results.getByRole('option').count()).toBe(1)
    }
    await box.press('Enter')
    await expect.poll(() => page.url(), { timeout: 30_000 }).toMatch(/\/persons\//)
  })

  it('signs out to the sign-in page, and the next user sees nothing of the previous one', async () => {
    // on a person's page, with the header naming the admin
    await expect.poll(() => page.getByText('Гребенюк').first().isVisible()).toBe(true)
    await page.getByRole('button', { name: 'Sign out' }).click()
    await expect.poll(() => page.getByRole('heading', { name: 'Sign in to Parley' }).isVisible()).toBe(true)
    expect(new URL(page.url()).pathname).toBe('/')
    expect(await page.getByText('Гребенюк').count()).toBe(0)
    expect(await page.getByTestId('signed-in-user').count()).toBe(0)

    await page.getByLabel('Username').fill('iryna-s')
    await page.getByRole('textbox', { name: 'Password' }).fill('registrar password 2026')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect.poll(() => page.getByTestId('signed-in-user').textContent()).toBe('Iryna S (Registrar)')
    // the first page after sign-in is the overview (issue 18)
    await expect
      .poll(() => page.getByRole('heading', { name: 'Overview', exact: true }).isVisible())
      .toBe(true)
    // the admin's pages are not offered to a registrar, and no admin data lingers
    expect(await page.getByRole('link', { name: 'Administration' }).count()).toBe(0)
    expect(await page.getByText('Test Admin').count()).toBe(0)
    await page.getByRole('button', { name: 'Sign out' }).click()
    await expect.poll(() => page.getByRole('heading', { name: 'Sign in to Parley' }).isVisible()).toBe(true)
  })

  it('shows a Ukrainian register page with no English left', async () => {
    const context = await browser.newContext({ locale: 'uk-UA' })
    const ukPage = await context.newPage()
    await ukPage.goto(`${server.url}/register`)
    await ukPage.locator('input[name="username"]').fill(server.adminCredentials.username)
    await ukPage.locator('input[name="password"]').fill(server.adminCredentials.password)
    await ukPage.getByRole('button', { name: 'Увійти' }).click()
    await expect.poll(() => ukPage.getByRole('heading', { name: uk.register.title }).isVisible()).toBe(true)
    await expect.poll(() => ukPage.getByTestId('register-count').textContent()).toBe('2 особи')
    const text = await ukPage.locator('body').innerText()
    const english = englishLeftovers()
    expect(english.length).toBeGreaterThan(30)
    const left = english.filter((s) => text.includes(s))
    expect(left).toEqual([])
    expect(text).toContain('Адміністратор')
    // the Art. 17 column in words, not a sign
    expect(text).toContain(uk.register.art17Done)
    await context.close()
  })

  it('requires a second factor: the admin is taken to enrolment with a QR code, and may sign out', async () => {
    await signIn(page, server.url, server.adminCredentials.username, server.adminCredentials.password)
    await page.getByRole('link', { name: 'Administration' }).click()
    const box = page.getByRole('checkbox', { name: 'Require a second factor for every account' })
    await expect.poll(() => box.isEnabled()).toBe(true)
    await box.click()
    // the click saves through the API; the setting is read once that request has landed
    await expect
      .poll(async () => (await server.parley.services.settings.readSecuritySettings()).requireSecondFactor, {
        timeout: 30_000,
      })
      .toBe(true)

    // the admin has no second factor yet: enrolment, with the code the server handed over filled in
    await expect
      .poll(() => page.getByRole('heading', { name: 'Set up your second factor' }).isVisible())
      .toBe(true)
    const code = page.getByRole('textbox', { name: 'Enrolment code from an administrator' })
    expect(await code.inputValue()).toMatch(/\w{8,}/)
    await page.getByRole('textbox', { name: 'Password' }).fill(server.adminCredentials.password)
    await page.getByRole('button', { name: 'Get a key' }).click()
    const qr = page.getByTestId('totp-qr')
    await expect.poll(() => qr.isVisible(), { timeout: 30_000 }).toBe(true)
    // a real image, drawn: an <img> with an SVG QR code of some size
    await expect
      .poll(() => qr.evaluate((img) => (img as HTMLImageElement).naturalWidth), { timeout: 30_000 })
      .toBeGreaterThan(0)
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml/)
    expect(await page.getByText('they are not shown again').isVisible()).toBe(true)

    // a way out
    await page.getByRole('button', { name: 'Sign out' }).click()
    await expect.poll(() => page.getByRole('heading', { name: 'Sign in to Parley' }).isVisible()).toBe(true)
  })
})
