import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { z } from 'zod'
import type { appendAudit } from '../audit/store'
import type { Clock } from '../core/clock'
import { DomainError, ValidationError } from '../core/errors'
import { parseInput } from '../core/validate'
import type { Db } from '../db/connection'
import type { SessionUser } from '../http/env'
import type { SettingsService } from '../settings/service'
import type { Actor } from './actor'
import type { Auth } from './auth'
import { FORGET_AFTER_MS, isLocked, lockDurationMs } from './lockout'
import { createPasskeyService } from './passkeys'
import {
  hashPassword,
  needsRehash,
  OWASP_SCRYPT,
  passwordIssues,
  type ScryptCost,
  verifyPassword,
} from './password'
import { isRole, ROLES } from './roles'
import * as store from './store'
import { matchedTotpStep } from './totp'

export const ChangeRole = z.object({ role: z.enum(ROLES) })
export const ChangePassword = z.object({
  currentPassword: z.string().min(1, 'enter your current password').max(256),
  newPassword: z.string().max(256),
})

/** How long an admin's one-time enrolment code for a second factor stays valid. */
const ENROLMENT_CODE_MS = 7 * 24 * 60 * 60_000
/** A session's idle clock is written at most this often (one write a minute, not one per request). */
const TOUCH_EVERY_MS = 60_000

/** Where a request came from, for security events and log lines. */
export type Origin = { address: string }

type Deps = {
  db: Db
  auth: Auth
  audit: { appendAudit: typeof appendAudit }
  clock: Clock
  settings: SettingsService
  passwordCost?: ScryptCost
}

