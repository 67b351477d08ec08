import { createRoute, OpenAPIHono } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { z } from 'zod'
import { DomainError, ValidationError } from '../core/errors'
import type { AppEnv } from '../http/env'
import { requirePermission } from '../http/env'
import { CONFLICT, jsonBody, jsonOk, NOT_FOUND, PROBLEMS } from '../http/openapi'
import type { SettingsService } from '../settings/service'
import { SecuritySettingsChange } from '../settings/service'
import { type AccountService, ChangePassword, ChangeRole } from './accounts'
import type { Auth } from './auth'
import { callAuth, twoFactorChallenge } from './auth-call'
import { clientIp } from './client-ip'
import { passkeyRoutes } from './passkey-routes'
import {
  AccountActionDone,
  CreatedAccount,
  Enrolment,
  RoleChanged,
  SecuritySettingsSaved,
  SecuritySettingsShown,
  SessionUser,
  SignedIn,
  StaffAccount,
} from './responses'
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
const Enrol = z.object({
  password: z.string().min(1, 'enter your password').max(256),
  enrolmentCode: z
    .string()
    .trim()
    .max(64)
    .optional()
    .describe(
      'The one-time code from an admin; needed while the second factor is required and none is set up',
    ),
})
const UserRef = z.object({ id: z.string().min(1).max(200).describe('User id or username') })

type Deps = {
  auth: Auth
  users: UserService
  settings: SettingsService
  accounts: AccountService
  baseUrl: string
}

const tags = ['session']
const userTags = ['users']

