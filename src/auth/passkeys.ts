import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server'
import { isoBase64URL } from '@simplewebauthn/server/helpers'
import { z } from 'zod'
import type { Clock } from '../core/clock'
import { DomainError, ValidationError } from '../core/errors'
import { parseInput } from '../core/validate'
import type { Db } from '../db/connection'
import type { SessionUser } from '../http/env'
import type { SettingsService } from '../settings/service'
import * as keys from './passkey-store'
import { verifyPassword } from './password'
import * as store from './store'

/** How long a ceremony's challenge stays good: the time to find and touch an authenticator. */
const CHALLENGE_MS = 5 * 60_000

/**
 * The site a ceremony belongs to: the browser's origin (one the Origin check has let through) and
 * its host name as the WebAuthn relying-party id. A passkey works only on the host it was made for,
 * which is what makes it proof against a look-alike site.
 */
export type RelyingParty = { id: string; origin: string }

const base64url = z
  .string()
  .max(65_536)
  .regex(/^[A-Za-z0-9_-]*$/, 'is not base64url')
const clientResponse = {
  id: base64url.min(1).max(1024),
  rawId: base64url.min(1).max(1024),
  type: z.literal('public-key'),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
}
const RegistrationResponse = z.object({
  ...clientResponse,
  response: z.looseObject({
    clientDataJSON: base64url,
    attestationObject: base64url,
    transports: z.array(z.string().max(32)).max(10).optional(),
  }),
})
const AuthenticationResponse = z.object({
  ...clientResponse,
  response: z.looseObject({
    clientDataJSON: base64url,
    authenticatorData: base64url,
    signature: base64url,
    userHandle: base64url.optional(),
  }),
})

export const PasskeyEnrolStart = z.object({
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
export const PasskeyEnrolFinish = z.object({
  name: z.string().trim().min(1, 'name the passkey').max(64).default('Passkey'),
  response: z.unknown().describe("The browser's answer to navigator.credentials.create(), as JSON"),
})
export const PasskeySignIn = z.object({
  response: z.unknown().describe("The browser's answer to navigator.credentials.get(), as JSON"),
})

/** A passkey as its owner and the admin see it: never the key itself. */
export type PasskeyInfo = { id: string; name: string; createdAt: string; lastUsedAt: string | null }
const info = (p: keys.StoredPasskey): PasskeyInfo => ({
  id: p.id,
  name: p.name,
  createdAt: p.createdAt.toISOString(),
  lastUsedAt: p.lastUsedAt?.toISOString() ?? null,
})

const refused = (why: string) => new DomainError('UNAUTHENTICATED', `That passkey was not accepted: ${why}`)

/**
 * Checks the answer to a sign-in challenge of `userId`'s and records the use: the challenge is
 * spent whatever the outcome, the signature must verify with one of the user's passkeys for this
 * site, and the signature counter must have grown (a replay or a clone does not pass).
 * @throws UNAUTHENTICATED naming why
 */
export async function verifySignInAssertion(
  db: Db,
  userId: string,
  input: unknown,
  now: Date,
): Promise<PasskeyInfo> {
  const challenge = await keys.takeChallenge(db, userId, 'sign_in', now)
  if (!challenge) throw refused('no passkey sign-in was started, or it took longer than 5 minutes')
  const parsed = AuthenticationResponse.safeParse(input)
  if (!parsed.success) throw refused('the answer is not a WebAuthn assertion')
  const response = parsed.data as AuthenticationResponseJSON
  const passkey = await keys.findPasskey(db, userId, response.id)
  if (!passkey) throw refused('it is not registered to this account')
  let verified: Awaited<ReturnType<typeof verifyAuthenticationResponse>>
  try {
    verified = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge.challenge,
      expectedOrigin: challenge.origin,
      expectedRPID: challenge.rpId,
      credential: {
        id: passkey.id,
        publicKey: isoBase64URL.toBuffer(passkey.publicKey),
        counter: passkey.counter,
        transports: passkey.transports,
      },
      requireUserVerification: false,
    })
  } catch (e) {
    // the library names the failed check (challenge, origin, signature, counter) in its message
    throw refused(e instanceof Error ? e.message : 'the assertion does not verify')
  }
  if (!verified.verified) throw refused('the signature does not verify')
  const counter = verified.authenticationInfo.newCounter
  if (!(await keys.advanceCounter(db, passkey.id, counter, now)))
    throw refused(`its signature counter (${counter}) did not advance: a replayed or cloned assertion`)
  return info({ ...passkey, counter, lastUsedAt: now })
}

type Deps = {
  db: Db
  clock: Clock
  settings: SettingsService
  /** The account service's rule for binding a new factor (a passed factor or an admin's code). */
  assertMayEnrol: (user: SessionUser, enrolmentCode: string | undefined) => Promise<void>
  record: (
    action: string,
    who: { id: string | null; name: string },
    target: { id: string | null; username?: string } | null,
    details: Record<string, unknown>,
  ) => Promise<void>
}

/**
 * Passkeys as a second factor: registration within a session that may bind a new factor (the same
 * rule as TOTP), the challenge for the sign-in step, and the owner's list and removal. Each
 * registration and removal is a security event in the audit; each use is in the sign-in event.
 */
