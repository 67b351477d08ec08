import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestApp, totpCodeFor } from '../support/test-app'
import { dropTestTemplate } from '../support/test-db'

let t: Awaited<ReturnType<typeof createTestApp>>
beforeEach(async () => {
  t = await createTestApp()
}, 120_000)
afterEach(async () => t?.close())
afterAll(dropTestTemplate)

const PASSWORD = 'a long enough password'

async function auditActions(entityId?: string) {
  let q = t.parley.conn.db.selectFrom('audit_log').select(['action', 'actor_name', 'entity_id', 'after'])
  if (entityId) q = q.where('entity_id', '=', entityId)
  return q.orderBy('seq').execute()
}

/** A sign-in attempt from `address` (as the socket would report it). */
function attempt(address: string, username: string, password: string) {
  return t.app.request(
    '/api/v1/session',
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://localhost' },
      body: JSON.stringify({ username, password }),
    },
    { incoming: { socket: { remoteAddress: address } } },
  )
}

describe('creating accounts', () => {
  it('refuses a bad username or name with a 400 naming the field and leaves nothing behind', async () => {
    const admin = await t.signIn(t.admin.username, t.admin.password)
    const before = (await admin.json('GET', '/api/v1/users')).body.items.length
    const dash = await admin.json('POST', '/api/v1/users', {
      username: 'olena-k',
      name: 'Olena K',
      role: 'registrar',
      password: PASSWORD,
    })
    expect(dash.status).toBe(201)
    const surrogate = await admin.json('POST', '/api/v1/users', {
      username: 'broken',
      name: 'Broken \uD800 name',
      role: 'registrar',
      password: PASSWORD,
    })
    expect(surrogate.status).toBe(400)
    expect(surrogate.body.issues[0].path).toBe('name')
    const leadingDash = await admin.json('POST', '/api/v1/users', {
      username: '-x',
      name: 'X',
      role: 'registrar',
      password: PASSWORD,
    })
    expect(leadingDash.status).toBe(400)
    expect(leadingDash.body.issues[0].path).toBe('username')
    expect((await admin.json('GET', '/api/v1/users')).body.items.length).toBe(before + 1)
    expect((await t.signIn('olena-k', PASSWORD)).cookie).toMatch(/session_token/)
  }, 120_000)

  it('refuses weak passwords: short, the username, common', async () => {
    const admin = await t.signIn(t.admin.username, t.admin.password)
    for (const [password, message] of [
      ['short', 'at least 12'],
      ['aaaaaaaaaaaa', 'too few different'],
      ['password1234', 'commonly used'],
      ['mykola.p2024', 'username'],
    ] as const) {
      const res = await admin.json('POST', '/api/v1/users', {
        username: 'mykola.p',
        name: 'Mykola P',
        role: 'tracer',
        password,
      })
      expect(res.status).toBe(400)
      expect(res.body.issues[0].path).toBe('password')
      expect(res.body.issues[0].message).toContain(message)
    }
  }, 120_000)
})