export function sessionRoutes({ auth, users, settings, accounts, baseUrl }: Deps) {
  const app = new OpenAPIHono<AppEnv>()
  const origin = (c: Context) => ({ address: clientIp(c) })
  const wrong = (e: unknown, message: string) =>
    e instanceof DomainError && e.code !== 'RATE_LIMITED' ? new DomainError('UNAUTHENTICATED', message) : e

  app.openapi(
    createRoute({
      method: 'post',
      path: '/session',
      tags,
      summary: 'Sign in with username and password',
      description:
        'Limited per address (better-auth) and per account across addresses: after 5 failures the account is locked for a minute, doubling each time; an admin can unlock it. Unknown usernames answer exactly as known ones.',
      request: { body: jsonBody(SignIn) },
      responses: {
        200: jsonOk(
          'Signed in, or the second factors the account can pass next',
          z.object({
            status: z.enum(['signed_in', 'second_factor_required']),
            methods: z.array(z.enum(['totp', 'passkey'])).optional(),
          }),
        ),
        ...PROBLEMS,
      },
    }),
    async (c) => {
      const body = c.req.valid('json')
      await accounts.assertNotLocked(body.username)
      let data: Record<string, unknown>
      try {
        data = await callAuth(c, auth, baseUrl, '/sign-in/username', body)
      } catch (e) {
        if (e instanceof DomainError && e.code !== 'RATE_LIMITED')
          await accounts.signInFailed(body.username, origin(c), 'password')
        throw wrong(e, 'Wrong username or password')
      }
      const userId = await accounts.passwordAccepted(
        body.username,
        body.password,
        origin(c),
        !!data.twoFactorRedirect,
      )
      if (!data.twoFactorRedirect || !userId) return c.json({ status: 'signed_in' as const }, 200)
      // the password has passed: the account's own choice of second factor may be shown
      const methods = await accounts.passkeys.methodsOf(userId)
      return c.json({ status: 'second_factor_required' as const, methods }, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/session/second-factor',
      tags,
      summary: 'Complete sign-in with a TOTP code',
      description: 'A code is accepted once, within one 30-second step of now.',
      request: { body: jsonBody(TotpCode) },
      responses: { 200: jsonOk('Signed in', SignedIn), ...PROBLEMS },
    }),
    async (c) => {
      const { code } = c.req.valid('json')
      const userId = await accounts.userOfChallenge(twoFactorChallenge(c))
      let username: string | null = null
      try {
        username = await accounts.spendTotpCode(userId, code)
        await callAuth(c, auth, baseUrl, '/two-factor/verify-totp', { code })
      } catch (e) {
        if (username && e instanceof DomainError && e.code !== 'RATE_LIMITED')
          await accounts.signInFailed(username, origin(c), 'second factor')
        if (e instanceof DomainError && /used already/.test(e.message)) throw e
        throw wrong(e, 'That code is not valid; try the current one')
      }
      if (userId) await accounts.secondFactorPassed(userId, origin(c), { method: 'totp' })
      return c.json({ status: 'signed_in' }, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/session',
      tags,
      summary: 'Who is signed in, and what they may do',
      responses: {
        200: jsonOk('The signed-in user and their permissions', z.object({ user: SessionUser })),
        ...PROBLEMS,
      },
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
      const user = c.get('user')
      if (user) {
        await callAuth(c, auth, baseUrl, '/sign-out')
        await accounts.signedOut(user, origin(c))
      }
      return c.body(null, 204)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/session/password',
      tags,
      summary: 'Change your own password',
      description:
        'At least 12 characters, not containing the username, not a common password. Your other sessions end.',
      request: { body: jsonBody(ChangePassword) },
      responses: { 204: { description: 'Changed' }, ...PROBLEMS },
    }),
    async (c) => {
      const user = c.get('user')
      if (!user) throw new DomainError('UNAUTHENTICATED', 'Sign in first')
      const current = await auth.api.getSession({
        headers: c.req.raw.headers,
        query: { disableRefresh: true },
      })
      await accounts.changeOwnPassword(user, c.req.valid('json'), origin(c), current?.session.id)
      return c.body(null, 204)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/session/second-factor/enrol',
      tags,
      summary: 'Start setting up a TOTP second factor',
      description:
        'Needs your password; without a second factor already, while one is required, also the one-time enrolment code from an admin.',
      request: { body: jsonBody(Enrol) },
      responses: { 200: jsonOk('The authenticator URI and the backup codes', Enrolment), ...PROBLEMS },
    }),
    async (c) => {
      const user = c.get('user')
      if (!user) throw new DomainError('UNAUTHENTICATED', 'Sign in first')
      const { password, enrolmentCode } = c.req.valid('json')
      await accounts.assertMayEnrol(user, enrolmentCode)
      const data = await callAuth(c, auth, baseUrl, '/two-factor/enable', { password }).catch((e) => {
        throw e instanceof DomainError && e.code !== 'RATE_LIMITED'
          ? new ValidationError([{ path: 'password', message: 'is not your password' }])
          : e
      })
      // better-auth's answer, held to the shape we document
      return c.json(Enrolment.parse({ totpUri: data.totpURI, backupCodes: data.backupCodes }), 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/session/second-factor/confirm',
      tags,
      summary: 'Finish setting up the second factor with a first code',
      request: { body: jsonBody(TotpCode) },
      responses: { 200: jsonOk('Set up', z.object({ twoFactorEnabled: z.boolean() })), ...PROBLEMS },
    }),
    async (c) => {
      const user = c.get('user')
      if (!user) throw new DomainError('UNAUTHENTICATED', 'Sign in first')
      const { code } = c.req.valid('json')
      await accounts.spendTotpCode(user.id, code)
      await callAuth(c, auth, baseUrl, '/two-factor/verify-totp', { code }).catch((e) => {
        throw wrong(e, 'That code is not valid; try the current one')
      })
      await accounts.secondFactorEnrolled(user, origin(c))
      return c.json({ twoFactorEnabled: true }, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/users',
      tags: userTags,
      summary: 'Staff accounts',
      responses: { 200: jsonOk('Staff accounts', z.object({ items: z.array(StaffAccount) })), ...PROBLEMS },
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
      tags: userTags,
      summary: 'Create a staff account',
      responses: {
        201: jsonOk('The account; the password and the enrolment code are shown this once', CreatedAccount),
        ...PROBLEMS,
      },
      request: { body: jsonBody(CreateUser) },
    }),
    async (c) => {
      const actor = requirePermission(c.get('user'), 'users.manage')
      return c.json(await users.createUser(actor, c.req.valid('json')), 201)
    },
  )

  const actions = {
    disable: ['Disable an account (its sessions end); refused for the last active admin', accounts.disable],
    enable: ['Enable a disabled account', accounts.enable],
    'reset-password': [
      'Set a one-time password, shown once, to be changed at the next sign-in; sessions end',
      accounts.resetPassword,
    ],
    'revoke-sessions': ['End every session of an account', accounts.revokeSessions],
    'reset-second-factor': [
      'Remove the authenticator and every passkey, and issue a one-time enrolment code for a new factor; sessions end',
      accounts.resetSecondFactor,
    ],
    unlock: ['Clear the failed sign-ins that locked an account', accounts.unlock],
  } as const
  for (const [name, [summary, run]] of Object.entries(actions)) {
    app.openapi(
      createRoute({
        method: 'post',
        path: `/users/{id}/${name}`,
        tags: userTags,
        summary,
        request: { params: UserRef },
        responses: {
          200: jsonOk('What the action did', AccountActionDone),
          ...PROBLEMS,
          ...NOT_FOUND,
          ...CONFLICT,
        },
      }),
      async (c) => {
        const actor = requirePermission(c.get('user'), 'users.manage')
        return c.json(await run(actor, c.req.valid('param').id, origin(c)), 200)
      },
    )
  }

  app.openapi(
    createRoute({
      method: 'put',
      path: '/users/{id}/role',
      tags: userTags,
      summary: "Change an account's role; refused when it would leave no active admin",
      request: { params: UserRef, body: jsonBody(ChangeRole) },
      responses: { 200: jsonOk('The new role', RoleChanged), ...PROBLEMS, ...NOT_FOUND, ...CONFLICT },
    }),
    async (c) => {
      const actor = requirePermission(c.get('user'), 'users.manage')
      return c.json(
        await accounts.changeRole(actor, c.req.valid('param').id, c.req.valid('json'), origin(c)),
        200,
      )
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/settings',
      tags: ['settings'],
      summary: 'Security settings',
      responses: {
        200: jsonOk('Security settings', SecuritySettingsShown),
        ...PROBLEMS,
      },
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
      summary: 'Change security settings (any of them; the others stay)',
      request: { body: jsonBody(SecuritySettingsChange) },
      responses: {
        200: jsonOk('The settings saved', SecuritySettingsSaved),
        ...PROBLEMS,
      },
    }),
    async (c) => {
      const user = c.get('user')
      const actor = requirePermission(user, 'settings.manage')
      const saved = await settings.updateSecuritySettings(actor, c.req.valid('json'))
      // The admin who requires a second factor without having one must now enrol, and enrolling
      // while it is required takes an enrolment code: hand them their own (as resetting their own
      // second factor would), or the only admin would lock themselves out.
      if (saved.requireSecondFactor && user && !user.twoFactorEnabled)
        return c.json({ ...saved, enrolmentCode: await accounts.issueEnrolmentCode(user.id) }, 200)
      return c.json(saved, 200)
    },
  )

  app.route('/', passkeyRoutes({ auth, accounts, baseUrl }))
  return app
}
