import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { serve } from '@hono/node-server'
import pino from 'pino'
import { openParley, type Parley } from '../app/container'
import { startAuditCheckpoints } from '../audit/schedule'
import type { Config } from '../core/config'
import { DomainError } from '../core/errors'
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
  // a job left running by a server that stopped will not finish: say so, so it can be started again
  const interrupted = await parley.services.linkageJobs.failUnfinished()
  if (interrupted > 0)
    logger.warn({ interrupted }, 'linkage jobs interrupted by the last stop were marked failed')
  // a caller that brings its own Parley (tests) brings its own database: anchoring the default data
  // folder's checkpoints to it would mix two chains
  const stopCheckpoints = opts.parley
    ? () => {}
    : await startAuditCheckpoints(parley.services.audit, config.audit, logger)
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
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await parley.close()
    },
  }
}