describe('the account lifecycle', () => {
  it('disables, enables, resets, revokes, changes role and unlocks, each audited', async () => {
    const admin = await t.signIn(t.admin.username, t.admin.password)
    const created = await admin.json('POST', '/api/v1/users', {
      username: 'iryna',
      name: 'Iryna T',
      role: 'registrar',
      password: PASSWORD,
    })
    const id = created.body.user.id
    const iryna = await t.signIn('iryna', PASSWORD)

    expect((await admin.json('POST', `/api/v1/users/${id}/disable`)).status).toBe(200)
    expect((await iryna.json('GET', '/api/v1/session')).status).toBe(401)
    expect(
      (await t.client().json('POST', '/api/v1/session', { username: 'iryna', password: PASSWORD })).status,
    ).toBe(401)
    expect((await admin.json('POST', `/api/v1/users/${id}/enable`)).status).toBe(200)
    const again = await t.signIn('iryna', PASSWORD)

    const reset = await admin.json('POST', `/api/v1/users/iryna/reset-password`)
    expect(reset.body.password).toHaveLength(20)
    expect((await again.json('GET', '/api/v1/session')).status).toBe(401)
    const onetime = await t.signIn('iryna', reset.body.password)
    expect((await onetime.json('GET', '/api/v1/session')).body.user.mustChangePassword).toBe(true)
    const blocked = await onetime.json('GET', '/api/v1/persons')
    expect(blocked.status).toBe(403)
    expect(blocked.body.detail).toContain('one-time password')
    const same = await onetime.json('POST', '/api/v1/session/password', {
      currentPassword: reset.body.password,
      newPassword: 'password1234',
    })
    expect(same.status).toBe(400)
    expect(same.body.issues[0].path).toBe('newPassword')
    expect(
      (
        await onetime.request('POST', '/api/v1/session/password', {
          currentPassword: reset.body.password,
          newPassword: 'a new and private phrase',
        })
      ).status,
    ).toBe(204)
    expect((await onetime.json('GET', '/api/v1/persons')).status).toBe(200)

    expect((await admin.json('PUT', `/api/v1/users/${id}/role`, { role: 'tracer' })).body).toEqual({
      username: 'iryna',
      role: 'tracer',
    })
    expect((await onetime.json('GET', '/api/v1/session')).body.user.role).toBe('tracer')
    const revoked = await admin.json('POST', `/api/v1/users/${id}/revoke-sessions`)
    expect(revoked.body.revoked).toBe(1)
    expect((await onetime.json('GET', '/api/v1/session')).status).toBe(401)
    expect(
      (await admin.json('POST', `/api/v1/users/${id}/reset-second-factor`)).body.enrolmentCode,
    ).toHaveLength(20)
    expect((await admin.json('POST', `/api/v1/users/${id}/unlock`)).status).toBe(200)
    expect((await admin.json('POST', '/api/v1/users/nobody-here/disable')).status).toBe(404)

    const trail = (await auditActions(id)).map((a) => a.action)
    for (const action of [
      'user.create',
      'user.disable',
      'user.enable',
      'user.password_reset',
      'user.password_change',
      'user.role_change',
      'user.sessions_revoke',
      'user.second_factor_reset',
      'user.unlock',
      'session.sign_in',
      'session.sign_in_failed',
    ])
      expect(trail).toContain(action)
    const disable = (await auditActions(id)).find((a) => a.action === 'user.disable')!
    expect(disable.actor_name).toBe('Administrator')
    expect(disable.after).toMatchObject({ username: 'iryna', address: '127.0.0.1' })
  }, 180_000)

  it('refuses to disable or demote the last active admin', async () => {
    const admin = await t.signIn(t.admin.username, t.admin.password)
    const me = (await admin.json('GET', '/api/v1/session')).body.user
    const disable = await admin.json('POST', `/api/v1/users/${me.id}/disable`)
    expect(disable.status).toBe(409)
    expect(disable.body.detail).toContain('last active admin')
    expect((await admin.json('PUT', '/api/v1/users/admin/role', { role: 'auditor' })).status).toBe(409)
    // with a second admin, the first may go
    await admin.json('POST', '/api/v1/users', {
      username: 'second',
      name: 'Second',
      role: 'admin',
      password: PASSWORD,
    })
    expect((await admin.json('POST', '/api/v1/users/second/disable')).status).toBe(200)
    expect((await admin.json('PUT', '/api/v1/users/admin/role', { role: 'auditor' })).status).toBe(409)
    expect((await admin.json('POST', '/api/v1/users/second/enable')).status).toBe(200)
    expect((await admin.json('PUT', '/api/v1/users/admin/role', { role: 'auditor' })).status).toBe(200)
    const registrar = await t.as('registrar')
    expect((await registrar.json('POST', '/api/v1/users/second/disable')).status).toBe(403)
  }, 120_000)
})

describe('sign-in limits', () => {
  it('locks an account after failures from many addresses, the same for an unknown name; an admin unlocks', async () => {
    const admin = await t.signIn(t.admin.username, t.admin.password)
    await admin.json('POST', '/api/v1/users', {
      username: 'taras',
      name: 'Taras',
      role: 'tracer',
      password: PASSWORD,
    })
    const statuses: number[] = []
    for (let i = 0; i < 6; i++)
      statuses.push((await attempt(`10.0.0.${i + 1}`, 'taras', 'wrong guess 123')).status)
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429])
    // the right password from a fresh address does not get through a lock
    const locked = await attempt('10.9.9.9', 'taras', PASSWORD)
    expect(locked.status).toBe(429)
    const lockedBody = await locked.json()
    const unknown: number[] = []
    for (let i = 0; i < 6; i++)
      unknown.push((await attempt(`10.1.0.${i + 1}`, 'no-such-user', 'wrong guess 123')).status)
    expect(unknown).toEqual(statuses)
    const unknownBody = await (await attempt('10.1.1.1', 'no-such-user', PASSWORD)).json()
    expect(unknownBody.detail).toBe(lockedBody.detail)

    const users = (await admin.json('GET', '/api/v1/users')).body.items
    expect(users.find((u: { username: string }) => u.username === 'taras').locked).toBe(true)
    expect((await admin.json('POST', '/api/v1/users/taras/unlock')).body).toEqual({
      username: 'taras',
      unlocked: true,
    })
    expect((await attempt('10.9.9.9', 'taras', PASSWORD)).status).toBe(200)
    const actions = (await auditActions()).map((a) => a.action)
    expect(actions).toContain('session.locked')
    const failed = (await auditActions()).find((a) => a.action === 'session.sign_in_failed')!
    expect(failed.after).toMatchObject({ address: '10.0.0.1', username: 'taras' })
  }, 180_000)
})

