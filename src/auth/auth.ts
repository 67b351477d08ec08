import { betterAuth } from 'better-auth'
import { admin, twoFactor, username } from 'better-auth/plugins'
import type { Db } from '../db/connection'
import { hashedSessionsAdapter } from './hashed-sessions'
import { passkeySecondStep } from './passkey-sign-in'
import {
  hashPassword,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  OWASP_SCRYPT,
  type ScryptCost,
  verifyPassword,
} from './password'
import { isValidUsername } from './username'

export type AuthOptions = {
  db: Db
  secret: string
  baseUrl: string
  /** Origins allowed to send credentialed requests (the web app's own origin). */
  trustedOrigins: string[]
  /** Sign-in attempts allowed per client address per minute. */
  signInAttemptsPerMinute?: number
  /** scrypt cost of new password hashes (OWASP's by default; tests pass a cheaper one). */
  passwordCost?: ScryptCost
  /**
   * Whether the session cookie is `Secure` (sent over https only). On by default; off only for
   * plain http on this machine or when PARLEY_INSECURE_HTTP=1 says so (src/core/config.ts).
   */
  secureCookies?: boolean
}

/**
 * The longest a session can last (its cookie's max-age and its row's expiry). Parley's own limits,
 * the idle timeout and the lifetime of the security settings, are shorter and checked on every
 * request (sessionUserOf in src/auth/accounts.ts); better-auth never extends a session.
 */
export const SESSION_CEILING_S = 24 * 60 * 60

/**
 * The header that carries the client's address to better-auth. Only our session routes set it,
 * from the socket, replacing any value a client sent, so the sign-in rate limit cannot be dodged
 * by forging X-Forwarded-For.
 */
export const CLIENT_IP_HEADER = 'x-parley-client-ip'

/**
 * Sign-in for Parley, by better-auth: usernames and passwords hashed with scrypt at OWASP's parameters (src/auth/password.ts),
 * sessions in httpOnly (and Secure) cookies whose tokens the database keeps only hashed, TOTP or passkey second factor, roles kept on the user (admin plugin), and a
 * stricter rate limit on sign-in than elsewhere (per address; src/auth/lockout.ts adds the per-account limit). Self sign-up is off: an admin creates accounts.
 */
export function createAuth({
  db,
  secret,
  baseUrl,
  trustedOrigins,
  signInAttemptsPerMinute = 30,
  passwordCost = OWASP_SCRYPT,
  secureCookies = true,
}: AuthOptions) {
  const auth = betterAuth({
    appName: 'Parley',
    secret,
    baseURL: baseUrl,
    basePath: '/api/auth',
    trustedOrigins,
    // Session tokens are stored hashed (src/auth/hashed-sessions.ts). No transactions inside
    // better-auth: on PGlite's single connection a query it issues outside its own open
    // transaction would wait for that transaction forever.
    database: hashedSessionsAdapter(db),
    emailAndPassword: {
      enabled: true,
      disableSignUp: true,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      maxPasswordLength: MAX_PASSWORD_LENGTH,
      password: {
        hash: (password) => hashPassword(password, passwordCost),
        verify: ({ hash, password }) => verifyPassword(hash, password),
      },
    },
    session: { expiresIn: SESSION_CEILING_S, updateAge: SESSION_CEILING_S, disableSessionRefresh: true },
    rateLimit: {
      enabled: true,
      storage: 'database',
      window: 60,
      max: 300,
      customRules: {
        '/sign-in/username': { window: 60, max: signInAttemptsPerMinute },
        '/two-factor/verify-totp': { window: 60, max: signInAttemptsPerMinute },
        '/two-factor/verify-passkey': { window: 60, max: signInAttemptsPerMinute },
      },
    },
    advanced: {
      cookiePrefix: 'parley',
      useSecureCookies: secureCookies,
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
    },
    telemetry: { enabled: false },
    plugins: [
      username({ minUsernameLength: 2, maxUsernameLength: 64, usernameValidator: isValidUsername }),
      twoFactor({ issuer: 'Parley' }),
      passkeySecondStep(db),
      admin({ defaultRole: 'registrar', adminRoles: ['admin'] }),
    ],
  })
  costs.set(auth, passwordCost)
  return auth
}

export type Auth = ReturnType<typeof createAuth>

const costs = new WeakMap<object, ScryptCost>()
/** The scrypt cost `auth` hashes new passwords with (so that Parley's own resets use the same). */
export function passwordCostOf(auth: Auth): ScryptCost {
  return costs.get(auth) ?? OWASP_SCRYPT
}
