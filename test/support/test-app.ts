import { base32 } from '@better-auth/utils/base32'
import { createOTP } from '@better-auth/utils/otp'
import pino from 'pino'
import { openParley, type Parley } from '../../src/app/container'
import type { Role } from '../../src/auth/roles'
import { loadConfig } from '../../src/core/config'
import { createHttpApp } from '../../src/http/app'
import { writeSetting } from '../../src/settings/store'
import { createTestDatabase, testDataDir } from './test-db'

/** Cheap scrypt for tests (the OWASP cost takes about a second a hash on a busy machine). */
export const TEST_PASSWORD_COST = { logN: 12, r: 8, p: 1 }

export async function relaxSecondFactor(conn: { db: Parley['conn']['db'] }) {
  await writeSetting(conn.db, 'security', { requireSecondFactor: false }, new Date())
}

/** A cookie jar for one signed-in client of the in-process app. */
export type Client = {
  cookie: string
  request: (method: string, path: string, body?: unknown) => Promise<Response>
  // biome-ignore lint/suspicious/noExplicitAny: tests read JSON bodies loosely
  json: <T = any>(method: string, path: string, body?: unknown) => Promise<{ status: number; body: T }>
}

/**
 * Parley's HTTP app in process (app.request, no socket) on a fresh database, with helpers to sign
 * in as any role through the real session routes.
 */
export async function createTestApp() {
  const conn = await createTestDatabase()
  const config = loadConfig({
    NODE_ENV: 'test',
    PARLEY_LOG_LEVEL: 'silent',
    PARLEY_PORT: '4280',
    PARLEY_DATA_DIR: testDataDir(),
  })
  const parley: Parley = await openParley(config, {
    connection: conn,
    signInAttemptsPerMinute: 1000,
    passwordCost: TEST_PASSWORD_COST,
  })
  // a test site: the second factor is optional unless a test requires it (it is required by default)
  await relaxSecondFactor(conn)
  const app = createHttpApp({
    conn,
    auth: parley.auth,
    services: parley.services,
    logger: pino({ level: 'silent' }),
    baseUrl: config.http.publicUrl,
  })
  const admin = (await parley.services.users.ensureFirstAdmin())!

  function client(cookie = ''): Client {
    const c: Client = {
      cookie,
      request: async (method, path, body) => {
        // As a browser would: app.request serves http://localhost, and unsafe methods carry their Origin.
        const headers: Record<string, string> = { cookie: c.cookie, origin: 'http://localhost' }
        if (body !== undefined) headers['content-type'] = 'application/json'
        const res = await app.request(path, {
          method,
          headers,
          body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
        })
        for (const set of res.headers.getSetCookie()) {
          const [pair] = set.split(';')
          const [name] = pair!.split('=')
          const jar = c.cookie.split('; ').filter((p) => p && !p.startsWith(`${name}=`))
          if (!/max-age=0/i.test(set)) jar.push(pair!)
          c.cookie = jar.join('; ')
        }
        return res
      },
      json: async (method, path, body) => {
        const res = await c.request(method, path, body)
        const text = await res.text()
        return { status: res.status, body: text ? JSON.parse(text) : null }
      },
    }
    return c
  }

  async function signIn(username: string, password: string): Promise<Client> {
    const c = client()
    const res = await c.json('POST', '/api/v1/session', { username, password })
    if (res.status !== 200) throw new Error(`sign-in failed: ${JSON.stringify(res.body)}`)
    return c
  }

  let n = 0
  /** A new user of `role`, signed in. */
  async function as(role: Role): Promise<Client> {
    n += 1
    const username = `${role}${n}`
    const password = 'correct horse battery staple'
    await parley.services.users.createUser(
      { id: 'test', name: 'test', role: 'admin' },
      { username, name: `Test ${role}`, role, password },
    )
    return signIn(username, password)
  }

  return {
    app,
    parley,
    admin,
    client,
    signIn,
    as,
    close: async () => {
      // a background dashboard refresh ends first, or it meets a closed database
      await parley.services.dashboard.settled()
      await conn.close()
    },
  }
}

/**
 * The TOTP code for an otpauth:// URI, as an authenticator app would show it now, or `stepsAhead`
 * 30-second steps later (a code is accepted once: a second sign-in in a test uses the next one).
 */
export async function totpCodeFor(totpUri: string, stepsAhead = 0): Promise<string> {
  const secret = new URL(totpUri).searchParams.get('secret')!
  return createOTP(base32.decode(secret)).hotp(Math.floor(Date.now() / 30_000) + stepsAhead)
}
