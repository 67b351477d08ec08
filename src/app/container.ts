import type { AuditAnchorFiles } from '../audit/anchor'
import { createAuditService } from '../audit/service'
import * as auditStore from '../audit/store'
import { createAccountService } from '../auth/accounts'
import { type Auth, createAuth, passwordCostOf } from '../auth/auth'
import type { ScryptCost } from '../auth/password'
import { resolveSessionSecret } from '../auth/secret'
import { userNamesOf } from '../auth/user-names'
import { createUserService } from '../auth/users'
import type { Clock } from '../core/clock'
import { systemClock } from '../core/clock'
import type { Config } from '../core/config'
import { createPersonImportService } from '../custody/import-service'
import { custodyNamesOf } from '../custody/names'
import { createCustodyService } from '../custody/service'
import * as custodyStore from '../custody/store'
import { createDashboardService } from '../dashboard/service'
import { type Connection, openConnection } from '../db/connection'
import { migrate } from '../db/migrate'
import { createEnquiryResearch } from '../enquiries/research'
import { createEnquiryService } from '../enquiries/service'
import { createExchangeDocuments } from '../exchange/documents/service'
import { createExchangeService } from '../exchange/service'
import { createExportService } from '../exports/service'
import { createBossQueue } from '../jobs/queue-boss'
import { createLocalQueue } from '../jobs/queue-local'
import { createJobService } from '../jobs/service'
import { createLinkageJobService } from '../linkage/jobs'
import { createListService } from '../lists/service'
import { createMissingImport } from '../missing/import'
import { createMissingService } from '../missing/service'
import { createNoticesService } from '../notices/service'
import { createReconciliation } from '../reconciliation'
import { createReportedService } from '../reported/service'
import { createReportService } from '../reports/service'
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
  jobsConfig: Config['jobs'] = { workers: 'internal', leaseSeconds: 30 },
) {
  const db = conn.db
  // on a PostgreSQL server jobs travel on pg-boss, shared by every instance; embedded, this process runs them
  const jobs = createJobService({
    db,
    audit: auditStore,
    clock,
    queue:
      conn.kind === 'postgres'
        ? createBossQueue(db, { onError: (e) => console.error(`job queue: ${e.message}`) })
        : createLocalQueue(),
    ...jobsConfig,
  })
  // a family's enquiry about someone not yet in the register makes the record in its own write
  const enquiries = createEnquiryService({
    db,
    audit: auditStore,
    clock,
    missing: createMissingService({ db, audit: auditStore, clock, romanize: romanizeName }),
  })
  // a server's other sessions answer readers during a refresh; PGlite's one session cannot
  const dashboard = createDashboardService({ db, clock, oneSnapshot: conn.kind === 'postgres' })
  const custody = createCustodyService({
    db,
    store: custodyStore,
    audit: auditStore,
    clock,
    romanize: romanizeName,
  })
  const exchanges = createExchangeService({ db, audit: auditStore, clock, custody })
  return {
    custody,
    exchanges,
    exchangeDocuments: createExchangeDocuments({ db, clock }),
    personImport: createPersonImportService({
      db,
      store: custodyStore,
      audit: auditStore,
      clock,
      romanize: romanizeName,
    }),
    audit: createAuditService({
      db,
      audit: auditStore,
      anchor: auditAnchor,
      clock,
      names: [(ids) => custodyNamesOf(db, ids), (ids) => userNamesOf(db, ids)],
    }),
    search: createSearchService({ db }),
    lists: createListService({ db, audit: auditStore, clock, jobs }),
    missing: createMissingService({ db, audit: auditStore, clock, romanize: romanizeName }),
    enquiries,
    // open enquiries searched again by themselves after a list or a register changed (a job)
    enquiryResearch: createEnquiryResearch({ db, jobs, enquiries, audit: auditStore }),
    missingImport: createMissingImport({ db, audit: auditStore, clock, romanize: romanizeName }),
    jobs,
    linkageJobs: createLinkageJobService({ db, audit: auditStore, clock, jobs }),
    reconciliation: createReconciliation({ db, audit: auditStore, clock, romanize: romanizeName, jobs }),
    dashboard,
    reported: createReportedService({ db, audit: auditStore, clock }),
    reports: createReportService({ db, audit: auditStore, clock }),
    exports: createExportService({
      db,
      audit: auditStore,
      clock,
      jobs,
      // the same instances the pages read: one kept dashboard snapshot, one enquiry service
      enquiries,
      dashboard,
      exchanges,
    }),
    notices: createNoticesService({ db, audit: auditStore, clock, anchor: auditAnchor, jobs }),
    users: createUserService({ db, auth, audit: auditStore, clock }),
    settings: createSettingsService({ db, store: settingsStore, audit: auditStore, clock }),
    accounts: createAccountService({
      db,
      auth,
      audit: auditStore,
      clock,
      settings: createSettingsService({ db, store: settingsStore, audit: auditStore, clock }),
      passwordCost: passwordCostOf(auth),
    }),
  }
}

export type Parley = { conn: Connection; auth: Auth; services: Services; close: () => Promise<void> }

/**
 * Runs the migrations as the role that owns the tables: PARLEY_MIGRATION_DATABASE_URL when set
 * (the application's own role may not create or alter tables), else the application's connection.
 */
export async function migrateAsOwner(config: Config, conn: Connection) {
  // an upgrade may rewrite every person (0035 takes minutes at a million): say what is running
  const onUpgrade = (file: string) =>
    process.stderr.write(`Upgrading the database: ${file} (on a large register this can take minutes)\n`)
  if (config.database.kind !== 'postgres' || !config.database.migrationUrl)
    return migrate(conn, { onUpgrade })
  const owner = await openConnection({ kind: 'postgres', url: config.database.migrationUrl })
  try {
    return await migrate(owner, { onUpgrade })
  } finally {
    await owner.close()
  }
}

/** Opens the database, runs the migrations and wires the services. */
export async function openParley(
  config: Config,
  opts: {
    connection?: Connection
    clock?: Clock
    signInAttemptsPerMinute?: number
    /** scrypt cost of new password hashes; OWASP's unless a test asks for a cheaper one */
    passwordCost?: ScryptCost
  } = {},
): Promise<Parley> {
  const conn = opts.connection ?? (await openConnection(config.database))
  await migrateAsOwner(config, conn)
  // persons registered before name keys existed are keyed once, so search covers everyone
  await ensureNameKeys(conn.db, (n) => {
    if (n % 50_000 === 0) process.stderr.write(`Keying names for search: ${n} persons done\n`)
  })
  const auth = createAuth({
    db: conn.db,
    secret: await resolveSessionSecret(conn.db, config),
    passwordCost: opts.passwordCost,
    baseUrl: config.http.publicUrl,
    trustedOrigins: [config.http.publicUrl],
    secureCookies: config.http.plainHttp === null,
    signInAttemptsPerMinute: opts.signInAttemptsPerMinute,
  })
  const services = createServices(conn, auth, opts.clock, config.audit, config.jobs)
  return {
    conn,
    auth,
    services,
    close: async () => {
      // a job running here goes back to the queue before the connection closes
      await services.jobs.stopWorker()
      // a dashboard refresh under way ends before its database does
      await services.dashboard.settled()
      await conn.close()
    },
  }
}
