import { sql } from 'kysely'
import type { Db } from '../db/connection'

/** The SQL of passkeys (migration 0021): the credentials and the challenges in flight. */
type Tables = {
  auth_passkeys: {
    id: string
    user_id: string
    public_key: string
    counter: string | number
    transports: string
    name: string
    created_at: Date
    last_used_at: Date | null
  }
  auth_passkey_challenges: {
    user_id: string
    purpose: ChallengePurpose
    challenge: string
    rp_id: string
    origin: string
    expires_at: Date
  }
}

export type ChallengePurpose = 'register' | 'sign_in'

export type StoredPasskey = {
  id: string
  userId: string
  publicKey: string
  counter: number
  transports: string[]
  name: string
  createdAt: Date
  lastUsedAt: Date | null
}

export type Challenge = { challenge: string; rpId: string; origin: string; expiresAt: Date }

const t = (db: Db) => db.withTables<Tables>()

function toPasskey(row: Tables['auth_passkeys']): StoredPasskey {
  return {
    id: row.id,
    userId: row.user_id,
    publicKey: row.public_key,
    counter: Number(row.counter),
    transports: row.transports ? row.transports.split(',') : [],
    name: row.name,
    createdAt: new Date(row.created_at),
    lastUsedAt: row.last_used_at ? new Date(row.last_used_at) : null,
  }
}

export async function listPasskeys(db: Db, userId: string): Promise<StoredPasskey[]> {
  const rows = await t(db)
    .selectFrom('auth_passkeys')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .execute()
  return rows.map(toPasskey)
}

/** Passkeys per user, for the account list. */
export async function countPasskeys(db: Db): Promise<Map<string, number>> {
  const rows = await t(db)
    .selectFrom('auth_passkeys')
    .select(['user_id', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('user_id')
    .execute()
  return new Map(rows.map((r) => [r.user_id, Number(r.n)]))
}

export async function findPasskey(db: Db, userId: string, id: string): Promise<StoredPasskey | null> {
  const row = await t(db)
    .selectFrom('auth_passkeys')
    .selectAll()
    .where('user_id', '=', userId)
    .where('id', '=', id)
    .executeTakeFirst()
  return row ? toPasskey(row) : null
}

/** @returns false when a credential of that id exists already (of anyone) */
export async function insertPasskey(db: Db, p: Omit<StoredPasskey, 'lastUsedAt'>): Promise<boolean> {
  const res = await t(db)
    .insertInto('auth_passkeys')
    .values({
      id: p.id,
      user_id: p.userId,
      public_key: p.publicKey,
      counter: p.counter,
      transports: p.transports.join(','),
      name: p.name,
      created_at: p.createdAt,
      last_used_at: null,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .executeTakeFirst()
  return !!res
}

/**
 * Records a use: the new counter replaces the stored one only if it is greater (or both are zero,
 * for authenticators that keep no counter), in one statement, so that two sign-ins racing with one
 * assertion cannot both pass.
 * @returns false when the counter did not advance: a replay or a cloned authenticator
 */
export async function advanceCounter(db: Db, id: string, counter: number, at: Date): Promise<boolean> {
  const res = await sql<{ id: string }>`
    update auth_passkeys set counter = ${counter}, last_used_at = ${at}
    where id = ${id} and (counter < ${counter} or (counter = 0 and ${counter}::bigint = 0))
    returning id`.execute(db)
  return res.rows.length === 1
}

export async function deletePasskey(db: Db, userId: string, id: string): Promise<StoredPasskey | null> {
  const row = await t(db)
    .deleteFrom('auth_passkeys')
    .where('user_id', '=', userId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst()
  return row ? toPasskey(row) : null
}

export async function deleteAllPasskeys(db: Db, userId: string): Promise<number> {
  const res = await t(db).deleteFrom('auth_passkeys').where('user_id', '=', userId).executeTakeFirst()
  await t(db).deleteFrom('auth_passkey_challenges').where('user_id', '=', userId).execute()
  return Number(res.numDeletedRows)
}

/** Stores the challenge of a new ceremony, replacing any earlier one of the same purpose. */
export async function putChallenge(
  db: Db,
  userId: string,
  purpose: ChallengePurpose,
  c: Challenge,
): Promise<void> {
  await t(db)
    .insertInto('auth_passkey_challenges')
    .values({
      user_id: userId,
      purpose,
      challenge: c.challenge,
      rp_id: c.rpId,
      origin: c.origin,
      expires_at: c.expiresAt,
    })
    .onConflict((oc) =>
      oc.columns(['user_id', 'purpose']).doUpdateSet({
        challenge: c.challenge,
        rp_id: c.rpId,
        origin: c.origin,
        expires_at: c.expiresAt,
      }),
    )
    .execute()
}

/** Takes the challenge out (it answers once, right or wrong); null when none or expired. */
export async function takeChallenge(
  db: Db,
  userId: string,
  purpose: ChallengePurpose,
  now: Date,
): Promise<Challenge | null> {
  const row = await t(db)
    .deleteFrom('auth_passkey_challenges')
    .where('user_id', '=', userId)
    .where('purpose', '=', purpose)
    .returningAll()
    .executeTakeFirst()
  if (!row || new Date(row.expires_at).getTime() <= now.getTime()) return null
  return {
    challenge: row.challenge,
    rpId: row.rp_id,
    origin: row.origin,
    expiresAt: new Date(row.expires_at),
  }
}

export async function setTwoFactorEnabled(db: Db, userId: string, enabled: boolean): Promise<void> {
  await sql`update "user" set "twoFactorEnabled" = ${enabled}, "updatedAt" = now() where id = ${userId}`.execute(
    db,
  )
}
