import { sql } from 'kysely'
import type { Db } from '../db/connection'
import { deleteAllPasskeys } from './passkey-store'

/**
 * The SQL of account security (passkeys: passkey-store.ts). better-auth owns "user", "session", "account" and
 * "twoFactor"; the lifecycle actions write them directly here (one statement each, no HTTP round
 * trip through better-auth's admin endpoints, which want an admin's session headers).
 */
type Tables = {
  auth_sign_in_failures: {
    username: string
    failures: number
    locked_until: Date | null
    last_failure_at: Date
  }
  auth_account_state: {
    user_id: string
    must_change_password: boolean
    enrolment_code_hash: string | null
    enrolment_code_expires_at: Date | null
  }
  auth_totp_last_step: { user_id: string; step: string | number }
  session: {
    id: string
    token: string
    userId: string
    createdAt: Date
    updatedAt: Date
    expiresAt: Date
    ipAddress: string | null
  }
  account: { id: string; userId: string; providerId: string; password: string | null; updatedAt: Date }
  twoFactor: { id: string; userId: string; secret: string; verified: boolean | null }
  verification: { id: string; identifier: string; value: string; expiresAt: Date }
}

const t = (db: Db) => db.withTables<Tables>()

export type AccountRow = {
  id: string
  username: string
  name: string
  role: string | null
  banned: boolean
  twoFactorEnabled: boolean
}

export async function findAccount(
  db: Db,
  by: { id: string } | { username: string },
): Promise<AccountRow | null> {
  let q = db.selectFrom('user').select(['id', 'username', 'name', 'role', 'banned', 'twoFactorEnabled'])
  q = 'id' in by ? q.where('id', '=', by.id) : q.where('username', '=', by.username)
  const row = await q.executeTakeFirst()
  return row
    ? {
        id: row.id,
        username: row.username ?? '',
        name: row.name,
        role: row.role,
        banned: !!row.banned,
        twoFactorEnabled: !!row.twoFactorEnabled,
      }
    : null
}

