import type { BetterAuthPlugin } from 'better-auth'
import { APIError, createAuthEndpoint } from 'better-auth/api'
import { expireCookie, setSessionCookie } from 'better-auth/cookies'
import { z } from 'zod'
import { DomainError } from '../core/errors'
import type { Db } from '../db/connection'
import { type PasskeyInfo, verifySignInAssertion } from './passkeys'

/** better-auth's two-factor plugin's cookie for a sign-in whose password has passed. */
const TWO_FACTOR_COOKIE = 'two_factor'

/**
 * The passkey as the second step of sign-in, inside better-auth: its two-factor plugin knows TOTP
 * and backup codes only, and @better-auth/passkey has no release for better-auth 1.7.25
 * (docs/decisions.md). This endpoint does what its TOTP step does on success (spend the pending
 * sign-in, create the session, set the cookie), after the assertion has verified. It is reached
 * only through Parley's own route (better-auth's handler is not mounted), which counts failures.
 */
export function passkeySecondStep(db: Db): BetterAuthPlugin {
  return {
    id: 'parley-passkey-second-step',
    endpoints: {
      verifyPasskey: createAuthEndpoint(
        '/two-factor/verify-passkey',
        { method: 'POST', body: z.object({ response: z.unknown() }) },
        async (ctx) => {
          const challengeCookie = ctx.context.createAuthCookie(TWO_FACTOR_COOKIE)
          const identifier = await ctx.getSignedCookie(challengeCookie.name, ctx.context.secret)
          const pending = identifier
            ? await ctx.context.internalAdapter.findVerificationValue(identifier)
            : null
          if (!identifier || !pending || new Date(pending.expiresAt) <= new Date())
            throw new APIError('UNAUTHORIZED', { message: 'Sign in with your password first' })
          let used: PasskeyInfo
          try {
            used = await verifySignInAssertion(db, pending.value, ctx.body.response, new Date())
          } catch (e) {
            if (e instanceof DomainError) throw new APIError('UNAUTHORIZED', { message: e.message })
            throw e
          }
          // spent once: two answers racing for one pending sign-in make one session
          const consumed = await ctx.context.internalAdapter.consumeVerificationValue(identifier)
          if (!consumed || consumed.value !== pending.value)
            throw new APIError('UNAUTHORIZED', { message: 'Sign in with your password first' })
          const user = await ctx.context.internalAdapter.findUserById(consumed.value)
          if (!user) throw new APIError('UNAUTHORIZED', { message: 'Sign in with your password first' })
          const session = await ctx.context.internalAdapter.createSession(user.id, false)
          await setSessionCookie(ctx, { session, user })
          expireCookie(ctx, challengeCookie)
          return ctx.json({ userId: user.id, passkey: used })
        },
      ),
    },
  }
}
