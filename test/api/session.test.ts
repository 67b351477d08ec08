import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestApp, totpCodeFor } from '../support/test-app'
import { dropTestTemplate } from '../support/test-db'

let t: Awaited<ReturnType<typeof createTestApp>>
beforeEach(async () => {
  t = await createTestApp()
}, 300_000)
afterEach(async () => t.close())
afterAll(dropTestTemplate)

describe('POST /api/v1/session', () => {
  it('signs in the first admin with the one-time password and reports permissions', async () => {
    const admin = await t.signIn(t.admin.username, t.admin.password)
    const me = await admin.json('GET', '/api/v1/session')
    expect(me.body.user).toMatchObject({ username: 'admin', role: 'admin', twoFactorEnabled: false })
    expect(me.body.user.permissions).toContain('users.manage')
    expect(admin.cookie).toMatch(/parley\.session_token=/)
  })

  it('refuses a wrong password without saying which part was wrong', async () => {
    const res = await t
      .client()
      .json('POST', '/api/v1/session', { username: 'admin', password: 'not the password' })
    expect(res.status).toBe(401)
    expect(res.body.detail).toBe('Wrong username or password')
  })

  it('rejects a missing password naming the field', async () => {
    const res = await t.client().json('POST', '/api/v1/session', { username: 'admin' })
    expect(res.status).toBe(400)
    expect(res.body.issues[0].path).toBe('password')
  })

  it('signs out', async () => {
    const admin = await t.signIn(t.admin.username, t.admin.password)
    expect((await admin.request('DELETE', '/api/v1/session')).status).toBe(204)
    expect((await admin.json('GET', '/api/v1/session')).status).toBe(401)
  })
})

describe('second factor', () => {
  it('when an admin requires it, a user without one can do nothing but enrol; then signs in with a code', async () => {
    const admin = await t.signIn(t.admin.username, t.admin.password)
    const created = await admin.json('POST', '/api/v1/users', {
      username: 'reg',
      name: 'Registrar',
      role: 'registrar',
      password: 'a long enough password',
    })
    expect((await admin.json('PUT', '/api/v1/settings', { requireSecondFactor: true })).body).toMatchObject({
      requireSecondFactor: true,
    })

    const reg = await t.signIn('reg', 'a long enough password')
    const blocked = await reg.json('GET', '/api/v1/persons')
    expect(blocked.status).toBe(403)
    expect(blocked.body.code).toBe('SECOND_FACTOR_REQUIRED')
    expect((await reg.json('GET', '/api/v1/session')).body.user.mustEnrolSecondFactor).toBe(true)

    const enrol = await reg.json('POST', '/api/v1/session/second-factor/enrol', {
      password: 'a long enough password',
      enrolmentCode: created.body.enrolmentCode,
    })
    expect(enrol.body.totpUri).toMatch(/^otpauth:\/\/totp\//)
    const confirm = await reg.json('POST', '/api/v1/session/second-factor/confirm', {
      code: await totpCodeFor(enrol.body.totpUri),
    })
    expect(confirm.body).toEqual({ twoFactorEnabled: true })
    expect((await reg.json('GET', '/api/v1/persons')).status).toBe(200)

    const again = t.client()
    expect(
      (await again.json('POST', '/api/v1/session', { username: 'reg', password: 'a long enough password' }))
        .body,
    ).toEqual({ status: 'second_factor_required', methods: ['totp'] })
    expect((await again.json('GET', '/api/v1/persons')).status).toBe(401)
    expect((await again.json('POST', '/api/v1/session/second-factor', { code: '000000' })).status).toBe(401)
    expect(
      (
        await again.json('POST', '/api/v1/session/second-factor', {
          // the first code was spent confirming the enrolment; each code works once
          code: await totpCodeFor(enrol.body.totpUri, 1),
        })
      ).body,
    ).toEqual({ status: 'signed_in' })
    expect((await again.json('GET', '/api/v1/persons')).status).toBe(200)
  })

  it('only an admin may change the setting', async () => {
    const registrar = await t.as('registrar')
    expect((await registrar.json('PUT', '/api/v1/settings', { requireSecondFactor: true })).status).toBe(403)
  })
})

describe('GET /api/v1/health and /api/docs', () => {
  it('answers health without a session', async () => {
    const res = await t.client().json('GET', '/api/v1/health')
    expect(res.body).toMatchObject({ status: 'ok' })
  })

  it('documents the API as OpenAPI 3.1', async () => {
    const res = await t.client().json('GET', '/api/openapi.json')
    expect(res.body.openapi).toBe('3.1.0')
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/persons', '/persons/{id}/events', '/captures', '/audit/verify', '/session']),
    )
  })
})
