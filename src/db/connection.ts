import { fsyncSync, mkdirSync } from 'node:fs'
import { PGlite, type Transaction } from '@electric-sql/pglite'
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { unaccent } from '@electric-sql/pglite/contrib/unaccent'
import { Kysely, PGliteDialect, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import type { DatabaseConfig } from '../core/config'
import { type DataFolderLock, lockDataFolder } from './data-folder-lock'
import { assertCurrentDataFolder } from './data-folder-version'
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
  /** Tells a process refused the embedded data folder where this one serves (PGlite only). */
  announce?: (url: string) => void
}

// Dates stay strings ('YYYY-MM-DD'): a date of birth is a calendar date, not an instant, and
// converting it through a JS Date in the server's time zone can move it by a day.
const DATE_OID = 1082
pg.types.setTypeParser(DATE_OID, (v) => v)
// bigint (count(*), audit sequence) fits comfortably in a JS number at our sizes.
pg.types.setTypeParser(20, (v) => Number(v))

export const PGLITE_EXTENSIONS = { pg_trgm, unaccent, fuzzystrmatch }
const PGLITE_PARSERS = { [DATE_OID]: (v: string) => v, 20: (v: string) => Number(v) }

type NodeFs = { stream_ops: Record<string, unknown> }
type EmscriptenModule = {
  // PGlite 0.5's Emscripten exports NODEFS on the module; 0.4's kept it in FS.filesystems
  NODEFS?: NodeFs
  FS?: { filesystems?: { NODEFS?: NodeFs }; ErrnoError: new (errno: number) => Error }
}

/**
 * PGlite starts PostgreSQL with fsync off (`-F`), and its Node file system ignores fsync anyway:
 * an acknowledged commit could be lost when the machine (not just the process) stops. Here fsync
 * is on and reaches the disk, so a commit is durable once acknowledged.
 */
function makeDurable(client: PGlite) {
  const mod = (client as unknown as { mod?: EmscriptenModule }).mod
  const fs = mod?.FS
  const ops = (mod?.NODEFS ?? fs?.filesystems?.NODEFS)?.stream_ops
  if (!fs || !ops || ops.fsync) return
  ops.fsync = (stream: { nfd?: number }) => {
    if (stream.nfd === undefined) return 0
    try {
      fsyncSync(stream.nfd)
    } catch (e) {
      // a directory that cannot be synced on this file system is not an error PostgreSQL must stop on
      if ((e as NodeJS.ErrnoException).code === 'EINVAL') return 0
      throw new fs.ErrnoError(29) // EIO: PostgreSQL then refuses the commit instead of losing it
    }
    return 0
  }
}

const DURABLE_START = (PGlite as unknown as { defaultStartParams: string[] }).defaultStartParams.filter(
  (p) => p !== '-F',
)

/** Opens PGlite in `dataDir` (or in memory when dataDir is `memory://`), durable on disk. */
export async function openPglite(dataDir: string): Promise<PGlite> {
  if (dataDir.startsWith('memory://'))
    return PGlite.create(dataDir, { extensions: PGLITE_EXTENSIONS, parsers: PGLITE_PARSERS })
  assertCurrentDataFolder(dataDir)
  mkdirSync(dataDir, { recursive: true })
  const client = await PGlite.create(dataDir, {
    extensions: PGLITE_EXTENSIONS,
    parsers: PGLITE_PARSERS,
    startParams: DURABLE_START,
  })
  makeDurable(client)
  return client
}

/** What the lock file says this process is: `parley import persons`, `parley serve`. */
function commandName(): string {
  const words = process.argv.slice(2).filter((a) => !a.startsWith('-'))
  return `parley ${words.slice(0, 2).join(' ')}`.trim()
}

/**
 * Opens the embedded database in `dataDir` for this process alone (see data-folder-lock.ts).
 * @throws DomainError CONFLICT naming the process that holds the folder
 */
export async function openLockedPglite(dataDir: string): Promise<{ client: PGlite; lock: DataFolderLock }> {
  mkdirSync(dataDir, { recursive: true })
  const lock = lockDataFolder(dataDir, commandName())
  try {
    return { client: await openPglite(dataDir), lock }
  } catch (e) {
    lock.release()
    throw e
  }
}

/** Wraps an open PGlite instance (e.g. a test clone) as a Connection. */
export function connectionFromPglite(client: PGlite): Connection {
  // clone() does not carry the parsers over; without them dates come back as Date objects and
  // compare wrongly against the ISO strings the domain uses.
  const withParsers = client as unknown as { parsers: Record<number, (v: string) => unknown> }
  withParsers.parsers = { ...withParsers.parsers, ...PGLITE_PARSERS }
  // Kysely's dialect runs a transaction inside PGlite's `transaction()`, which holds the instance:
  // a plain `client.exec` meanwhile would wait for it forever. So the open transaction is kept
  // here, and a migration script goes through its `exec`, on the session `tx` holds.
  let open: Transaction | undefined
  const pglite = {
    get closed() {
      return client.closed
    },
    get ready() {
      return client.ready
    },
    waitReady: client.waitReady,
    close: () => client.close(),
    query: client.query.bind(client),
    transaction: <T>(work: (tx: Transaction) => Promise<T>) =>
      client.transaction(async (tx) => {
        open = tx
        try {
          return await work(tx)
        } finally {
          open = undefined
        }
      }),
  }
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) })
  return {
    db,
    kind: 'pglite',
    runScript: async (_tx, script) => {
      await (open ?? client).exec(script)
    },
    // Kysely closes the instance only if it was ever queried through it
    close: async () => {
      await db.destroy()
      if (!client.closed) await client.close()
    },
  }
}

export async function openConnection(config: DatabaseConfig): Promise<Connection> {
  if (config.kind === 'pglite') {
    const { client, lock } = await openLockedPglite(config.dataDir)
    const conn = connectionFromPglite(client)
    return {
      ...conn,
      announce: lock.announce,
      close: async () => {
        try {
          await conn.close()
        } finally {
          lock.release()
        }
      },
    }
  }
  const pool = new pg.Pool({ connectionString: config.url, max: 10 })
  // An idle connection the server ends (a restart, an administrator's terminate, a database
  // dropped) is emitted here; without a listener Node takes it for an uncaught error and the
  // whole server stops. The pool drops that connection and opens another on the next query.
  pool.on('error', (error) => {
    console.error(`database: an idle connection was closed by the server (${error.message})`)
  })
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
