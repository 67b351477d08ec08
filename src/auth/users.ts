import { createHash } from 'node:crypto'
import { z } from 'zod'
import type { appendAudit } from '../audit/store'
import type { Clock } from '../core/clock'
import { DomainError, ValidationError } from '../core/errors'
import { parseInput } from '../core/validate'
import type { Db } from '../db/connection'
import { oneTimeSecret } from './accounts'
import type { Actor } from './actor'
import type { Auth } from './auth'
import { isLocked } from './lockout'
import { countPasskeys } from './passkey-store'
import { MAX_PASSWORD_LENGTH, passwordIssues } from './password'
import { ROLES } from './roles'
import * as store from './store'
import { DisplayName, Username } from './username'

export const CreateUser = z
  .object({
    username: Username,
    name: DisplayName,
    role: z.enum(ROLES),
    password: z.string().max(MAX_PASSWORD_LENGTH).optional().describe('Generated when omitted'),
  })
  .superRefine((u, ctx) => {
    if (u.password === undefined) return
    for (const issue of passwordIssues('password', u.password, u.username))
      ctx.addIssue({ code: 'custom', path: ['password'], message: issue.message })
  })
export type CreateUser = z.input<typeof CreateUser>

type Deps = { db: Db; auth: Auth; audit: { appendAudit: typeof appendAudit }; clock: Clock }

/** A password of 20 characters from a 57-letter alphabet without look-alikes: about 116 bits. */
export const generatePassword = oneTimeSecret
const ENROLMENT_CODE_MS = 7 * 24 * 60 * 60_000

export function createUserService({ db, auth, audit, clock }: Deps) {
  /**
   * Creates an account with a one-time enrolment code for its second factor.
   * @returns the user, the password (generated if none was given) and the enrolment code, shown once
   */
  async function createUser(actor: Actor, input: CreateUser) {
    const parsed = parseInput(CreateUser, input)
    const taken = await db
      .selectFrom('user')
      .select('id')
      .where('username', '=', parsed.username)
      .executeTakeFirst()
    if (taken) throw new ValidationError([{ path: 'username', message: `${parsed.username} is taken` }])
    const password = parsed.password ?? generatePassword()
    const enrolmentCode = oneTimeSecret()
    // better-auth wants an e-mail; staff sign in by username, so it is a placeholder nobody mails.
    const email = `${parsed.username}@users.parley.invalid`
    try {
      const created = await auth.api.createUser({
        body: {
          email,
          password,
          name: parsed.name,
          // Parley's roles are checked by CreateUser above and enforced by src/auth/roles.ts; better-auth
          // stores any role string when no access-control table is configured, but types only its own two.
          role: parsed.role as 'admin',
          data: { username: parsed.username, displayUsername: parsed.username },
        },
      })
      const user = {
        id: created.user.id,
        username: parsed.username,
        name: parsed.name,
        role: parsed.role,
        twoFactorEnabled: false,
      }
      await store.writeAccountState(db, user.id, {
        enrolment_code_hash: createHash('sha256').update(enrolmentCode).digest('hex'),
        enrolment_code_expires_at: new Date(clock().getTime() + ENROLMENT_CODE_MS),
      })
      await db.transaction().execute((tx) =>
        audit.appendAudit(
          tx,
          [
            {
              actorId: actor.id,
              actorName: actor.name,
              action: 'user.create',
              entityType: 'user',
              entityId: user.id,
              before: null,
              after: { username: user.username, name: user.name, role: user.role },
            },
          ],
          clock(),
        ),
      )
      return { user, password, enrolmentCode }
    } catch (e) {
      // better-auth writes the user, then its account, then we write the audit entry, each in its
      // own transaction: a failure at any step removes whatever was written, so an account exists
      // only with its audit entry.
      await store.deleteUserByEmail(db, email)
      if (e instanceof DomainError) throw e
      const message = (e as { body?: { message?: string } })?.body?.message
      if (message && /username/i.test(message)) throw new ValidationError([{ path: 'username', message }])
      throw e
    }
  }

  async function listUsers() {
    const rows = await db
      .selectFrom('user')
      .select(['id', 'username', 'name', 'role', 'twoFactorEnabled', 'banned'])
      .orderBy('username')
      .execute()
    const now = clock()
    const locks = await Promise.all(rows.map((r) => store.readSignInFailures(db, r.username ?? '')))
    const states = await Promise.all(rows.map((r) => store.readAccountState(db, r.id)))
    const passkeys = await countPasskeys(db)
    const totp = await Promise.all(rows.map((r) => store.hasConfirmedTotp(db, r.id)))
    return rows.map((r, i) => ({
      locked: isLocked(locks[i] ?? null, now),
      mustChangePassword: !!states[i]?.must_change_password,
      id: r.id,
      username: r.username ?? '',
      name: r.name,
      role: r.role,
      twoFactorEnabled: !!r.twoFactorEnabled,
      totp: totp[i]!,
      passkeys: passkeys.get(r.id) ?? 0,
      banned: !!r.banned,
    }))
  }

  async function countUsers(): Promise<number> {
    const row = await db
      .selectFrom('user')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    return Number(row.n)
  }

  /**
   * Makes sure a fresh data folder has an admin; returns the one-time password and second-factor
   * enrolment code when it made one.
   */
  async function ensureFirstAdmin(): Promise<{
    username: string
    password: string
    enrolmentCode: string
  } | null> {
    if ((await countUsers()) > 0) return null
    const system: Actor = { id: 'system', name: 'system (first start)', role: 'admin' }
    const { password, enrolmentCode } = await createUser(system, {
      username: 'admin',
      name: 'Administrator',
      role: 'admin',
    })
    return { username: 'admin', password, enrolmentCode }
  }

  async function requireUser(id: string) {
    const row = await db.selectFrom('user').select('id').where('id', '=', id).executeTakeFirst()
    if (!row) throw new DomainError('NOT_FOUND', `User ${id} was not found`)
  }

  return { createUser, listUsers, countUsers, ensureFirstAdmin, requireUser }
}
export type UserService = ReturnType<typeof createUserService>
