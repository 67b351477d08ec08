import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/auth/actor'
import { buildPerson } from '../support/factories'
import { createTestApp } from '../support/test-app'
import { dropTestTemplate } from '../support/test-db'

// Generous limits: each test clones a database and signs users in (a memory-hard hash) on a
// machine others share; the assertions do not depend on speed.
const SLOW = { timeout: 300_000 }

let t: Awaited<ReturnType<typeof createTestApp>>
beforeEach(async () => {
  t = await createTestApp()
  await t.parley.services.settings.updateSecuritySettings(SYSTEM_ACTOR, { requireSecondFactor: false })
}, SLOW.timeout)
afterEach(async () => t?.close())
afterAll(dropTestTemplate)

/** A request as a page on another site would send it, with the signed-in user's cookie. */
function fromOtherSite(cookie: string, method: string, path: string, body: unknown, origin?: string) {
  const headers: Record<string, string> = { cookie, 'content-type': 'application/json' }
  if (origin) headers.origin = origin
  return t.app.request(path, { method, headers, body: JSON.stringify(body) })
}

describe('browser headers', SLOW, () => {
  it('every API response carries a strict CSP, no-store, nosniff, a referrer policy and no framing', async () => {
    const registrar = await t.as('registrar')
    for (const path of ['/api/v1/persons', '/api/v1/health', '/api/v1/no-such-route']) {
      const res = await registrar.request('GET', path)
      const csp = res.headers.get('content-security-policy') ?? ''
      expect(csp, path).toContain("script-src 'self'")
      expect(csp).toContain("frame-ancestors 'none'")
      expect(csp).toContain("object-src 'none'")
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/)
      expect(res.headers.get('cache-control'), path).toBe('no-store')
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
      expect(res.headers.get('referrer-policy')).toBe('no-referrer')
    }
  })

  it('an error response is not cached either', async () => {
    const res = await t.client().request('GET', '/api/v1/persons')
    expect(res.status).toBe(401)
    expect(res.headers.get('cache-control')).toBe('no-store')
  })
})

describe('Origin on state-changing requests', SLOW, () => {
  it('refuses a JSON POST with a foreign Origin and a valid cookie, and stores nothing', async () => {
    const registrar = await t.as('registrar')
    const res = await fromOtherSite(
      registrar.cookie,
      'POST',
      '/api/v1/persons',
      buildPerson(),
      'https://evil.example',
    )
    expect(res.status).toBe(403)
    expect((await res.json()).code).toBe('FORBIDDEN')
    expect((await registrar.json('GET', '/api/v1/persons/count')).body.total).toBe(0)
  })

  it('refuses a cookie-carrying POST without an Origin', async () => {
    const registrar = await t.as('registrar')
    const res = await fromOtherSite(registrar.cookie, 'POST', '/api/v1/persons', buildPerson())
    expect(res.status).toBe(403)
  })

  it('refuses a sign-in posted from another site', async () => {
    const res = await fromOtherSite('', 'POST', '/api/v1/session', { username: 'x', password: 'y' }, 'null')
    expect(res.status).toBe(403)
  })

  it('accepts the same request from our own page, and a client without cookie or Origin', async () => {
    const registrar = await t.as('registrar')
    expect((await registrar.json('POST', '/api/v1/persons', buildPerson())).status).toBe(201)
    // no cookie, no Origin: refused for want of a session, not as cross-site
    const res = await fromOtherSite('', 'POST', '/api/v1/persons', buildPerson())
    expect(res.status).toBe(401)
  })
})
