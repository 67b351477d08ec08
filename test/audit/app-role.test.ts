import { sql } from 'kysely'
import pg from 'pg'
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { openParley } from '../../src/app/container'
import { loadConfig } from '../../src/core/config'
import type { Connection } from '../../src/db/connection'
import { buildPerson, REGISTRAR } from '../support/factories'
import { createTestDatabase, dropTestTemplate } from '../support/test-db'

// a fresh migrated database per test takes long on a busy machine: wait, do not fail
vi.setConfig({ testTimeout: 600_000, hookTimeout: 600_000 })

const server = process.env.DATABASE_URL

/** The test database's URL as the owner (the superuser of DATABASE_URL) and as parley_app. */
async function urlsOf(conn: Connection) {
  const { rows } = await sql<{ db: string }>`select current_database() as db`.execute(conn.db)
  const owner = new URL(server!)
  owner.pathname = `/${rows[0]!.db}`
  const app = new URL(owner)
  app.username = 'parley_app'
  app.password = ''
  return { owner: owner.toString(), app: app.toString() }
}

async function asApp(url: string, text: string) {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await client.query(text)
  } finally {
    await client.end()
  }
}

// Roles exist only on a PostgreSQL server; PGlite is one user (see the README).
describe.skipIf(!server)('the application role on PostgreSQL', () => {
  let conn: Connection
  beforeEach(async () => {
    conn = await createTestDatabase()
  })
  afterEach(async () => {
    await conn.close()
  })
  afterAll(dropTestTemplate)

  it('runs Parley with migrations as the owner, and cannot truncate, update, delete or unprotect the audit table', async () => {
    const { owner, app } = await urlsOf(conn)
    const config = loadConfig({
      NODE_ENV: 'test',
      PARLEY_LOG_LEVEL: 'silent',
      DATABASE_URL: app,
      PARLEY_MIGRATION_DATABASE_URL: owner,
      PARLEY_DATA_DIR: '/nonexistent-parley-test',
    })
    const parley = await openParley(config)
    try {
      // the application's everyday work goes through: registering writes persons, events, audit
      await parley.services.custody.registerPerson(REGISTRAR, buildPerson())
      expect((await parley.services.audit.verifyChain()).ok).toBe(true)
      expect(await parley.services.users.ensureFirstAdmin()).toBeTruthy()
    } finally {
      await parley.close()
    }
    const refused = /permission denied|must be owner|append-only/
    await expect(asApp(app, 'truncate audit_log')).rejects.toThrow(refused)
    await expect(asApp(app, "update audit_log set actor_name = 'x'")).rejects.toThrow(refused)
    await expect(asApp(app, 'delete from audit_log')).rejects.toThrow(refused)
    await expect(asApp(app, 'alter table audit_log disable trigger all')).rejects.toThrow(/must be owner/)
    await expect(asApp(app, 'set session_replication_role = replica')).rejects.toThrow(/permission denied/)
    await expect(asApp(app, 'truncate person_events')).rejects.toThrow(refused)
    await expect(asApp(app, 'drop table audit_log')).rejects.toThrow(/must be owner/)
    const owned = await asApp(
      app,
      "select count(*)::int as n from pg_tables where schemaname = 'public' and tableowner = 'parley_app'",
    )
    expect(owned.rows[0].n).toBe(0)
  })
})
