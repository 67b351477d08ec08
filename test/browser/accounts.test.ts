import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer } from '../support/test-server'
import { launchChromium, signIn } from './browser'

const SETUP = { id: 'test', name: 'test setup', role: 'admin' } as const

describe('the account lifecycle on the admin page', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    server = await startTestServer()
    await server.parley.services.users.createUser(SETUP, {
      username: 'olena-k',
      name: 'Olena K',
      role: 'registrar',
      password: 'a long enough password',
    })
    browser = await launchChromium()
    page = await (await browser.newContext({ locale: 'en-GB' })).newPage()
  }, 300_000)
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('disables, enables and resets the password of an account; the user must change it', async () => {
    await signIn(page, server.url, server.adminCredentials.username, server.adminCredentials.password)
    await page.getByRole('link', { name: 'Administration' }).click()
    const row = page.getByTestId('user-olena-k')
    await expect.poll(() => row.getByText('active').isVisible()).toBe(true)

    await row.getByRole('button', { name: 'Disable' }).click()
    await expect.poll(() => row.getByText('disabled').isVisible()).toBe(true)
    await row.getByRole('button', { name: 'Enable' }).click()
    await expect.poll(() => row.getByText('active').isVisible()).toBe(true)

    await row.getByRole('button', { name: 'Reset password' }).click()
    const shown = page.getByTestId('admin-shown')
    await expect.poll(() => shown.textContent()).toMatch(/One-time password for olena-k: \w{20}/)
    const oneTime = /: (\w{20})/.exec((await shown.textContent()) ?? '')![1]!
    await expect.poll(() => row.getByText('must change password').isVisible()).toBe(true)

    // the admin's own last-admin guard: disabling themselves is refused with the reason
    await page.getByTestId('user-admin').getByRole('button', { name: 'Disable' }).click()
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('last active admin')

    const actions = (
      await server.parley.conn.db
        .selectFrom('audit_log')
        .select('action')
        .where('action', 'like', 'user.%')
        .execute()
    ).map((a) => a.action)
    expect(actions).toEqual(expect.arrayContaining(['user.disable', 'user.enable', 'user.password_reset']))

    // the user signs in with the one-time password and is asked for a new one first
    const other = await (await browser.newContext({ locale: 'en-GB' })).newPage()
    await signIn(other, server.url, 'olena-k', oneTime)
    await expect
      .poll(() => other.getByRole('heading', { name: 'Choose a new password' }).isVisible())
      .toBe(true)
    await other.getByLabel('Current (one-time) password').fill(oneTime)
    await other.getByLabel('New password').fill('password1234')
    await other.getByRole('button', { name: 'Change password' }).click()
    await expect
      .poll(() => other.getByText('is a commonly used password; choose another').first().isVisible())
      .toBe(true)
    await other.getByLabel('New password').fill('a private phrase of mine')
    await other.getByRole('button', { name: 'Change password' }).click()
    // a registrar's first page is the overview
    await expect
      .poll(() => other.getByRole('heading', { name: 'Overview', exact: true }).isVisible())
      .toBe(true)
  })
})
