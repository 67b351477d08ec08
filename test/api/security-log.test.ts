import pino from 'pino'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { hashPassword, needsRehash, OWASP_SCRYPT, verifyPassword } from '../../src/auth/password'
import { createHttpApp } from '../../src/http/app'
import { createTestApp } from '../support/test-app'
import { dropTestTemplate } from '../support/test-db'

let t: Awaited<ReturnType<typeof createTestApp>>
beforeEach(async () => {
  t = await createTestApp()
}, 120_000)
afterEach(async () => t?.close())
afterAll(dropTestTemplate)

describe('security events in the server log', () => {
  it('a failed and a successful sign-in, and a sign-out, are log lines naming the user and the address', async () => {
    const lines: Record<string, unknown>[] = []
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) })
    const app = createHttpApp({
      conn: t.parley.conn,
      auth: t.parley.auth,
      services: t.parley.services,
      logger,
      baseUrl: 'http://localhost:4280',
    })
    const post = (body: unknown, cookie = '') =>
      app.request(
        '/api/v1/session',
        {
          method: cookie ? 'DELETE' : 'POST',
          headers: { 'content-type': 'application/json', origin: 'http://localhost', cookie },
          body: cookie ? undefined : JSON.stringify(body),
        },
        { incoming: { socket: { remoteAddress: '10.20.30.40' } } },
      )
    expect((await post({ username: t.admin.username, password: 'not the password 1' })).status).toBe(401)
    const ok = await post({ username: t.admin.username, password: t.admin.password })
    expect(ok.status).toBe(200)
    const cookie = ok.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ')
    expect((await post(undefined, cookie)).status).toBe(204)

    const sessionLines = lines.filter((l) => l.msg === 'request' && l.path === '/api/v1/session')
    expect(sessionLines.map((l) => [l.method, l.status, l.address])).toEqual([
      ['POST', 401, '10.20.30.40'],
      ['POST', 200, '10.20.30.40'],
      ['DELETE', 204, '10.20.30.40'],
    ])
    // the sign-out is by a known user; the log never carries the password
    expect(sessionLines[2]).toMatchObject({ user: t.admin.username })
    expect(JSON.stringify(lines)).not.toContain(t.admin.password)
  }, 120_000)
})

describe('password hashing', () => {
  it("is scrypt at OWASP's parameters (N=2^17, r=8, p=1), written into each hash; a weaker hash is renewed", async () => {
    expect(OWASP_SCRYPT).toEqual({ logN: 17, r: 8, p: 1 })
    const hash = await hashPassword('a long enough password')
    expect(hash).toMatch(/^\$scrypt\$ln=17,r=8,p=1\$[\w-]{22}\$[\w-]{86}$/)
    expect(await verifyPassword(hash, 'a long enough password')).toBe(true)
    expect(await verifyPassword(hash, 'a long enough passwore')).toBe(false)
    const weak = await hashPassword('a long enough password', { logN: 12, r: 8, p: 1 })
    expect(needsRehash(weak, OWASP_SCRYPT)).toBe(true)
    expect(needsRehash(hash, OWASP_SCRYPT)).toBe(false)
  }, 120_000)
})