describe('sessions', () => {
  it('ends a session past its lifetime, and one idle past the idle timeout', async () => {
    const admin = await t.signIn(t.admin.username, t.admin.password)
    const other = await t.signIn(t.admin.username, t.admin.password)
    const db = t.parley.conn.db.withTables<{
      session: { createdAt: Date; updatedAt: Date; userId: string }
    }>()
    const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000)
    await db
      .updateTable('session')
      .set({ createdAt: hoursAgo(13), updatedAt: hoursAgo(0) })
      .execute()
    expect((await admin.json('GET', '/api/v1/session')).status).toBe(401)
    expect((await other.json('GET', '/api/v1/session')).status).toBe(401)

    const idle = await t.signIn(t.admin.username, t.admin.password)
    await db
      .updateTable('session')
      .set({ createdAt: hoursAgo(1), updatedAt: hoursAgo(0.55) })
      .execute()
    expect((await idle.json('GET', '/api/v1/session')).status).toBe(401)

    // the idle timeout is a setting
    const fresh = await t.signIn(t.admin.username, t.admin.password)
    expect((await fresh.json('PUT', '/api/v1/settings', { sessionIdleMinutes: 60 })).body).toMatchObject({
      sessionIdleMinutes: 60,
      sessionLifetimeHours: 12,
    })
    await db
      .updateTable('session')
      .set({ updatedAt: hoursAgo(0.55) })
      .execute()
    expect((await fresh.json('GET', '/api/v1/session')).status).toBe(200)
  }, 120_000)

  it('stores no session secret in the database', async () => {
    const row = await t.parley.conn.db
      .selectFrom('settings')
      .select('key')
      .where('key', '=', 'session_secret')
      .executeTakeFirst()
    expect(row).toBeUndefined()
  }, 60_000)
})

describe('second factor', () => {
  it('is required by default; enrolment needs the admin code; a code works once', async () => {
    const admin = await t.signIn(t.admin.username, t.admin.password)
    const created = await admin.json('POST', '/api/v1/users', {
      username: 'petro',
      name: 'Petro',
      role: 'registrar',
      password: PASSWORD,
    })
    // back to the default a real site has
    await t.parley.conn.db.deleteFrom('settings').where('key', '=', 'security').execute()
    expect((await admin.json('GET', '/api/v1/settings')).status).toBe(403)

    const petro = await t.signIn('petro', PASSWORD)
    expect((await petro.json('GET', '/api/v1/persons')).body.code).toBe('SECOND_FACTOR_REQUIRED')
    // the password alone does not bind an authenticator
    const alone = await petro.json('POST', '/api/v1/session/second-factor/enrol', { password: PASSWORD })
    expect(alone.status).toBe(400)
    expect(alone.body.issues[0].path).toBe('enrolmentCode')
    const wrongCode = await petro.json('POST', '/api/v1/session/second-factor/enrol', {
      password: PASSWORD,
      enrolmentCode: 'not the code',
    })
    expect(wrongCode.status).toBe(400)
    const enrol = await petro.json('POST', '/api/v1/session/second-factor/enrol', {
      password: PASSWORD,
      enrolmentCode: created.body.enrolmentCode,
    })
    expect(enrol.status).toBe(200)
    const first = await totpCodeFor(enrol.body.totpUri)
    expect((await petro.json('POST', '/api/v1/session/second-factor/confirm', { code: first })).status).toBe(
      200,
    )
    expect((await petro.json('GET', '/api/v1/persons')).status).toBe(200)

    // the same code again, at sign-in, is refused
    const again = t.client()
    expect(
      (await again.json('POST', '/api/v1/session', { username: 'petro', password: PASSWORD })).body,
    ).toEqual({
      status: 'second_factor_required',
      methods: ['totp'],
    })
    const replay = await again.json('POST', '/api/v1/session/second-factor', { code: first })
    expect(replay.status).toBe(401)
    expect(replay.body.detail).toContain('used already')
    expect((await again.json('GET', '/api/v1/persons')).status).toBe(401)

    // the enrolment code was spent
    const trail = (await auditActions(created.body.user.id)).map((a) => a.action)
    expect(trail).toContain('user.second_factor_enrol')
    expect(trail).toContain('session.password_accepted')
  }, 180_000)
})