/** A one-time secret of 20 characters from a 57-letter alphabet without look-alikes: about 116 bits. */
export function oneTimeSecret(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789'
  return Array.from(randomBytes(20), (b) => alphabet[b % alphabet.length]).join('')
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex')

/**
 * The account lifecycle (disable, enable, password reset and change, session revocation, second
 * factor reset and enrolment, role change, unlock), the sign-in rules better-auth does not have
 * (per-account lockout, single-use TOTP codes, idle and absolute session limits) and the security
 * events, each written to the audit chain with who did it and from which address.
 */
export function createAccountService({
  db,
  auth,
  audit,
  clock,
  settings,
  passwordCost = OWASP_SCRYPT,
}: Deps) {
  async function record(
    action: string,
    who: { id: string | null; name: string },
    target: { id: string | null; username?: string } | null,
    details: Record<string, unknown>,
  ) {
    await db.transaction().execute((tx) =>
      audit.appendAudit(
        tx,
        [
          {
            actorId: who.id,
            actorName: who.name,
            action,
            entityType: 'user',
            entityId: target?.id ?? null,
            before: null,
            after: { ...(target?.username ? { username: target.username } : {}), ...details },
          },
        ],
        clock(),
      ),
    )
  }

  /** The account named by id or username. @throws NOT_FOUND */
  async function account(ref: string) {
    const found =
      (await store.findAccount(db, { id: ref })) ?? (await store.findAccount(db, { username: ref }))
    if (!found) throw new DomainError('NOT_FOUND', `User ${ref} was not found`)
    return found
  }

  /** Refuses a change that would leave the bureau without an admin who can sign in. */
  async function guardLastAdmin(target: store.AccountRow, what: string) {
    if (target.role !== 'admin' || target.banned) return
    if ((await store.countActiveAdmins(db)) <= 1)
      throw new DomainError(
        'CONFLICT',
        `${target.username} is the last active admin; ${what} would leave nobody able to manage accounts`,
      )
  }

  // --- sessions ---

  /**
   * The user behind the request's session cookie, or null: none, disabled, not a Parley role,
   * idle past the idle timeout or older than the session lifetime (such a session is deleted).
   */
  async function sessionUserOf(headers: Headers): Promise<SessionUser | null> {
    const session = await auth.api.getSession({ headers, query: { disableRefresh: true } })
    if (!session) return null
    const u = session.user as typeof session.user & {
      role?: string | null
      username?: string | null
      banned?: boolean | null
      twoFactorEnabled?: boolean | null
    }
    if (u.banned || !isRole(u.role)) return null
    const security = await settings.readSecuritySettings()
    const now = clock().getTime()
    const created = new Date(session.session.createdAt).getTime()
    const used = new Date(session.session.updatedAt).getTime()
    if (
      now - created > security.sessionLifetimeHours * 3600_000 ||
      now - used > security.sessionIdleMinutes * 60_000
    ) {
      await store.deleteSession(db, session.session.id)
      return null
    }
    if (now - used > TOUCH_EVERY_MS) await store.touchSession(db, session.session.id, new Date(now))
    const state = await store.readAccountState(db, u.id)
    const twoFactorEnabled = !!u.twoFactorEnabled
    return {
      id: u.id,
      name: u.name,
      username: u.username ?? u.email,
      role: u.role,
      twoFactorEnabled,
      mustEnrolSecondFactor: security.requireSecondFactor && !twoFactorEnabled,
      mustChangePassword: !!state?.must_change_password,
    }
  }

  // --- sign-in ---

  /** @throws RATE_LIMITED while `username` (known or not) is locked */
  async function assertNotLocked(username: string) {
    const row = await store.readSignInFailures(db, username)
    if (isLocked(row, clock()))
      throw new DomainError(
        'RATE_LIMITED',
        'Too many failed sign-ins for this account; wait and try again, or ask an admin to unlock it',
      )
  }

  async function signInFailed(username: string, origin: Origin, step: 'password' | 'second factor') {
    const now = clock()
    const failures = await store.incrementSignInFailures(
      db,
      username,
      now,
      new Date(now.getTime() - FORGET_AFTER_MS),
    )
    const known = await store.findAccount(db, { username })
    const who = { id: known?.id ?? null, name: username }
    await record('session.sign_in_failed', who, known ? { id: known.id, username } : null, {
      address: origin.address,
      step,
      failures,
    })
    const lockMs = lockDurationMs(failures)
    if (lockMs > 0) {
      const until = new Date(now.getTime() + lockMs)
      await store.lockSignIn(db, username, until)
      await record('session.locked', who, known ? { id: known.id, username } : null, {
        address: origin.address,
        failures,
        until: until.toISOString(),
      })
    }
  }

  /**
   * A right password: the failure count is cleared, and an old or weaker hash is replaced.
   * @returns the user's id
   */
  async function passwordAccepted(
    username: string,
    password: string,
    origin: Origin,
    secondFactorPending: boolean,
  ) {
    await store.clearSignInFailures(db, username)
    const user = await store.findAccount(db, { username })
    if (!user) return null
    const hash = await store.readPasswordHash(db, user.id)
    if (hash && needsRehash(hash, passwordCost))
      await store.writePasswordHash(db, user.id, await hashPassword(password, passwordCost))
    await record(
      secondFactorPending ? 'session.password_accepted' : 'session.sign_in',
      { id: user.id, name: username },
      { id: user.id, username },
      {
        address: origin.address,
      },
    )
    return user.id
  }

  /**
   * Spends the TOTP step of `code` for the user of a pending sign-in (the challenge id from
   * better-auth's two-factor cookie) or of a session. A code already spent is refused, as is any
   * code while the account is locked.
   * @returns the username, for counting a failure when better-auth then refuses the code
   */
  async function spendTotpCode(userId: string | null, code: string): Promise<string | null> {
    if (!userId) return null
    const user = await store.findAccount(db, { id: userId })
    if (!user) return null
    await assertNotLocked(user.username)
    const secret = await store.readTotpSecret(db, userId)
    if (!secret) return user.username
    const step = await matchedTotpStep(secret, auth.options.secret!, code, clock())
    // a wrong code goes on to better-auth, which refuses and counts it
    if (step === null) return user.username
    if (!(await store.claimTotpStep(db, userId, step)))
      throw new DomainError('UNAUTHENTICATED', 'That code has been used already; wait for the next one')
    return user.username
  }

  async function userOfChallenge(signedCookieValue: string | undefined): Promise<string | null> {
    if (!signedCookieValue) return null
    const raw = decodeURIComponent(signedCookieValue)
    const dot = raw.lastIndexOf('.')
    return store.userOfTwoFactorChallenge(db, dot > 0 ? raw.slice(0, dot) : raw)
  }

  /**
   * The account whose password passed in the sign-in that `signedCookieValue` names.
   * @throws UNAUTHENTICATED when there is none (or it expired), RATE_LIMITED while it is locked
   */
  async function pendingSignIn(signedCookieValue: string | undefined) {
    const userId = await userOfChallenge(signedCookieValue)
    const user = userId ? await store.findAccount(db, { id: userId }) : null
    if (!user) throw new DomainError('UNAUTHENTICATED', 'Sign in with your password first')
    await assertNotLocked(user.username)
    return { id: user.id, username: user.username }
  }

  /** A passed second factor: TOTP, or the passkey used (named in the sign-in event). */
  async function secondFactorPassed(
    userId: string,
    origin: Origin,
    method: { method: 'totp' } | { method: 'passkey'; passkey: string; credential: string },
  ) {
    const user = await store.findAccount(db, { id: userId })
    if (!user) return
    await store.clearSignInFailures(db, user.username)
    await record(
      'session.sign_in',
      { id: user.id, name: user.username },
      { id: user.id, username: user.username },
      {
        address: origin.address,
        secondFactor: true,
        ...method,
      },
    )
  }

  async function signedOut(user: SessionUser, origin: Origin) {
    await record(
      'session.sign_out',
      { id: user.id, name: user.username },
      { id: user.id, username: user.username },
      {
        address: origin.address,
      },
    )
  }

  // --- second factor enrolment ---

  /**
   * Whether `user` may set up a new authenticator now. With one already, the session has passed it
   * (sign-in demands it). Without one, while the second factor is required, only with the one-time
   * enrolment code an admin handed over: a stolen password alone must not bind an attacker's app.
   * @throws FORBIDDEN naming the missing enrolment code
   */
  async function assertMayEnrol(user: SessionUser, enrolmentCode: string | undefined) {
    if (user.twoFactorEnabled) return
    const { requireSecondFactor } = await settings.readSecuritySettings()
    if (!requireSecondFactor) return
    const state = await store.readAccountState(db, user.id)
    const valid =
      !!enrolmentCode &&
      !!state?.enrolment_code_hash &&
      !!state.enrolment_code_expires_at &&
      new Date(state.enrolment_code_expires_at).getTime() > clock().getTime() &&
      timingSafeEqual(Buffer.from(sha256(enrolmentCode.trim())), Buffer.from(state.enrolment_code_hash))
    if (!valid)
      throw new ValidationError(
        [
          {
            path: 'enrolmentCode',
            message: 'enter the enrolment code an admin gave you (it is valid for 7 days)',
          },
        ],
        'A second factor can be set up only with the one-time enrolment code from an admin',
      )
  }

  async function secondFactorEnrolled(user: SessionUser, origin: Origin) {
    await store.writeAccountState(db, user.id, { enrolment_code_hash: null, enrolment_code_expires_at: null })
    await record(
      'user.second_factor_enrol',
      { id: user.id, name: user.username },
      { id: user.id, username: user.username },
      {
        address: origin.address,
      },
    )
  }

  /** A fresh one-time enrolment code for `userId`, stored hashed; shown once. */
  async function issueEnrolmentCode(userId: string): Promise<string> {
    const code = oneTimeSecret()
    await store.writeAccountState(db, userId, {
      enrolment_code_hash: sha256(code),
      enrolment_code_expires_at: new Date(clock().getTime() + ENROLMENT_CODE_MS),
    })
    return code
  }

  // --- lifecycle, by an admin ---

  const by = (actor: Actor) => ({ id: actor.id, name: actor.name })

  async function disable(actor: Actor, ref: string, origin?: Origin) {
    const target = await account(ref)
    await guardLastAdmin(target, 'disabling it')
    await store.setBanned(db, target.id, true)
    await store.deleteSessions(db, target.id)
    await record('user.disable', by(actor), target, { address: origin?.address })
    return { username: target.username, disabled: true }
  }

  async function enable(actor: Actor, ref: string, origin?: Origin) {
    const target = await account(ref)
    await store.setBanned(db, target.id, false)
    await record('user.enable', by(actor), target, { address: origin?.address })
    return { username: target.username, disabled: false }
  }

  /** A one-time password, shown once, which must be changed at the next sign-in. */
  async function resetPassword(actor: Actor, ref: string, origin?: Origin) {
    const target = await account(ref)
    const password = oneTimeSecret()
    await store.writePasswordHash(db, target.id, await hashPassword(password, passwordCost))
    await store.writeAccountState(db, target.id, { must_change_password: true })
    await store.deleteSessions(db, target.id)
    await store.clearSignInFailures(db, target.username)
    await record('user.password_reset', by(actor), target, { address: origin?.address })
    return { username: target.username, password }
  }

  async function revokeSessions(actor: Actor, ref: string, origin?: Origin) {
    const target = await account(ref)
    const revoked = await store.deleteSessions(db, target.id)
    await record('user.sessions_revoke', by(actor), target, { address: origin?.address, revoked })
    return { username: target.username, revoked }
  }

  /** Removes the user's authenticator and issues a one-time enrolment code for a new one. */
  async function resetSecondFactor(actor: Actor, ref: string, origin?: Origin) {
    const target = await account(ref)
    const passkeysRemoved = await store.deleteSecondFactor(db, target.id)
    await store.deleteSessions(db, target.id)
    const enrolmentCode = await issueEnrolmentCode(target.id)
    await record('user.second_factor_reset', by(actor), target, {
      address: origin?.address,
      passkeysRemoved,
    })
    return { username: target.username, enrolmentCode, passkeysRemoved }
  }

  async function changeRole(actor: Actor, ref: string, input: unknown, origin?: Origin) {
    const { role } = parseInput(ChangeRole, input)
    const target = await account(ref)
    if (role !== 'admin') await guardLastAdmin(target, 'changing its role')
    if (target.role === role) return { username: target.username, role }
    await store.setRole(db, target.id, role)
    // the new role applies from the next sign-in and to every open session at once
    await db.transaction().execute((tx) =>
      audit.appendAudit(
        tx,
        [
          {
            actorId: actor.id,
            actorName: actor.name,
            action: 'user.role_change',
            entityType: 'user',
            entityId: target.id,
            before: { username: target.username, role: target.role },
            after: { username: target.username, role, address: origin?.address },
          },
        ],
        clock(),
      ),
    )
    return { username: target.username, role }
  }

  async function unlock(actor: Actor, ref: string, origin?: Origin) {
    // an unknown name may be locked too (attempts are counted by the name typed)
    const known =
      (await store.findAccount(db, { id: ref })) ?? (await store.findAccount(db, { username: ref }))
    const username = known?.username ?? ref.trim().toLowerCase()
    const wasLocked = await store.clearSignInFailures(db, username)
    await record('user.unlock', by(actor), known ?? { id: null, username }, {
      address: origin?.address,
      wasLocked,
    })
    return { username, unlocked: wasLocked }
  }

  // --- by the user ---

  /** Changes the signed-in user's own password; their other sessions end. */
  async function changeOwnPassword(
    user: SessionUser,
    input: unknown,
    origin: Origin,
    keepSessionId?: string,
  ) {
    const { currentPassword, newPassword } = parseInput(ChangePassword, input)
    const hash = await store.readPasswordHash(db, user.id)
    if (!hash || !(await verifyPassword(hash, currentPassword)))
      throw new ValidationError([{ path: 'currentPassword', message: 'is not your current password' }])
    const issues = passwordIssues('newPassword', newPassword, user.username)
    if (newPassword === currentPassword)
      issues.push({ path: 'newPassword', message: 'must differ from the current one' })
    if (issues.length) throw new ValidationError(issues)
    await store.writePasswordHash(db, user.id, await hashPassword(newPassword, passwordCost))
    await store.writeAccountState(db, user.id, { must_change_password: false })
    await store.deleteSessions(db, user.id, keepSessionId)
    await record(
      'user.password_change',
      { id: user.id, name: user.username },
      { id: user.id, username: user.username },
      {
        address: origin.address,
      },
    )
  }

  const passkeys = createPasskeyService({ db, clock, settings, assertMayEnrol, record })

  /** An account's passkeys, by id or username (the admin's and the operator's view). */
  async function passkeysOf(ref: string) {
    const target = await account(ref)
    return { username: target.username, passkeys: await passkeys.list(target.id) }
  }

  return {
    passkeys,
    passkeysOf,
    sessionUserOf,
    assertNotLocked,
    signInFailed,
    passwordAccepted,
    spendTotpCode,
    userOfChallenge,
    pendingSignIn,
    secondFactorPassed,
    signedOut,
    assertMayEnrol,
    secondFactorEnrolled,
    issueEnrolmentCode,
    disable,
    enable,
    resetPassword,
    revokeSessions,
    resetSecondFactor,
    changeRole,
    unlock,
    changeOwnPassword,
  }
}
export type AccountService = ReturnType<typeof createAccountService>
