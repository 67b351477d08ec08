import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SoftAuthenticator } from '../support/soft-authenticator'
import { type Client, createTestApp, relaxSecondFactor } from '../support/test-app'
import { dropTestTemplate } from '../support/test-db'

let t: Awaited<ReturnType<typeof createTestApp>>
beforeEach(async () => {
  t = await createTestApp()
}, 120_000)
afterEach(async () => t?.close())
afterAll(dropTestTemplate)

const PASSWORD = 'a long enough password'
/** The page's origin as the test client sends it (app.request serves http://localhost). */
const ORIGIN = 'http://localhost'

async function auditOf(userId: string) {
  return t.parley.conn.db
    .selectFrom('audit_log')
    .select(['action', 'after'])
    .where('entity_id', '=', userId)
    .orderBy('seq')
    .execute()
}

/** A registrar created by the admin, with the admin's enrolment code; second factor required. */
async function newAccount(username: string) {
  const admin = await t.signIn(t.admin.username, t.admin.password)
  const created = await admin.json('POST', '/api/v1/users', {
    username,
    name: `Test ${username}`,
    role: 'registrar',
    password: PASSWORD,
  })
  expect(created.status).toBe(201)
  // back to the default a real site has: a second factor required of everyone
  await t.parley.conn.db.deleteFrom('settings').where('key', '=', 'security').execute()
  return { admin, id: created.body.user.id as string, enrolmentCode: created.body.enrolmentCode as string }
}

async function registerPasskey(client: Client, key: SoftAuthenticator, enrolmentCode?: string) {
  const options = await client.json('POST', '/api/v1/session/passkeys/options', {
    password: PASSWORD,
    ...(enrolmentCode ? { enrolmentCode } : {}),
  })
  expect(options.status).toBe(200)
  return client.json('POST', '/api/v1/session/passkeys', {
    name: 'Blue security key',
    response: key.create(options.body, ORIGIN),
  })
}

/** Password, then the passkey step's options: the client is half-way through signing in. */
async function startSignIn(username: string) {
  const c = t.client()
  const first = await c.json('POST', '/api/v1/session', { username, password: PASSWORD })
  expect(first.body).toEqual({ status: 'second_factor_required', methods: ['passkey'] })
  const options = await c.json('POST', '/api/v1/session/passkey/options')
  expect(options.status).toBe(200)
  return { c, options: options.body }
}

