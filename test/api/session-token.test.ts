import { createHmac } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { sql } from 'kysely'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { hashSessionToken } from '../../src/auth/hashed-sessions'
import { createTestApp } from '../support/test-app'
import { dropTestTemplate } from '../support/test-db'

let t: Awaited<ReturnType<typeof createTestApp>>
beforeEach(async () => {
  t = await createTestApp()
}, 300_000)
afterEach(async () => t.close())
afterAll(dropTestTemplate)

const COOKIE = 'parley.session_token'
const PASSWORD = 'correct horse battery staple'

/** The clear token inside a client's signed session cookie (`token.signature`, URL-encoded). */
function tokenOf(cookie: string): string {
  const value = cookie
    .split('; ')
    .find((p) => p.startsWith(`${COOKIE}=`))!
    .slice(COOKIE.length + 1)
  return decodeURIComponent(value).split('.')[0]!
}

/** A session cookie for `value`, signed with the server's own secret, as an attacker who also held the secret would make it. */
async function signedCookie(value: string): Promise<string> {
  const { secret } = await t.parley.auth.$context
  const signature = createHmac('sha256', secret).update(value).digest('base64')
  return `${COOKIE}=${encodeURIComponent(`${value}.${signature}`)}`
}

async function storedTokens(userId?: string): Promise<string[]> {
  const rows = await sql<{
    token: string
  }>`select token from "session" where ${userId ? sql`"userId" = ${userId}` : sql`true`}`.execute(
    t.parley.conn.db,
  )
  return rows.rows.map((r) => r.token)
}

describe('session tokens are stored hashed', () => {
  it('keeps only the SHA-256 of the cookie token; a token copied from the database is refused as a cookie', async () => {
    const admin = await t.signIn(t.admin.username, t.admin.password)
    const token = tokenOf(admin.cookie)
    expect(await storedTokens()).toEqual([hashSessionToken(token)])
    expect(hashSessionToken(token)).toMatch(/^[0-9a-f]{64}$/)
    expect(hashSessionToken(token)).not.toBe(token)
    // our forging reproduces the real cookie exactly, so the refusal below is the hash's doing
    expect(admin.cookie).toContain(await signedCookie(token))
    expect((await admin.json('GET', '/api/v1/session')).body.user.username).toBe(t.admin.username)

    const [stored] = await storedTokens()
    const thief = t.client(await signedCookie(stored!))
    expect((await thief.json('GET', '/api/v1/session')).status).toBe(401)
    expect((await thief.json('GET', '/api/v1/persons')).status).toBe(401)

    expect((await admin.request('DELETE', '/api/v1/session')).status).toBe(204)
    expect(await storedTokens()).toEqual([])
    expect((await admin.json('GET', '/api/v1/session')).status).toBe(401)
  })

  it('an admin ends every session of an account: each of its cookies is refused', async () => {
    const admin = await t.signIn(t.admin.username, t.admin.password)
    const created = await admin.json('POST', '/api/v1/users', {
      username: 'mykola',
      name: 'Mykola Test',
      role: 'registrar',
      password: PASSWORD,
    })
    expect(created.status).toBe(201)
    const id = created.body.user.id
    const first = await t.signIn('mykola', PASSWORD)
    const second = await t.signIn('mykola', PASSWORD)
    expect((await storedTokens(id)).sort()).toEqual(
      [hashSessionToken(tokenOf(first.cookie)), hashSessionToken(tokenOf(second.cookie))].sort(),
    )
    expect((await first.json('GET', '/api/v1/persons')).status).toBe(200)

    // better-auth's lookups and deletes by a list of tokens (an "in" clause) hash each of them
    const { internalAdapter } = await t.parley.auth.$context
    const tokens = [tokenOf(first.cookie), tokenOf(second.cookie)]
    const found = await internalAdapter.findSessions(tokens)
    expect(found.map((s) => s.session.token).sort()).toEqual([...tokens].sort())
    await internalAdapter.deleteSessions([tokens[1]!])
    expect(await storedTokens(id)).toEqual([hashSessionToken(tokens[0]!)])
    expect((await second.json('GET', '/api/v1/persons')).status).toBe(401)

    expect((await admin.json('POST', `/api/v1/users/${id}/revoke-sessions`)).status).toBe(200)
    expect(await storedTokens(id)).toEqual([])
    expect((await first.json('GET', '/api/v1/persons')).status).toBe(401)
    expect((await second.json('GET', '/api/v1/persons')).status).toBe(401)
    expect((await admin.json('GET', '/api/v1/persons')).status).toBe(200)
  })

  it('migration 0015 hashes a token stored in clear, and its cookie keeps working', async () => {
    const admin = await t.signIn(t.admin.username, t.admin.password)
    const token = tokenOf(admin.cookie)
    // a session as it was stored before the migration
    await sql`update "session" set token = ${token}`.execute(t.parley.conn.db)
    expect((await admin.json('GET', '/api/v1/session')).status).toBe(401)

    const migration = readFileSync(
      new URL('../../src/db/migrations/0015_session_token_hash.sql', import.meta.url),
      'utf8',
    )
    const update = migration.split('\n').find((line) => line.startsWith('update "session"'))!
    await sql.raw(update).execute(t.parley.conn.db)
    expect(await storedTokens()).toEqual([hashSessionToken(token)])
    expect((await admin.json('GET', '/api/v1/session')).status).toBe(200)
  })
})
