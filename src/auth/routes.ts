import { createRoute, OpenAPIHono } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { z } from 'zod'
import { DomainError } from '../core/errors'
import type { AppEnv } from '../http/env'
import { requirePermission } from '../http/env'
import { jsonBody, jsonOk, PROBLEMS } from '../http/openapi'
import type { SettingsService } from '../settings/service'
import { SecuritySettings } from '../settings/service'
import { type Auth, CLIENT_IP_HEADER } from './auth'
import { permissionsOf } from './roles'
import { CreateUser, type UserService } from './users'

const SignIn = z.object({
  username: z.string().trim().toLowerCase().min(1, 'enter your username').max(64),
  password: z.string().min(1, 'enter your password').max(256),
})
const TotpCode = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'enter the 6-digit code from your authenticator app'),
})
const Password = z.object({ password: z.string().min(1, 'enter your password').max(256) })

type Deps = { auth: Auth; users: UserService; settings: SettingsService; baseUrl: string }

/** The client's address, from the socket; never from a header a client could forge. */
function clientIp(c: Context): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming
  return incoming?.socket?.remoteAddress ?? '127.0.0.1'
}

/**
 * Passes a request to better-auth's own handler (not auth.api), so that its rate limiter and CSRF
 * checks apply, and carries its Set-Cookie headers back.
 */
async function callAuth(c: Context, auth: Auth, baseUrl: string, path: string, body?: unknown) {
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

const tags = ['session']

export function sessionRoutes({ auth, users, settings, baseUrl }: Deps) {
  const app = new OpenAPIHono<AppEnv>()

  app.openapi(
    createRoute({
      method: 'post',
      path: '/session',
      tags,
      summary: 'Sign in with username and password',
      request: { body: jsonBody(SignIn) },
      responses: { 200: jsonOk("{ status: 'signed_in' | 'second_factor_required' }"), ...PROBLEMS },
    }),
    async (c) => {
      const data = await callAuth(c, auth, baseUrl, '/sign-in/username', c.req.valid('json')).catch((e) => {
        if (e instanceof DomainError && e.code !== 'RATE_LIMITED')
          throw new DomainError('UNAUTHENTICATED', 'Wrong username or password')
        throw e
      })
      return c.json({ status: data.twoFactorRedirect ? 'second_factor_required' : 'signed_in' }, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/session/second-factor',
      tags,
      summary: 'Complete sign-in with a TOTP code',
      request: { body: jsonBody(TotpCode) },
      responses: { 200: jsonOk("{ status: 'signed_in' }"), ...PROBLEMS },
    }),
    async (c) => {
      await callAuth(c, auth, baseUrl, '/two-factor/verify-totp', c.req.valid('json')).catch((e) => {
        if (e instanceof DomainError && e.code !== 'RATE_LIMITED')
          throw new DomainError('UNAUTHENTICATED', 'That code is not valid; try the current one')
        throw e
      })
      return c.json({ status: 'signed_in' }, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/session',
      tags,
      summary: 'Who is signed in, and what they may do',
      responses: { 200: jsonOk('{ user }'), ...PROBLEMS },
    }),
    async (c) => {
      const user = c.get('user')
      if (!user) throw new DomainError('UNAUTHENTICATED', 'Not signed in')
      return c.json({ user: { ...user, permissions: permissionsOf(user.role) } }, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/session',
      tags,
      summary: 'Sign out',
      responses: { 204: { description: 'Signed out' } },
    }),
    async (c) => {
      if (c.get('user')) await callAuth(c, auth, baseUrl, '/sign-out')
      return c.body(null, 204)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/session/second-factor/enrol',
      tags,
      summary: 'Start setting up a TOTP second factor',
      request: { body: jsonBody(Password) },
      responses: { 200: jsonOk('{ totpUri, backupCodes }'), ...PROBLEMS },
    }),
    async (c) => {
      if (!c.get('user')) throw new DomainError('UNAUTHENTICATED', 'Sign in first')
      const data = await callAuth(c, auth, baseUrl, '/two-factor/enable', c.req.valid('json'))
      return c.json({ totpUri: data.totpURI, backupCodes: data.backupCodes }, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/session/second-factor/confirm',
      tags,
      summary: 'Finish setting up the second factor with a first code',
      request: { body: jsonBody(TotpCode) },
      responses: { 200: jsonOk('{ twoFactorEnabled: true }'), ...PROBLEMS },
    }),
    async (c) => {
      if (!c.get('user')) throw new DomainError('UNAUTHENTICATED', 'Sign in first')
      await callAuth(c, auth, baseUrl, '/two-factor/verify-totp', c.req.valid('json'))
      return c.json({ twoFactorEnabled: true }, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/users',
      tags: ['users'],
      summary: 'Staff accounts',
      responses: { 200: jsonOk('{ items }'), ...PROBLEMS },
    }),
    async (c) => {
      requirePermission(c.get('user'), 'users.manage')
      return c.json({ items: await users.listUsers() }, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/users',
      tags: ['users'],
      summary: 'Create a staff account',
      request: { body: jsonBody(CreateUser) },
      responses: { 201: jsonOk('{ user, password }: the password is shown this once'), ...PROBLEMS },
    }),
    async (c) => {
      const actor = requirePermission(c.get('user'), 'users.manage')
      return c.json(await users.createUser(actor, c.req.valid('json')), 201)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/settings',
      tags: ['settings'],
      summary: 'Security settings',
      responses: { 200: jsonOk('{ requireSecondFactor }'), ...PROBLEMS },
    }),
    async (c) => {
      requirePermission(c.get('user'), 'settings.manage')
      return c.json(await settings.readSecuritySettings(), 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'put',
      path: '/settings',
      tags: ['settings'],
      summary: 'Change security settings',
      request: { body: jsonBody(SecuritySettings) },
      responses: { 200: jsonOk('{ requireSecondFactor }'), ...PROBLEMS },
    }),
    async (c) => {
      const actor = requirePermission(c.get('user'), 'settings.manage')
      return c.json(await settings.updateSecuritySettings(actor, c.req.valid('json')), 200)
    },
  )

  return app
}