describe('passkeys as a second factor', () => {
  it('are not registered with the password alone while a second factor is required', async () => {
    const { id } = await newAccount('oksana')
    const oksana = await t.signIn('oksana', PASSWORD)
    const alone = await oksana.json('POST', '/api/v1/session/passkeys/options', { password: PASSWORD })
    expect(alone.status).toBe(400)
    expect(alone.body.issues[0].path).toBe('enrolmentCode')
    const wrongPassword = await oksana.json('POST', '/api/v1/session/passkeys/options', {
      password: 'not my password at all',
      enrolmentCode: 'whatever',
    })
    expect(wrongPassword.status).toBe(400)
    expect(wrongPassword.body.issues[0].path).toBe('password')
    // no challenge was issued, so an answer made up without one is refused too
    const key = new SoftAuthenticator()
    const forced = await oksana.json('POST', '/api/v1/session/passkeys', {
      response: key.create({ challenge: 'bWFkZS11cA', rp: {} }, ORIGIN),
    })
    expect(forced.status).toBe(400)
    expect((await oksana.json('GET', '/api/v1/session/passkeys')).body.items).toEqual([])
    expect((await oksana.json('GET', '/api/v1/persons')).body.code).toBe('SECOND_FACTOR_REQUIRED')
    expect((await auditOf(id)).map((a) => a.action)).not.toContain('user.passkey_register')
  }, 180_000)

  it('register with the enrolment code, then sign in with the passkey; each step audited', async () => {
    const { id, enrolmentCode } = await newAccount('andrii')
    const andrii = await t.signIn('andrii', PASSWORD)
    const key = new SoftAuthenticator()
    const registered = await registerPasskey(andrii, key, enrolmentCode)
    expect(registered.status).toBe(201)
    expect(registered.body).toMatchObject({ id: key.id, name: 'Blue security key', lastUsedAt: null })
    // the session that registered it may work now
    expect((await andrii.json('GET', '/api/v1/persons')).status).toBe(200)

    const { c, options } = await startSignIn('andrii')
    expect(options.allowCredentials.map((a: { id: string }) => a.id)).toEqual([key.id])
    expect(options.rpId).toBe('localhost')
    expect((await c.json('GET', '/api/v1/persons')).status).toBe(401)
    const done = await c.json('POST', '/api/v1/session/passkey', { response: key.get(options, ORIGIN) })
    expect(done).toEqual({ status: 200, body: { status: 'signed_in' } })
    expect((await c.json('GET', '/api/v1/persons')).status).toBe(200)
    const listed = (await c.json('GET', '/api/v1/session/passkeys')).body.items
    expect(listed[0].lastUsedAt).not.toBeNull()

    const trail = await auditOf(id)
    const register = trail.find((a) => a.action === 'user.passkey_register')!
    expect(register.after).toMatchObject({ passkey: 'Blue security key', credential: key.id })
    const signIn = trail.filter((a) => a.action === 'session.sign_in').at(-1)!
    expect(signIn.after).toMatchObject({ method: 'passkey', credential: key.id, address: '127.0.0.1' })
    // the enrolment code was spent by the registration
    const state = await t.parley.conn.db
      .withTables<{ auth_account_state: { user_id: string; enrolment_code_hash: string | null } }>()
      .selectFrom('auth_account_state')
      .select('enrolment_code_hash')
      .where('user_id', '=', id)
      .executeTakeFirst()
    expect(state?.enrolment_code_hash ?? null).toBeNull()
    expect(enrolmentCode).toHaveLength(20)
  }, 180_000)

  it('refuse a replayed assertion, one whose counter did not grow, and one made for another site', async () => {
    const { id, enrolmentCode } = await newAccount('halyna')
    const key = new SoftAuthenticator()
    expect((await registerPasskey(await t.signIn('halyna', PASSWORD), key, enrolmentCode)).status).toBe(201)

    const first = await startSignIn('halyna')
    const assertion = key.get(first.options, ORIGIN)
    expect((await first.c.json('POST', '/api/v1/session/passkey', { response: assertion })).status).toBe(200)

    // the same assertion again, in a new sign-in: its challenge was spent
    const replay = await startSignIn('halyna')
    const replayed = await replay.c.json('POST', '/api/v1/session/passkey', { response: assertion })
    expect(replayed.status).toBe(401)
    expect((await replay.c.json('GET', '/api/v1/persons')).status).toBe(401)

    // a fresh challenge signed with the counter already used: a cloned key
    const clone = await startSignIn('halyna')
    const sameCount = key.get(clone.options, ORIGIN, key.counter)
    const cloned = await clone.c.json('POST', '/api/v1/session/passkey', { response: sameCount })
    expect(cloned.status).toBe(401)
    expect(cloned.body.detail).toMatch(/counter/i)
    expect((await clone.c.json('GET', '/api/v1/persons')).status).toBe(401)

    // an assertion a look-alike site obtained: the origin does not match
    const phished = await startSignIn('halyna')
    const evil = await phished.c.json('POST', '/api/v1/session/passkey', {
      response: key.get(phished.options, 'https://parley.example.net'),
    })
    expect(evil.status).toBe(401)

    // answers that are not assertions at all are refused, not a 500
    const junk = await startSignIn('halyna')
    const broken = await junk.c.json('POST', '/api/v1/session/passkey', { response: { id: '%%' } })
    expect(broken.status).toBe(401)

    const failures = (await auditOf(id)).filter((a) => a.action === 'session.sign_in_failed')
    expect(failures.length).toBe(4)
    expect(failures[0]!.after).toMatchObject({ step: 'second factor' })
  }, 240_000)

  it('are removed by an admin resetting the second factor', async () => {
    const { admin, id, enrolmentCode } = await newAccount('mykhailo')
    const key = new SoftAuthenticator()
    expect((await registerPasskey(await t.signIn('mykhailo', PASSWORD), key, enrolmentCode)).status).toBe(201)
    // this test's admin has no second factor: relaxed while the admin works
    await relaxSecondFactor(t.parley.conn)
    expect((await admin.json('GET', `/api/v1/users/${id}/passkeys`)).body.passkeys).toHaveLength(1)

    const reset = await admin.json('POST', `/api/v1/users/${id}/reset-second-factor`)
    expect(reset.body).toMatchObject({ username: 'mykhailo', passkeysRemoved: 1 })
    expect((await admin.json('GET', `/api/v1/users/${id}/passkeys`)).body.passkeys).toEqual([])
    await t.parley.conn.db.deleteFrom('settings').where('key', '=', 'security').execute()

    // the password now opens only the enrolment page, and the old passkey no longer signs in
    const c = t.client()
    expect(
      (await c.json('POST', '/api/v1/session', { username: 'mykhailo', password: PASSWORD })).body,
    ).toEqual({
      status: 'signed_in',
    })
    expect((await c.json('GET', '/api/v1/persons')).body.code).toBe('SECOND_FACTOR_REQUIRED')
    expect((await c.json('POST', '/api/v1/session/passkey/options')).status).toBe(401)
    const trail = await auditOf(id)
    expect(trail.find((a) => a.action === 'user.second_factor_reset')!.after).toMatchObject({
      passkeysRemoved: 1,
    })
  }, 180_000)

  it('are removed by their owner, but not the only second factor while one is required', async () => {
    const { id, enrolmentCode } = await newAccount('sofiia')
    const sofiia = await t.signIn('sofiia', PASSWORD)
    const one = new SoftAuthenticator()
    const two = new SoftAuthenticator()
    expect((await registerPasskey(sofiia, one, enrolmentCode)).status).toBe(201)
    const only = await sofiia.json('DELETE', `/api/v1/session/passkeys/${one.id}`)
    expect(only.status).toBe(409)
    expect(only.body.detail).toContain('only second factor')
    // a second passkey, in the session that passed the first: no enrolment code needed
    expect((await registerPasskey(sofiia, two)).status).toBe(201)
    expect((await sofiia.request('DELETE', `/api/v1/session/passkeys/${one.id}`)).status).toBe(204)
    expect((await sofiia.json('DELETE', `/api/v1/session/passkeys/${one.id}`)).status).toBe(404)
    const items = (await sofiia.json('GET', '/api/v1/session/passkeys')).body.items
    expect(items.map((p: { id: string }) => p.id)).toEqual([two.id])
    const removed = (await auditOf(id)).find((a) => a.action === 'user.passkey_remove')!
    expect(removed.after).toMatchObject({ credential: one.id })
  }, 180_000)
  it('refuse malformed registrations with a 400 naming the field, and store nothing', async () => {
    const { enrolmentCode } = await newAccount('bohdan')
    const bohdan = await t.signIn('bohdan', PASSWORD)
    const key = new SoftAuthenticator()
    const good = (options: { challenge: string; rp: { id?: string } }) => key.create(options, ORIGIN)
    const hostile: [string, (o: { challenge: string; rp: { id?: string } }) => unknown][] = [
      ['response', () => 'not an object'],
      ['response', () => ({ ...good({ challenge: 'eA', rp: {} }), type: 'password' })],
      ['response', (o) => ({ ...good(o), response: { clientDataJSON: '%%%', attestationObject: 'AAAA' } })],
      ['response', (o) => ({ ...good(o), response: { ...good(o).response, attestationObject: 'AAAA' } })],
      ['response', (o) => key.create(o, 'https://parley.example.net')],
      ['response', (o) => key.create({ ...o, rp: { id: 'parley.example.net' } }, ORIGIN)],
      ['name', (o) => good(o)],
    ]
    for (const [field, make] of hostile) {
      const options = await bohdan.json('POST', '/api/v1/session/passkeys/options', {
        password: PASSWORD,
        enrolmentCode,
      })
      const res = await bohdan.json('POST', '/api/v1/session/passkeys', {
        name: field === 'name' ? 'x'.repeat(65) : 'Key',
        response: make(options.body),
      })
      expect(res.status, JSON.stringify(res.body)).toBe(400)
      expect(res.body.issues[0].path).toBe(field)
    }
    expect((await bohdan.json('GET', '/api/v1/session/passkeys')).body.items).toEqual([])
  }, 240_000)
})
