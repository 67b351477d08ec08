import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer } from '../support/test-server'
import { launchChromium, signIn } from './browser'

const SETUP = { id: 'test', name: 'test setup', role: 'admin' } as const
const PASSWORD = 'a long enough password'

/**
 * A passkey end to end in Chromium, with its virtual authenticator (DevTools protocol) standing in
 * for a security key: set up on the enrolment page with the admin's code, then used at sign-in.
 */
describe('a passkey in the browser', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>
  let browser: Browser
  let context: BrowserContext
  let page: Page
  let enrolmentCode: string
  // a passkey belongs to a host name, and Chromium refuses an IP address as one
  let url: string

  beforeAll(async () => {
    server = await startTestServer()
    ;({ enrolmentCode } = await server.parley.services.users.createUser(SETUP, {
      username: 'ivanna',
      name: 'Ivanna K',
      role: 'registrar',
      password: PASSWORD,
    }))
    // the default a real site has: a second factor required of everyone
    await server.parley.conn.db.deleteFrom('settings').where('key', '=', 'security').execute()
    url = server.url.replace('127.0.0.1', 'localhost')
    browser = await launchChromium()
    context = await browser.newContext({ locale: 'en-GB' })
    page = await context.newPage()
    const cdp = await context.newCDPSession(page)
    await cdp.send('WebAuthn.enable')
    await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'usb',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    })
  }, 300_000)
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('is set up with the enrolment code on the second-factor page, signs in, and is listed on the passkeys page', async () => {
    await signIn(page, `${url}/register`, 'ivanna', PASSWORD)
    await expect
      .poll(() => page.getByRole('heading', { name: 'Set up your second factor' }).isVisible(), {
        timeout: 60_000,
      })
      .toBe(true)
    await page.getByRole('textbox', { name: 'Password' }).fill(PASSWORD)
    await page.getByLabel('Enrolment code from an administrator').fill(enrolmentCode)
    await page.getByRole('button', { name: 'Set up a passkey instead' }).click()
    await expect
      .poll(() => page.getByRole('heading', { name: 'Custody register' }).isVisible(), { timeout: 60_000 })
      .toBe(true)

    await page.getByRole('button', { name: 'Sign out' }).click()
    await signIn(page, `${url}/register`, 'ivanna', PASSWORD)
    await page.getByRole('button', { name: 'Use a passkey' }).click()
    await expect
      .poll(() => page.getByRole('heading', { name: 'Custody register' }).isVisible(), { timeout: 60_000 })
      .toBe(true)

    // the passkeys page lists it; the same key again, or removing the only second factor, is refused
    await page.getByRole('link', { name: 'Passkeys' }).click()
    await expect.poll(() => page.getByTestId('passkey-row').count(), { timeout: 60_000 }).toBe(1)
    await page.getByRole('textbox', { name: 'Password' }).fill(PASSWORD)
    await page.getByRole('button', { name: 'Add a passkey' }).click()
    await expect
      .poll(() => page.getByRole('alert').textContent(), { timeout: 60_000 })
      .toContain('This passkey is registered already.')
    await page.getByRole('button', { name: 'Remove' }).click()
    await expect
      .poll(() => page.getByRole('alert').textContent(), { timeout: 60_000 })
      .toContain('only second factor')
    expect(await page.getByTestId('passkey-row').count()).toBe(1)

    const trail = await server.parley.conn.db
      .selectFrom('audit_log')
      .select(['action', 'after'])
      .where('action', 'in', ['user.passkey_register', 'session.sign_in'])
      .orderBy('seq')
      .execute()
    // the password alone signed in before any second factor; then the passkey, then the sign-in with it
    expect(trail.map((a) => a.action)).toEqual([
      'session.sign_in',
      'user.passkey_register',
      'session.sign_in',
    ])
    expect(trail.at(-1)!.after).toMatchObject({ method: 'passkey' })
  }, 300_000)
})
