import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { serve } from '@hono/node-server'
import pino from 'pino'
import { openParley, type Parley } from '../app/container'
import { startAuditCheckpoints } from '../audit/schedule'
import type { Config } from '../core/config'
import { DomainError } from '../core/errors'
import { startWeeklyBulletins } from '../notices/schedule'
import { createHttpApp } from './app'

export const WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web')

export type RunningServer = { url: string; parley: Parley; close: () => Promise<void> }

/** Opens the database, migrates, and serves the API and the web app until closed. */
export async function startServer(
  config: Config,
  opts: { signInAttemptsPerMinute?: number; parley?: Parley } = {},
): Promise<RunningServer> {
  const logger = pino({ level: config.logLevel })
  const parley =
    opts.parley ?? (await openParley(config, { signInAttemptsPerMinute: opts.signInAttemptsPerMinute }))
  // jobs run here too unless `parley worker` processes run them (PARLEY_WORKERS=external); a job a
  // stopped worker left is taken up after its lease, never failed at somebody else's start
  if (config.jobs.workers === 'internal') await parley.services.jobs.startWorker()
  // a caller that brings its own Parley (tests) brings its own database: anchoring the default data
  // folder's checkpoints to it would mix two chains
  const stopCheckpoints = opts.parley
    ? () => {}
    : await startAuditCheckpoints(parley.services.audit, config.audit, logger)
  // the weekly health bulletins owed to the ICRC (GC III Art. 122), hourly; not on a caller's own database
  const stopWeekly = opts.parley ? () => {} : startWeeklyBulletins(parley.services.notices, logger)
  // open enquiries searched again after a list or a register changed, on this server's own database
  parley.services.enquiryResearch.start(undefined, (e) =>
    logger.error(`search of open enquiries: ${e instanceof Error ? e.message : e}`),
  )
  const app = createHttpApp({
    conn: parley.conn,
    auth: parley.auth,
    services: parley.services,
    logger,
    baseUrl: config.http.publicUrl,
    webDir: WEB_DIR,
    limits: { body: config.http.bodyLimit, upload: config.http.uploadLimit },
  })
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: config.http.port, hostname: config.http.host }, () =>
      resolve(s),
    )
    s.once('error', (err: NodeJS.ErrnoException) => {
      const why =
        err.code === 'EADDRINUSE'
          ? `port ${config.http.port} on ${config.http.host} is in use (is Parley already running? set PARLEY_PORT to use another)`
          : err.message
      parley.close().finally(() => reject(new DomainError('CONFLICT', `Cannot serve: ${why}`)))
    })
  })
  // said once at start: the one setting under which a session cookie can travel unencrypted
  if (config.http.plainHttp)
    logger.warn(
      `Serving plain http (${config.http.plainHttp}): the session cookie is not Secure; use https for anything but local use`,
    )
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : config.http.port
  // a command refused the embedded data folder names this server's address
  parley.conn.announce?.(`http://${config.http.host}:${port}`)
  return {
    url: `http://${config.http.host}:${port}`,
    parley,
    close: async () => {
      stopCheckpoints()
      stopWeekly()
      parley.services.enquiryResearch.stop()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await parley.close()
    },
  }
}