/** Admins who can sign in (not disabled). */
export async function countActiveAdmins(db: Db): Promise<number> {
  const row = await db
    .selectFrom('user')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .where((eb) => eb.or([eb('banned', 'is', null), eb('banned', '=', false)]))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function setBanned(db: Db, userId: string, banned: boolean): Promise<void> {
  await sql`update "user" set banned = ${banned}, "banReason" = ${banned ? 'disabled by an admin' : null}, "updatedAt" = now() where id = ${userId}`.execute(
    db,
  )
}

export async function setRole(db: Db, userId: string, role: string): Promise<void> {
  await sql`update "user" set role = ${role}, "updatedAt" = now() where id = ${userId}`.execute(db)
}

export async function deleteUser(db: Db, userId: string): Promise<void> {
  await db.deleteFrom('user').where('id', '=', userId).execute()
}

export async function deleteUserByEmail(db: Db, email: string): Promise<void> {
  await db.deleteFrom('user').where('email', '=', email).execute()
}

// --- passwords ---

export async function readPasswordHash(db: Db, userId: string): Promise<string | null> {
  const row = await t(db)
    .selectFrom('account')
    .select('password')
    .where('userId', '=', userId)
    .where('providerId', '=', 'credential')
    .executeTakeFirst()
  return row?.password ?? null
}

export async function writePasswordHash(db: Db, userId: string, hash: string): Promise<void> {
  await t(db)
    .updateTable('account')
    .set({ password: hash, updatedAt: new Date() })
    .where('userId', '=', userId)
    .where('providerId', '=', 'credential')
    .execute()
}

// --- account state (one-time password, enrolment code) ---

export async function readAccountState(db: Db, userId: string) {
  return (
    (await t(db)
      .selectFrom('auth_account_state')
      .selectAll()
      .where('user_id', '=', userId)
      .executeTakeFirst()) ?? null
  )
}

export async function writeAccountState(
  db: Db,
  userId: string,
  patch: Partial<Omit<Tables['auth_account_state'], 'user_id'>>,
): Promise<void> {
  await t(db)
    .insertInto('auth_account_state')
    .values({
      user_id: userId,
      must_change_password: patch.must_change_password ?? false,
      enrolment_code_hash: patch.enrolment_code_hash ?? null,
      enrolment_code_expires_at: patch.enrolment_code_expires_at ?? null,
    })
    .onConflict((oc) => oc.column('user_id').doUpdateSet(patch))
    .execute()
}

// --- sessions ---

export async function deleteSessions(db: Db, userId: string, exceptSessionId?: string): Promise<number> {
  let q = t(db).deleteFrom('session').where('userId', '=', userId)
  if (exceptSessionId) q = q.where('id', '!=', exceptSessionId)
  const res = await q.executeTakeFirst()
  return Number(res.numDeletedRows)
}

export async function deleteSession(db: Db, sessionId: string): Promise<void> {
  await t(db).deleteFrom('session').where('id', '=', sessionId).execute()
}

/** Marks a session as used now (its idle timeout counts from here). */
export async function touchSession(db: Db, sessionId: string, at: Date): Promise<void> {
  await t(db).updateTable('session').set({ updatedAt: at }).where('id', '=', sessionId).execute()
}

// --- second factor ---

/**
 * Removes every second factor of `userId`: the TOTP secret and every passkey.
 * @returns how many passkeys were removed
 */
export async function deleteSecondFactor(db: Db, userId: string): Promise<number> {
  await t(db).deleteFrom('twoFactor').where('userId', '=', userId).execute()
  await t(db).deleteFrom('auth_totp_last_step').where('user_id', '=', userId).execute()
  const passkeys = await deleteAllPasskeys(db, userId)
  await sql`update "user" set "twoFactorEnabled" = false, "updatedAt" = now() where id = ${userId}`.execute(
    db,
  )
  return passkeys
}

/** Whether `userId` has a TOTP authenticator whose set-up was confirmed with a first code. */
export async function hasConfirmedTotp(db: Db, userId: string): Promise<boolean> {
  const row = await t(db)
    .selectFrom('twoFactor')
    .select('verified')
    .where('userId', '=', userId)
    .executeTakeFirst()
  // rows from before better-auth kept `verified` have null there, and were confirmed
  return !!row && row.verified !== false
}

export async function readTotpSecret(db: Db, userId: string): Promise<string | null> {
  const row = await t(db)
    .selectFrom('twoFactor')
    .select('secret')
    .where('userId', '=', userId)
    .executeTakeFirst()
  return row?.secret ?? null
}

/**
 * Records `step` as spent for `userId` if it is later than the last one spent.
 * @returns false when that step (or a later one) was already used: a replayed code
 */
export async function claimTotpStep(db: Db, userId: string, step: number): Promise<boolean> {
  const res = await sql<{ user_id: string }>`
    insert into auth_totp_last_step (user_id, step) values (${userId}, ${step})
    on conflict (user_id) do update set step = excluded.step where auth_totp_last_step.step < excluded.step
    returning user_id`.execute(db)
  return res.rows.length === 1
}

/** The user a pending two-factor sign-in (better-auth's verification row) belongs to. */
export async function userOfTwoFactorChallenge(db: Db, identifier: string): Promise<string | null> {
  const row = await t(db)
    .selectFrom('verification')
    .select(['value', 'expiresAt'])
    .where('identifier', '=', identifier)
    .executeTakeFirst()
  return row && new Date(row.expiresAt) > new Date() ? row.value : null
}

// --- sign-in failures ---

export async function readSignInFailures(db: Db, username: string) {
  return (
    (await t(db)
      .selectFrom('auth_sign_in_failures')
      .selectAll()
      .where('username', '=', username)
      .executeTakeFirst()) ?? null
  )
}

/**
 * Counts one more failure for `username` in one statement, so that attempts from several addresses
 * at once are all counted; a count whose last failure is older than `forgetBefore` starts again.
 * @returns the count after this failure
 */
export async function incrementSignInFailures(
  db: Db,
  username: string,
  at: Date,
  forgetBefore: Date,
): Promise<number> {
  const res = await sql<{ failures: number }>`
    insert into auth_sign_in_failures (username, failures, locked_until, last_failure_at)
    values (${username}, 1, null, ${at})
    on conflict (username) do update set
      failures = case when auth_sign_in_failures.last_failure_at < ${forgetBefore} then 1
                      else auth_sign_in_failures.failures + 1 end,
      last_failure_at = excluded.last_failure_at
    returning failures`.execute(db)
  return Number(res.rows[0]!.failures)
}

export async function lockSignIn(db: Db, username: string, until: Date): Promise<void> {
  await t(db)
    .updateTable('auth_sign_in_failures')
    .set({ locked_until: until })
    .where('username', '=', username)
    .execute()
}

export async function clearSignInFailures(db: Db, username: string): Promise<boolean> {
  const res = await t(db)
    .deleteFrom('auth_sign_in_failures')
    .where('username', '=', username)
    .executeTakeFirst()
  return Number(res.numDeletedRows) > 0
}
