import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { sql } from 'kysely'
import type { Connection } from './connection'

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations')
// Any fixed number: instances started together against one server take turns migrating.
const MIGRATION_LOCK = 728_100_001

/** The migrations this version of Parley has, in the order they apply. */
export function migrationNames(): string[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((f) => f.endsWith('.sql'))
    .sort()
}

export type MigrationReport = { applied: string[]; alreadyApplied: number }

/** The tables a migration asks to be vacuumed once it has committed: `-- parley:vacuum TABLE`. */
export function vacuumedAfter(script: string): string[] {
  return [...script.matchAll(/^-- parley:vacuum ([a-z_]+)\s*$/gm)].map((m) => m[1]!)
}

/**
 * Applies the plain-SQL migrations in src/db/migrations in name order, each in its own transaction,
 * recording them in schema_migrations. Forward-only: a changed migration is a new file.
 */
export async function migrate(
  { db, runScript }: Connection,
  opts: {
    only?: ReadonlySet<string>
    /** Told before each migration applied to a database that had some already (an upgrade). */
    onUpgrade?: (file: string) => void
  } = {},
): Promise<MigrationReport> {
  // `only`: the migrations an older data folder had, so its rows fit before the rest apply
  const files = migrationNames().filter((f) => !opts.only || opts.only.has(f))
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK})`.execute(conn)
    try {
      await sql`create table if not exists schema_migrations (
        name text primary key, applied_at timestamptz not null default now())`.execute(conn)
      const done = new Set(
        (await sql<{ name: string }>`select name from schema_migrations`.execute(conn)).rows.map(
          (r) => r.name,
        ),
      )
      const applied: string[] = []
      for (const file of files) {
        if (done.has(file)) continue
        if (done.size > 0) opts.onUpgrade?.(file)
        const text = readFileSync(path.join(MIGRATIONS_DIR, file), 'utf8')
        await conn.transaction().execute(async (tx) => {
          await runScript(tx, text)
          await sql`insert into schema_migrations (name) values (${file})`.execute(tx)
        })
        applied.push(file)
        // a migration that rewrites a whole table leaves every old row version dead: PGlite never
        // vacuums by itself (no autovacuum in its single process), so its scans would read them all
        for (const table of vacuumedAfter(text)) await sql`vacuum (analyze) ${sql.table(table)}`.execute(conn)
      }
      return { applied, alreadyApplied: done.size }
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK})`.execute(conn)
    }
  })
}
