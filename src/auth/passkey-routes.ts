import { createRoute, OpenAPIHono } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { z } from 'zod'
import { DomainError } from '../core/errors'
import type { AppEnv } from '../http/env'
import { requirePermission } from '../http/env'
import { CONFLICT, jsonBody, jsonOk, NOT_FOUND, PROBLEMS } from '../http/openapi'
import type { AccountService } from './accounts'
import type { Auth } from './auth'
import { callAuth, twoFactorChallenge } from './auth-call'
import { clientIp } from './client-ip'
import {
  PasskeyEnrolFinish,
  PasskeyEnrolStart,
  type PasskeyInfo,
  PasskeySignIn,
  type RelyingParty,
} from './passkeys'

type Deps = { auth: Auth; accounts: AccountService; baseUrl: string }

const tags = ['session']
const PasskeyRef = z.object({ id: z.string().min(1).max(1024).describe('The passkey (credential) id') })
const UserRef = z.object({ id: z.string().min(1).max(200).describe('User id or username') })
const Passkey = z.object({
  id: z.string().describe('Credential id (base64url)'),
  name: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
})
const WebAuthnOptions = z
  .looseObject({ challenge: z.string() })
  .describe('WebAuthn options as JSON, to pass to @simplewebauthn/browser or navigator.credentials')
const SignedIn = z.object({ status: z.literal('signed_in') })

/**
 * The site the browser is on: its Origin, which the Origin check has already matched against this
 * server and the public address; without one (not a browser), the public address.
 */
function relyingParty(c: Context, baseUrl: string): RelyingParty {
  const origin = c.req.header('origin') ?? new URL(baseUrl).origin
  return { id: new URL(origin).hostname, origin }
}

/** Passkeys (WebAuthn): registration, the sign-in step, the owner's list and removal. */
export function passkeyRoutes({ auth, accounts, baseUrl }: Deps) {
  const app = new OpenAPIHono<AppEnv>()
  const origin = (c: Context) => ({ address: clientIp(c) })
  const signedIn = (c: Context<AppEnv>) => {
    const user = c.get('user')
    if (!user) throw new DomainError('UNAUTHENTICATED', 'Sign in first')
    return user
  }

  app.openapi(
    createRoute({
      method: 'post',
      path: '/session/passkey/options',
      tags,
      summary: 'Start the passkey step of sign-in',
      description:
        'After POST /session answered second_factor_required: the options for navigator.credentials.get(), with a challenge good for 5 minutes.',
      responses: { 200: jsonOk('PublicKeyCredentialRequestOptionsJSON', WebAuthnOptions), ...PROBLEMS },
    }),
    async (c) => {
      const pending = await accounts.pendingSignIn(twoFactorChallenge(c))
      return c.json(await accounts.passkeys.signInOptions(pending.id, relyingParty(c, baseUrl)), 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/session/passkey',
      tags,
      summary: 'Complete sign-in with a passkey',
      description:
        "The browser's answer to the challenge. Its signature counter must have grown since the last use: a replayed or cloned assertion is refused, and counts as a failed sign-in.",
      request: { body: jsonBody(PasskeySignIn) },
      responses: { 200: jsonOk('Signed in', SignedIn), ...PROBLEMS },
    }),
    async (c) => {
      const pending = await accounts.pendingSignIn(twoFactorChallenge(c))
      let data: Record<string, unknown>
      try {
        data = await callAuth(c, auth, baseUrl, '/two-factor/verify-passkey', c.req.valid('json'))
      } catch (e) {
        if (e instanceof DomainError && e.code !== 'RATE_LIMITED')
          await accounts.signInFailed(pending.username, origin(c), 'second factor')
        throw e
      }
      const used = data.passkey as PasskeyInfo
      await accounts.secondFactorPassed(pending.id, origin(c), {
        method: 'passkey',
        passkey: used.name,
        credential: used.id,
      })
      return c.json({ status: 'signed_in' as const }, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/session/passkeys',
      tags,
      summary: 'Your passkeys',
      responses: { 200: jsonOk('Your passkeys', z.object({ items: z.array(Passkey) })), ...PROBLEMS },
    }),
    async (c) => c.json({ items: await accounts.passkeys.list(signedIn(c).id) }, 200),
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/session/passkeys/options',
      tags,
      summary: 'Start registering a passkey as a second factor',
      description:
        'Needs your password; without a second factor already, while one is required, also the one-time enrolment code from an admin (the password alone does not bind a new factor). Answers the options for navigator.credentials.create().',
      request: { body: jsonBody(PasskeyEnrolStart) },
      responses: { 200: jsonOk('PublicKeyCredentialCreationOptionsJSON', WebAuthnOptions), ...PROBLEMS },
    }),
    async (c) => {
      const options = await accounts.passkeys.registrationOptions(
        signedIn(c),
        c.req.valid('json'),
        relyingParty(c, baseUrl),
      )
      return c.json(options, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/session/passkeys',
      tags,
      summary: 'Finish registering a passkey',
      description: "The browser's answer to navigator.credentials.create() and a name for the passkey.",
      request: { body: jsonBody(PasskeyEnrolFinish) },
      responses: { 201: jsonOk('The passkey registered', Passkey), ...PROBLEMS, ...CONFLICT },
    }),
    async (c) => c.json(await accounts.passkeys.register(signedIn(c), c.req.valid('json'), origin(c)), 201),
  )

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/session/passkeys/{id}',
      tags,
      summary: 'Remove one of your passkeys',
      description: 'Refused for your only second factor while a second factor is required.',
      request: { params: PasskeyRef },
      responses: { 204: { description: 'Removed' }, ...PROBLEMS, ...NOT_FOUND, ...CONFLICT },
    }),
    async (c) => {
      await accounts.passkeys.remove(signedIn(c), c.req.valid('param').id, origin(c))
      return c.body(null, 204)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/users/{id}/passkeys',
      tags: ['users'],
      summary: "An account's passkeys (names and dates, never keys)",
      request: { params: UserRef },
      responses: {
        200: jsonOk("The account's passkeys", z.object({ username: z.string(), passkeys: z.array(Passkey) })),
        ...PROBLEMS,
        ...NOT_FOUND,
      },
    }),
    async (c) => {
      requirePermission(c.get('user'), 'users.manage')
      return c.json(await accounts.passkeysOf(c.req.valid('param').id), 200)
    },
  )

  return app
}
