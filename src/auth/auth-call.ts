import type { Context } from 'hono'
import { getCookie } from 'hono/cookie'
import { DomainError } from '../core/errors'
import { type Auth, CLIENT_IP_HEADER } from './auth'
import { clientIp } from './client-ip'

/** The value of better-auth's signed cookie for a pending two-factor sign-in, if any. */
export function twoFactorChallenge(c: Context): string | undefined {
  const cookies = getCookie(c)
  const name = Object.keys(cookies).find((k) => k.endsWith('parley.two_factor'))
  return name ? cookies[name] : undefined
}

/**
 * Passes a request to better-auth's own handler (not auth.api), so that its rate limiter and CSRF
 * checks apply, and carries its Set-Cookie headers back.
 */
export async function callAuth(c: Context, auth: Auth, baseUrl: string, path: string, body?: unknown) {
  const headers = new Headers({ 'content-type': 'application/json', origin: new URL(baseUrl).origin })
  const cookie = c.req.header('cookie')
  if (cookie) headers.set('cookie', cookie)
  const ua = c.req.header('user-agent')
  if (ua) headers.set('user-agent', ua)
  headers.set(CLIENT_IP_HEADER, clientIp(c))
  const res = await auth.handler(
    new Request(new URL(`/api/auth${path}`, baseUrl), {
      method: 'POST',
      headers,
      body: JSON.stringify(body ?? {}),
    }),
  )
  for (const setCookie of res.headers.getSetCookie()) c.header('set-cookie', setCookie, { append: true })
  const data = (await res.json().catch(() => null)) as Record<string, unknown> | null
  if (res.status === 429)
    throw new DomainError('RATE_LIMITED', 'Too many attempts; wait a minute and try again')
  if (!res.ok) {
    const message = typeof data?.message === 'string' ? data.message : 'refused'
    throw new DomainError(
      res.status === 401 || res.status === 403 ? 'UNAUTHENTICATED' : 'VALIDATION',
      message,
    )
  }
  return data ?? {}
}
