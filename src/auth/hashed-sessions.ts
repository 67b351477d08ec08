import { createHash } from 'node:crypto'
import { kyselyAdapter } from '@better-auth/kysely-adapter'
import type { Db } from '../db/connection'

type AdapterFactory = ReturnType<typeof kyselyAdapter>
type Adapter = ReturnType<AdapterFactory>
type Where = { field: string; value: unknown }
type Row = Record<string, unknown>

/**
 * What the database keeps of a session token: its SHA-256, hex. A token is 32 random characters
 * (about 190 bits), so a plain hash cannot be reversed or guessed; no salt or slow hash is needed.
 * Migration 0015 applies the same function to the tokens stored before.
 */
export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex')
}

/**
 * better-auth's Kysely adapter, but the "session" table holds only the hash of each token: a
 * database reader (a backup, a replica, an insider with SELECT) cannot ride a session with what
 * it reads. better-auth still sees clear tokens: every token it writes or looks up by (create,
 * find, update, delete, the "in" list of revoke-all) is hashed on the way in, and a row coming back
 * for a token it named gets that clear token back. Rows listed by user carry the hash, which is
 * worthless as a cookie: it would be hashed again.
 */
export function hashedSessionsAdapter(db: Db): AdapterFactory {
  const factory = kyselyAdapter(db, { type: 'postgres', transaction: false })
  return (options) => wrap(factory(options))
}

function wrap<A extends Omit<Adapter, 'transaction'>>(inner: A): A {
  const wrapped: Row = { ...inner }
  for (const method of Object.keys(inner) as (keyof A & string)[]) {
    const fn = inner[method]
    if (typeof fn !== 'function' || method === 'transaction' || method === 'createSchema') continue
    wrapped[method] = async (args: Row) => {
      if (args?.model !== 'session') return fn.call(inner, args)
      const clear = new Map<string, string>()
      const hashed = (token: unknown) => {
        if (typeof token !== 'string') return token
        const h = hashSessionToken(token)
        clear.set(h, token)
        return h
      }
      const next: Row = { ...args }
      if (Array.isArray(args.where))
        next.where = (args.where as Where[]).map((w) =>
          w.field === 'token'
            ? { ...w, value: Array.isArray(w.value) ? w.value.map(hashed) : hashed(w.value) }
            : w,
        )
      for (const key of ['data', 'update', 'set'] as const) {
        const values = args[key] as Row | undefined
        if (values && 'token' in values) next[key] = { ...values, token: hashed(values.token) }
      }
      const result = await fn.call(inner, next)
      const restore = (row: unknown) => {
        const r = row as Row | null
        if (r && typeof r === 'object' && typeof r.token === 'string' && clear.has(r.token))
          return { ...r, token: clear.get(r.token) }
        return row
      }
      return Array.isArray(result) ? result.map(restore) : restore(result)
    }
  }
  // a transaction hands better-auth another adapter: it must hash too
  const transaction = (inner as Partial<Adapter>).transaction
  if (transaction)
    wrapped.transaction = (cb: (trx: Adapter) => Promise<unknown>) =>
      transaction.call(inner, (trx) => cb(wrap(trx) as Adapter))
  return wrapped as A
}
