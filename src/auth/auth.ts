import { betterAuth } from 'better-auth'
import { admin, twoFactor, username } from 'better-auth/plugins'
import type { Db } from '../db/connection'

export type AuthOptions = {
  db: Db
  secret: string
  baseUrl: string
  /** Origins allowed to send credentialed requests (the web app's own origin). */
  trustedOrigins: string[]
  /** Sign-in attempts allowed per client address per minute. */
  signInAttemptsPerMinute?: number
}

/**
 * The header that carries the client's address to better-auth. Only our session routes set it,
 * from the socket, replacing any value a client sent, so the sign-in rate limit cannot be dodged
 * by forging X-Forwarded-For.
 */
export const CLIENT_IP_HEADER = 'x-parley-client-ip'

/**
 * Sign-in for Parley, by better-auth: usernames and passwords hashed with scrypt (memory-hard),
 * sessions in httpOnly cookies, TOTP second factor, roles kept on the user (admin plugin), and a
 * stricter rate limit on sign-in than elsewhere. Self sign-up is off: an admin creates accounts.
 */
export function createAuth({
  db,
  secret,
  baseUrl,
  trustedOrigins,
  signInAttemptsPerMinute = 10,
}: AuthOptions) {
  return betterAuth({
    appName: 'Parley',
    secret,
    baseURL: baseUrl,
    basePath: '/api/auth',
    trustedOrigins,
    // No transactions inside better-auth: on PGlite's single connection a query it issues outside
    // its own open transaction would wait for that transaction forever.
    database: { db, type: 'postgres', transaction: false },
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 12, maxPasswordLength: 256 },
    session: { expiresIn: 60 * 60 * 12, updateAge: 60 * 30 },
    rateLimit: {
      enabled: true,
      storage: 'database',
      window: 60,
      max: 300,
      customRules: {
        '/sign-in/username': { window: 60, max: signInAttemptsPerMinute },
        '/two-factor/verify-totp': { window: 60, max: signInAttemptsPerMinute },
      },
    },
    advanced: {
      cookiePrefix: 'parley',
      useSecureCookies: baseUrl.startsWith('https://'),
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
    },
    telemetry: { enabled: false },
    plugins: [
      username({ minUsernameLength: 2, maxUsernameLength: 64 }),
      twoFactor({ issuer: 'Parley' }),
      admin({ defaultRole: 'registrar', adminRoles: ['admin'] }),
    ],
  })
}

export type Auth = ReturnType<typeof createAuth>
