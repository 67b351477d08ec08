import { mkdirSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { unaccent } from '@electric-sql/pglite/contrib/unaccent'
import { Kysely, PostgresDialect, sql } from 'kysely'
import { PGliteDialect } from 'kysely-pglite-dialect'
import pg from 'pg'
import type { DatabaseConfig } from '../core/config'
import type { Database } from './schema'

export type Db = Kysely<Database>

/** An open database: the same Kysely API over embedded PGlite or a PostgreSQL server. */
export type Connection = {
  db: Db
  kind: DatabaseConfig['kind']
  /**
   * Runs a multi-statement SQL script inside the transaction `tx` (migrations only). PGlite's
   * parameterised `query` takes one statement, so there the script goes through `exec` on the same
   * single session, which is the session `tx` holds.
   */
  runScript: (tx: Db, script: string) => Promise<void>
  close: () => Promise<void>
}

// Dates stay strings ('YYYY-MM-DD'): a date of birth is a calendar date, not an instant, and
// converting it through a JS Date in the server's time zone can move it by a day.
const DATE_OID = 1082
pg.types.setTypeParser(DATE_OID, (v) => v)
// bigint (count(*), audit sequence) fits comfortably in a JS number at our sizes.
pg.types.setTypeParser(20, (v) => Number(v))

export const PGLITE_EXTENSIONS = { pg_trgm, unaccent, fuzzystrmatch }
const PGLITE_PARSERS = { [DATE_OID]: (v: string) => v, 20: (v: string) => Number(v) }

/** Opens PGlite in `dataDir` (or in memory when dataDir is `memory://`). */
export async function openPglite(dataDir: string): Promise<PGlite> {
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true })
  return PGlite.create(dataDir, { extensions: PGLITE_EXTENSIONS, parsers: PGLITE_PARSERS })
}

/** Wraps an open PGlite instance (e.g. a test clone) as a Connection. */
export function connectionFromPglite(client: PGlite): Connection {
  // clone() does not carry the parsers over; without them dates come back as Date objects and
  // compare wrongly against the ISO strings the domain uses.
  const withParsers = client as unknown as { parsers: Record<number, (v: string) => unknown> }
  withParsers.parsers = { ...withParsers.parsers, ...PGLITE_PARSERS }
  const db = new Kysely<Database>({ dialect: new PGliteDialect(client) })
  return {
    db,
    kind: 'pglite',
    runScript: async (_tx, script) => {
      await client.exec(script)
    },
    close: () => db.destroy(),
  }
}

export async function openConnection(config: DatabaseConfig): Promise<Connection> {
  if (config.kind === 'pglite') return connectionFromPglite(await openPglite(config.dataDir))
  const pool = new pg.Pool({ connectionString: config.url, max: 10 })
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  return {
    db,
    kind: 'postgres',
    runScript: async (tx, script) => {
      await sql.raw(script).execute(tx)
    },
    close: () => db.destroy(),
  }
}
