import { randomBytes } from 'node:crypto'
import { z } from 'zod'
import type { appendAudit } from '../audit/store'
import type { Clock } from '../core/clock'
import { DomainError, ValidationError } from '../core/errors'
import { parseInput } from '../core/validate'
import type { Db } from '../db/connection'
import type { Actor } from './actor'
import type { Auth } from './auth'
import { ROLES } from './roles'

export const CreateUser = z.object({
  username: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9._-]{2,64}$/, 'use 2 to 64 letters a-z, digits, dot, dash or underscore'),
  name: z.string().trim().min(1, 'must not be empty').max(200),
  role: z.enum(ROLES),
  password: z
    .string()
    .min(12, 'must be at least 12 characters')
    .max(256)
    .optional()
    .describe('Generated when omitted'),
})
export type CreateUser = z.input<typeof CreateUser>

type Deps = { db: Db; auth: Auth; audit: { appendAudit: typeof appendAudit }; clock: Clock }

/** A password of 20 characters from a 62-letter alphabet: about 119 bits. */
export function generatePassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789'
  const bytes = randomBytes(20)
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('')
}

export function createUserService({ db, auth, audit, clock }: Deps) {
  /**
   * Creates an account. better-auth writes the account in its own transaction, so the audit entry
   * follows in a second one; a crash between the two leaves an account without its entry, which
   * `listUsers` still shows (see docs/decisions.md).
   * @returns the user and the password (generated if none was given), shown once
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
    const created = await auth.api.createUser({
      body: {
        // better-auth wants an e-mail; staff sign in by username, so it is a placeholder nobody mails.
        email: `${parsed.username}@users.parley.invalid`,
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
    return { user, password }
  }

  async function listUsers() {
    const rows = await db
      .selectFrom('user')
      .select(['id', 'username', 'name', 'role', 'twoFactorEnabled', 'banned'])
      .orderBy('username')
      .execute()
    return rows.map((r) => ({
      id: r.id,
      username: r.username ?? '',
      name: r.name,
      role: r.role,
      twoFactorEnabled: !!r.twoFactorEnabled,
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

  /** Makes sure a fresh data folder has an admin; returns the one-time password when it made one. */
  async function ensureFirstAdmin(): Promise<{ username: string; password: string } | null> {
    if ((await countUsers()) > 0) return null
    const system: Actor = { id: 'system', name: 'system (first start)', role: 'admin' }
    const { password } = await createUser(system, { username: 'admin', name: 'Administrator', role: 'admin' })
    return { username: 'admin', password }
  }

  async function requireUser(id: string) {
    const row = await db.selectFrom('user').select('id').where('id', '=', id).executeTakeFirst()
    if (!row) throw new DomainError('NOT_FOUND', `User ${id} was not found`)
  }

  return { createUser, listUsers, countUsers, ensureFirstAdmin, requireUser }
}
export type UserService = ReturnType<typeof createUserService>
