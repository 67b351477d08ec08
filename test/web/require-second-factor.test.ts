import { afterAll, afterEach, beforeEach, expect, it } from 'vitest'
import { createTestApp, totpCodeFor } from '../support/test-app'
import { dropTestTemplate } from '../support/test-db'

// The admin page's "Require a second factor for every account", through the API it calls.
let t: Awaited<ReturnType<typeof createTestApp>>
beforeEach(async () => {
  t = await createTestApp()
}, 120_000)
afterEach(async () => t?.close())
afterAll(dropTestTemplate)

it('hands an admin without a second factor their own enrolment code when they require one, which enrols them', async () => {
  const admin = await t.signIn(t.admin.username, t.admin.password)
  const saved = await admin.json('PUT', '/api/v1/settings', { requireSecondFactor: true })
  expect(saved.status).toBe(200)
  expect(saved.body).toMatchObject({ requireSecondFactor: true, enrolmentCode: expect.any(String) })
  // from now on the admin must enrol first: the settings are not readable until then
  expect((await admin.json('GET', '/api/v1/settings')).body.code).toBe('SECOND_FACTOR_REQUIRED')

  const enrol = await admin.json('POST', '/api/v1/session/second-factor/enrol', {
    password: t.admin.password,
    enrolmentCode: saved.body.enrolmentCode,
  })
  expect(enrol.status).toBe(200)
  const confirmed = await admin.json('POST', '/api/v1/session/second-factor/confirm', {
    code: await totpCodeFor(enrol.body.totpUri),
  })
  expect(confirmed.status).toBeLessThan(300)
  expect((await admin.json('GET', '/api/v1/settings')).body).toMatchObject({ requireSecondFactor: true })

  // with a second factor, saving again hands out no code
  const again = await admin.json('PUT', '/api/v1/settings', { requireSecondFactor: true })
  expect(again.body.enrolmentCode).toBeUndefined()
  const off = await admin.json('PUT', '/api/v1/settings', { requireSecondFactor: false })
  expect(off.body).toEqual({ requireSecondFactor: false, sessionIdleMinutes: 30, sessionLifetimeHours: 12 })
}, 120_000)