export function createPasskeyService({ db, clock, settings, assertMayEnrol, record }: Deps) {
  const self = (user: SessionUser) => ({ id: user.id, username: user.username })
  const as = (user: SessionUser) => ({ id: user.id, name: user.username })

  /** The options for navigator.credentials.create(), after the password and the enrolment rule. */
  async function registrationOptions(user: SessionUser, input: unknown, rp: RelyingParty) {
    const { password, enrolmentCode } = parseInput(PasskeyEnrolStart, input)
    const hash = await store.readPasswordHash(db, user.id)
    if (!hash || !(await verifyPassword(hash, password)))
      throw new ValidationError([{ path: 'password', message: 'is not your password' }])
    await assertMayEnrol(user, enrolmentCode)
    const existing = await keys.listPasskeys(db, user.id)
    const options = await generateRegistrationOptions({
      rpName: 'Parley',
      rpID: rp.id,
      userName: user.username,
      userDisplayName: user.name,
      userID: new TextEncoder().encode(user.id),
      attestationType: 'none',
      // the same authenticator twice would be one factor counted as two
      excludeCredentials: existing.map((p) => ({ id: p.id, transports: p.transports })),
      authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
      timeout: CHALLENGE_MS,
    })
    await keys.putChallenge(db, user.id, 'register', {
      challenge: options.challenge,
      rpId: rp.id,
      origin: rp.origin,
      expiresAt: new Date(clock().getTime() + CHALLENGE_MS),
    })
    return options
  }

  /** Stores the new passkey; the account has a second factor from now on. */
  async function register(user: SessionUser, input: unknown, origin: { address: string }) {
    const { name, response } = parseInput(PasskeyEnrolFinish, input)
    const now = clock()
    const challenge = await keys.takeChallenge(db, user.id, 'register', now)
    if (!challenge)
      throw new ValidationError(
        [
          {
            path: 'response',
            message: 'start again: no registration was started, or it took over 5 minutes',
          },
        ],
        'No passkey registration is in progress',
      )
    const parsed = RegistrationResponse.safeParse(response)
    if (!parsed.success)
      throw new ValidationError([{ path: 'response', message: 'is not a WebAuthn registration' }])
    let verified: Awaited<ReturnType<typeof verifyRegistrationResponse>>
    try {
      verified = await verifyRegistrationResponse({
        response: parsed.data as RegistrationResponseJSON,
        expectedChallenge: challenge.challenge,
        expectedOrigin: challenge.origin,
        expectedRPID: challenge.rpId,
        requireUserVerification: false,
      })
    } catch (e) {
      throw new ValidationError([
        { path: 'response', message: e instanceof Error ? e.message : 'does not verify' },
      ])
    }
    if (!verified.verified) throw new ValidationError([{ path: 'response', message: 'does not verify' }])
    const { credential } = verified.registrationInfo
    const passkey = {
      id: credential.id,
      userId: user.id,
      publicKey: isoBase64URL.fromBuffer(credential.publicKey),
      counter: credential.counter,
      transports: credential.transports ?? [],
      name,
      createdAt: now,
    }
    if (!(await keys.insertPasskey(db, passkey)))
      throw new DomainError('CONFLICT', 'This passkey is registered already')
    await keys.setTwoFactorEnabled(db, user.id, true)
    // the admin's enrolment code is spent, as by a confirmed TOTP
    await store.writeAccountState(db, user.id, { enrolment_code_hash: null, enrolment_code_expires_at: null })
    await record('user.passkey_register', as(user), self(user), {
      address: origin.address,
      passkey: name,
      credential: credential.id,
    })
    return info({ ...passkey, lastUsedAt: null })
  }

  /** The options for navigator.credentials.get() in the sign-in step of `userId` (password passed). */
  async function signInOptions(userId: string, rp: RelyingParty) {
    const passkeys = await keys.listPasskeys(db, userId)
    if (!passkeys.length)
      throw new DomainError(
        'VALIDATION',
        'This account has no passkey; enter the code from your authenticator app',
      )
    const options = await generateAuthenticationOptions({
      rpID: rp.id,
      allowCredentials: passkeys.map((p) => ({ id: p.id, transports: p.transports })),
      userVerification: 'preferred',
      timeout: CHALLENGE_MS,
    })
    await keys.putChallenge(db, userId, 'sign_in', {
      challenge: options.challenge,
      rpId: rp.id,
      origin: rp.origin,
      expiresAt: new Date(clock().getTime() + CHALLENGE_MS),
    })
    return options
  }

  async function list(userId: string): Promise<PasskeyInfo[]> {
    return (await keys.listPasskeys(db, userId)).map(info)
  }

  /**
   * Removes one of the user's own passkeys. Refused for the last second factor while one is
   * required: the account would need an admin's enrolment code to be usable again.
   */
  async function remove(user: SessionUser, id: string, origin: { address: string }) {
    const all = await keys.listPasskeys(db, user.id)
    const target = all.find((p) => p.id === id)
    if (!target) throw new DomainError('NOT_FOUND', `You have no passkey ${id}`)
    const totp = await store.hasConfirmedTotp(db, user.id)
    const last = all.length === 1 && !totp
    if (last && (await settings.readSecuritySettings()).requireSecondFactor)
      throw new DomainError(
        'CONFLICT',
        `${target.name} is your only second factor; set up another before removing it`,
      )
    await keys.deletePasskey(db, user.id, id)
    if (last) await keys.setTwoFactorEnabled(db, user.id, false)
    await record('user.passkey_remove', as(user), self(user), {
      address: origin.address,
      passkey: target.name,
      credential: target.id,
    })
  }

  /** Which second factors `userId` can pass at sign-in. */
  async function methodsOf(userId: string): Promise<('totp' | 'passkey')[]> {
    const [totp, passkeys] = await Promise.all([
      store.hasConfirmedTotp(db, userId),
      keys.listPasskeys(db, userId),
    ])
    return [...(totp ? (['totp'] as const) : []), ...(passkeys.length ? (['passkey'] as const) : [])]
  }

  return { registrationOptions, register, signInOptions, list, remove, methodsOf }
}
export type PasskeyService = ReturnType<typeof createPasskeyService>
