import type { Db } from '../db/connection'

/** Staff names among `ids`, as the audit trail shows them: "name (username)". */
export async function userNamesOf(db: Db, ids: string[]): Promise<Record<string, string>> {
  if (ids.length === 0) return {}
  const users = await db
    .selectFrom('user')
    .select(['id', 'name', 'username'])
    .where('id', 'in', ids)
    .execute()
  return Object.fromEntries(users.map((u) => [u.id, u.username ? `${u.name} (${u.username})` : u.name]))
}
