import { randomBytes } from 'node:crypto'
import type { AuditAnchorFiles } from '../audit/anchor'
import { createAuditService } from '../audit/service'
import * as auditStore from '../audit/store'
import { type Auth, createAuth } from '../auth/auth'
import { createUserService } from '../auth/users'
import type { Clock } from '../core/clock'
import { systemClock } from '../core/clock'
import type { Config } from '../core/config'
import { createPersonImportService } from '../custody/import-service'
import { createCustodyService } from '../custody/service'
import * as custodyStore from '../custody/store'
import { type Connection, openConnection } from '../db/connection'
import { migrate } from '../db/migrate'
import { createExchangeService } from '../exchange/service'
import { createLinkageJobService } from '../linkage/jobs'
import { createListService } from '../lists/service'
import { ensureNameKeys } from '../search/backfill'
import { createSearchService } from '../search/service'
import { createSettingsService } from '../settings/service'
import * as settingsStore from '../settings/store'
import { romanizeName } from './romanize'

export type Services = ReturnType<typeof createServices>

/** Every service, wired to one database. The only place that knows all the parts. */
export function createServices(
  conn: Connection,
  auth: Auth,
  clock: Clock = systemClock,
  auditAnchor?: AuditAnchorFiles,
) {
  const db = conn.db
  const custody = createCustodyService({
    db,
    store: custodyStore,
    audit: auditStore,
    clock,
    romanize: romanizeName,
  })
  return {
    custody,
    exchanges: createExchangeService({ db, audit: auditStore, clock, custody }),
    personImport: createPersonImportService({
      db,
      store: custodyStore,
      audit: auditStore,
      clock,
      romanize: romanizeName,
    }),
    audit: createAuditService({ db, audit: auditStore, anchor: auditAnchor, clock }),
    search: createSearchService({ db }),
    lists: createListService({ db, audit: auditStore, clock }),
    linkageJobs: createLinkageJobService({ db, audit: auditStore, clock }),
    users: createUserService({ db, auth, audit: auditStore, clock }),
    settings: createSettingsService({ db, store: settingsStore, audit: auditStore, clock }),
  }
}

export type Parley = { conn: Connection; auth: Auth; services: Services; close: () => Promise<void> }

/**
 * The session-signing secret: from configuration when set, otherwise made once and kept in the
 * database, so that several instances sharing one PostgreSQL server sign sessions alike.
 */
async function sessionSecret(conn: Connection, configured: string | undefined): Promise<string> {
  if (configured) return configured
  const stored = await settingsStore.readSetting(conn.db, 'session_secret')
  if (typeof stored === 'string' && stored.length >= 32) return stored
  const fresh = randomBytes(32).toString('base64url')
  await conn.db
    .insertInto('settings')
    .values({ key: 'session_secret', value: JSON.stringify(fresh), updated_at: new Date() })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute()
  return String(await settingsStore.readSetting(conn.db, 'session_secret'))
}

/**
 * Runs the migrations as the role that owns the tables: PARLEY_MIGRATION_DATABASE_URL when set
 * (the application's own role may not create or alter tables), else the application's connection.
 */
export async function migrateAsOwner(config: Config, conn: Connection) {
  if (config.database.kind !== 'postgres' || !config.database.migrationUrl) return migrate(conn)
  const owner = await openConnection({ kind: 'postgres', url: config.database.migrationUrl })
  try {
    return await migrate(owner)
  } finally {
    await owner.close()
  }
}

/** Opens the database, runs the migrations and wires the services. */
export async function openParley(
  config: Config,
  opts: { connection?: Connection; clock?: Clock; signInAttemptsPerMinute?: number } = {},
): Promise<Parley> {
  const conn = opts.connection ?? (await openConnection(config.database))
  await migrateAsOwner(config, conn)
  // persons registered before name keys existed are keyed once, so search covers everyone
  await ensureNameKeys(conn.db, (n) => {
    if (n % 50_000 === 0) process.stderr.write(`Keying names for search: ${n} persons done\n`)
  })
  const auth = createAuth({
    db: conn.db,
    secret: await sessionSecret(conn, config.sessionSecret),
    baseUrl: config.http.publicUrl,
    trustedOrigins: [config.http.publicUrl],
    signInAttemptsPerMinute: opts.signInAttemptsPerMinute,
  })
  const services = createServices(conn, auth, opts.clock, config.audit)
  return { conn, auth, services, close: () => conn.close() }
}
