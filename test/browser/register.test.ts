import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { totpCodeFor } from '../support/test-app'
import { startTestServer } from '../support/test-server'
import { choose, launchChromium, signIn } from './browser'

const SETUP = { id: 'test', name: 'test setup', role: 'admin' } as const
const ENROLMENT_CODE_LABEL = 'Enrolment code from an administrator'

describe('the custody register in the browser', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    server = await startTestServer()
    const { custody } = server.parley.services
    await custody.createFacility(SETUP, { name: 'Camp North', kind: 'camp', capacity: 500 })
    await custody.createFacility(SETUP, { name: 'Camp South', kind: 'camp', capacity: 800 })
    browser = await launchChromium()
    page = await (await browser.newContext({ locale: 'en-GB' })).newPage()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('signs in and shows the register', async () => {
    await signIn(
      page,
      `${server.url}/register`,
      server.adminCredentials.username,
      server.adminCredentials.password,
    )
    await expect.poll(() => page.getByRole('heading', { name: 'Custody register' }).isVisible()).toBe(true)
    await expect.poll(() => page.getByTestId('register-count').textContent()).toBe('0 persons')
  })

  it('shows the validation message beside the field and registers nobody', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Register a person' }).click()
    await page.getByLabel('Date of birth').fill('31.02.1999')
    await page.getByRole('button', { name: 'Register' }).click()
    await expect.poll(() => page.getByText('must not be empty').isVisible()).toBe(true)
    await expect.poll(() => page.getByText('31.02.1999 is not a date').isVisible()).toBe(true)
    expect((await server.parley.services.custody.countPersons({ confirmation: 'all' })).total).toBe(0)
  })

  it('registers a person, records a transfer, and shows the new status and the audit entries', async () => {
    await page.getByLabel('Surname').fill('Коваленко')
    await page.getByLabel('First names').fill('Петро')
    await page.getByLabel('Rank').fill('солдат')
    await page.getByLabel('Service number').fill('АБ-123456')
    await page.getByLabel('Date of birth').fill('1994-03')
    await choose(page, 'Facility', 'Camp North')
    await page.getByRole('button', { name: 'Register' }).click()

    await expect.poll(() => page.getByRole('heading', { name: 'Коваленко Петро' }).isVisible()).toBe(true)
    expect(await page.getByTestId('person-status').textContent()).toBe('Interned')
    expect(await page.getByTestId('person-facility').textContent()).toBe('Camp North')
    // a birth month without the day is kept as given, and leaves the Art. 17 minimum incomplete
    expect(await page.getByText('Art. 17 particulars incomplete').isVisible()).toBe(true)

    const form = page.getByRole('form', { name: 'Record an event' })
    await choose(page, 'Facility', 'Camp South')
    await form.getByRole('button', { name: 'Record' }).click()

    await expect.poll(() => page.getByTestId('person-facility').textContent()).toBe('Camp South')
    expect(await page.getByTestId('person-status').textContent()).toBe('Interned')
    await expect.poll(() => page.getByTestId('timeline').getByText('Transferred').isVisible()).toBe(true)
    const audit = page.getByTestId('person-audit')
    // actions in words, the move as facility names (not codes and ids)
    await expect.poll(() => audit.getByText('Transferred', { exact: true }).isVisible()).toBe(true)
    expect(await audit.getByText('Registered', { exact: true }).isVisible()).toBe(true)
    expect(await audit.getByText('Camp North', { exact: true }).first().isVisible()).toBe(true)
    expect(await audit.getByText('person.', { exact: false }).count()).toBe(0)

    const [person] = (await server.parley.services.custody.listPersons({}, { limit: 5 })).items
    expect(person?.status).toBe('interned')
  })

  it('corrects the particulars with a reason the audit trail keeps', async () => {
    await page.getByRole('button', { name: 'Correct particulars' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByLabel('Date of birth').fill('17.03.1994')
    await dialog.getByRole('button', { name: 'Save' }).click()
    await expect.poll(() => dialog.getByText('must not be empty').isVisible()).toBe(true)
    await dialog.getByLabel('Reason for the correction').fill('day of birth from the capture card')
    await dialog.getByRole('button', { name: 'Save' }).click()
    await expect.poll(() => page.getByText('Art. 17 particulars complete').isVisible()).toBe(true)
    await expect
      .poll(() => page.getByTestId('person-audit').getByText('Particulars corrected').isVisible())
      .toBe(true)
    expect(
      await page.getByTestId('timeline').getByText('day of birth from the capture card').isVisible(),
    ).toBe(true)
  })

  it('finds the person in the register with a filter', async () => {
    await page.getByRole('link', { name: 'Register', exact: true }).click()
    await page.getByLabel('Surname or service number').fill('Ковал')
    await expect.poll(() => page.getByRole('row', { name: /Коваленко Петро/ }).isVisible()).toBe(true)
    await page.getByLabel('Surname or service number').fill('Шевч')
    await expect.poll(() => page.getByText('No one matches these filters.').isVisible()).toBe(true)
  })

  it('finds the person from the header search in Latin letters and opens the record', async () => {
    await page.getByRole('textbox', { name: 'Search persons' }).fill('Petro Kovalenko')
    const option = page.getByRole('option', { name: /Коваленко Петро/ })
    await expect.poll(() => option.isVisible()).toBe(true)
    await option.click()
    await expect.poll(() => page.getByRole('heading', { name: 'Коваленко Петро' }).isVisible()).toBe(true)
  })

  it('switches to Ukrainian', async () => {
    await page.getByRole('link', { name: 'Register', exact: true }).click()
    await page.getByText('Українська').click()
    await expect
      .poll(() => page.getByRole('heading', { name: 'Реєстр утримуваних осіб' }).isVisible())
      .toBe(true)
    expect(
      await page.getByRole('navigation').getByRole('link', { name: 'Зареєструвати особу' }).isVisible(),
    ).toBe(true)
    await page.getByText('English').click()
  })

  it('asks for a second factor when an admin requires it, and then for the code at sign-in', async () => {
    const { enrolmentCode } = await server.parley.services.users.createUser(SETUP, {
      username: 'registrar1',
      name: 'Registrar One',
      role: 'registrar',
      password: 'registrar password 2026',
    })
    await server.parley.services.settings.updateSecuritySettings(SETUP, { requireSecondFactor: true })
    const context = await browser.newContext({ locale: 'en-GB' })
    const registrar = await context.newPage()
    await signIn(registrar, `${server.url}/register`, 'registrar1', 'registrar password 2026')
    await expect
      .poll(() => registrar.getByRole('heading', { name: 'Set up your second factor' }).isVisible())
      .toBe(true)
    await registrar.getByRole('textbox', { name: 'Password' }).fill('registrar password 2026')
    // the password alone may not bind an authenticator: the admin's one-time enrolment code is needed
    await registrar.getByRole('textbox', { name: ENROLMENT_CODE_LABEL }).fill(enrolmentCode)
    await registrar.getByRole('button', { name: 'Get a key' }).click()
    const secret = await registrar.getByTestId('totp-secret').textContent()
    await registrar
      .getByLabel('Code from your authenticator app')
      .fill(await totpCodeFor(`otpauth://totp/x?secret=${secret}`))
    await registrar.getByRole('button', { name: 'Confirm' }).click()
    await expect
      .poll(() => registrar.getByRole('heading', { name: 'Custody register' }).isVisible())
      .toBe(true)
    expect(await registrar.getByRole('link', { name: 'Audit trail' }).count()).toBe(0)

    await registrar.getByRole('button', { name: 'Sign out' }).click()
    await signIn(registrar, `${server.url}/register`, 'registrar1', 'registrar password 2026')
    await registrar.getByLabel('Code from your authenticator app').fill('000000')
    await registrar.getByRole('button', { name: 'Verify' }).click()
    await expect.poll(() => registrar.getByRole('alert').textContent()).toContain('not valid')
    // a code is good once: the next step's code, which the one-step window accepts
    await registrar
      .getByLabel('Code from your authenticator app')
      .fill(await totpCodeFor(`otpauth://totp/x?secret=${secret}`, 1))
    await registrar.getByRole('button', { name: 'Verify' }).click()
    await expect
      .poll(() => registrar.getByRole('heading', { name: 'Custody register' }).isVisible())
      .toBe(true)
    await context.close()
  })
})
