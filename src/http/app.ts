import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { serveStatic } from '@hono/node-server/serve-static'
import { OpenAPIHono } from '@hono/zod-openapi'
import { requestId } from 'hono/request-id'
import { secureHeaders } from 'hono/secure-headers'
import { sql } from 'kysely'
import type { Logger } from 'pino'
import type { Services } from '../app/container'
import { createDisclosureLog } from '../audit/disclosure'
import { auditRoutes } from '../audit/routes'
import * as auditStore from '../audit/store'
import type { Auth } from '../auth/auth'
import { clientIp } from '../auth/client-ip'
import { sessionRoutes } from '../auth/routes'
import { type Clock, systemClock } from '../core/clock'
import { DomainError, ValidationError } from '../core/errors'
import { custodyRoutes } from '../custody/routes'
import { dashboardRoutes } from '../dashboard/routes'
import type { Connection } from '../db/connection'
import { enquiryRoutes } from '../enquiries/routes'
import { exchangeRoutes } from '../exchange/routes'
import { exchangeDocumentRoutes } from '../exchange/routes-documents'
import { exportRoutes } from '../exports/routes'
import { jobRoutes } from '../jobs/routes'
import { linkageRoutes } from '../linkage/routes'
import { listRoutes } from '../lists/routes'
import { missingRoutes } from '../missing/routes'
import { noticeRoutes } from '../notices/routes'
import { reconciliationRoutes } from '../reconciliation/routes'
import { reportedRoutes } from '../reported/routes'
import { reportRoutes } from '../reports/routes'
import { searchRoutes } from '../search/routes'
import { apiDocsRoutes } from './api-docs'
import { CONTENT_SECURITY_POLICY, noStore, sameOriginOnly } from './browser-guard'
import { type BodyLimits, DEFAULT_BODY_LIMITS, limitBodies, refuseUnstorableText } from './edges'
import type { AppEnv } from './env'
import { problemResponse } from './problem'

export type HttpDeps = {
  conn: Connection
  auth: Auth
  services: Services
  logger: Logger
  baseUrl: string
  /** Folder of the built web app (dist/web); the API works without it. */
  webDir?: string
  /** Request body limits (PARLEY_BODY_LIMIT, PARLEY_UPLOAD_LIMIT); 413 above them. */
  limits?: BodyLimits
  /** The time written into audit entries of reads (the services' clock in tests). */
  clock?: Clock
}

/** Turns zod's complaints about a request into a ValidationError naming each field. */
const defaultHook = (result: {
  success: boolean
  error?: { issues: { path: PropertyKey[]; message: string }[] }
}) => {
  if (!result.success && result.error) {
    throw new ValidationError(
      result.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
    )
  }
}

/** The whole HTTP surface: /api/v1 (JSON), /api/openapi.json (OpenAPI 3.1), /api/docs (its reference) and the web app. */
export function createHttpApp({ conn, auth, services, logger, baseUrl, webDir, clock, limits }: HttpDeps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook })
  const logError = (err: unknown, reqId: string) => logger.error({ err, requestId: reqId }, 'request failed')

  app.use('*', requestId())
  app.use(
    '*',
    secureHeaders({ crossOriginEmbedderPolicy: false, contentSecurityPolicy: CONTENT_SECURITY_POLICY }),
  )
  app.use('/api/*', noStore)
  app.use(
    '/api/*',
    sameOriginOnly((own) => [own, new URL(baseUrl).origin]),
  )
  app.use('/api/*', async (c, next) => {
    const started = performance.now()
    await next()
    // Method, path and status only: query strings can hold names, which stay out of the log.
    logger.info(
      {
        requestId: c.get('requestId'),
        method: c.req.method,
        path: c.req.routePath,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
        // who and from where, for tracing a security event (usernames are staff, not persons held)
        user: c.get('user')?.username ?? null,
        address: clientIp(c),
      },
      'request',
    )
  })
  app.use('/api/v1/*', async (c, next) => {
    c.set('user', await services.accounts.sessionUserOf(c.req.raw.headers))
    await next()
  })
  app.onError((err, c) => problemResponse(c, err, logError))
  // every route: bodies within their limit, and no text the database cannot store
  app.use('/api/*', limitBodies(limits ?? DEFAULT_BODY_LIMITS))
  app.use('/api/*', refuseUnstorableText)

  const api = new OpenAPIHono<AppEnv>({ defaultHook })
  api.get('/health', async (c) => {
    await sql`select 1`.execute(conn.db)
    return c.json({ status: 'ok', database: conn.kind })
  })
  api.route(
    '/',
    sessionRoutes({
      auth: auth,
      users: services.users,
      settings: services.settings,
      accounts: services.accounts,
      baseUrl,
    }),
  )
  // every read of personal data is written to the audit chain through this one log
  const disclosures = createDisclosureLog({ db: conn.db, audit: auditStore, clock: clock ?? systemClock })
  api.route('/', custodyRoutes(services.custody, disclosures))
  api.route('/', auditRoutes(services.audit, disclosures))
  api.route('/', searchRoutes(services.search, disclosures))
  api.route('/', listRoutes(services.lists, disclosures))
  api.route('/', linkageRoutes(services.linkageJobs, disclosures))
  api.route('/', jobRoutes(services.jobs))
  api.route('/', exchangeRoutes(services.exchanges, disclosures))
  api.route('/', missingRoutes(services.missing, services.missingImport, disclosures))
  api.route('/', enquiryRoutes(services.enquiries, services.audit, disclosures))
  api.route('/', exchangeDocumentRoutes(services.exchangeDocuments, disclosures))
  api.route('/', noticeRoutes(services.notices, disclosures))
  api.route('/', reconciliationRoutes(services.reconciliation, disclosures))
  api.route('/', dashboardRoutes(services.dashboard))
  api.route('/', reportedRoutes(services.reported))
  api.route('/', exportRoutes(services.exports))
  api.route('/', reportRoutes(services.reports))
  app.route('/api/v1', api)

  const openApi = {
    openapi: '3.1.0',
    info: {
      title: 'Parley API',
      version: '1',
      description:
        'Custody register, audit and session of Parley. Errors are application/problem+json with the offending fields in `issues`.',
    },
    servers: [{ url: '/api/v1' }],
  }
  api.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: 'parley.session_token',
  })
  // the document at /api/openapi.json, a browsable reference at /api/docs
  apiDocsRoutes(app, () => api.getOpenAPI31Document(openApi))
  app.all('/api/*', (c) =>
    problemResponse(c, new DomainError('NOT_FOUND', `No API route ${c.req.method} ${c.req.path}`), logError),
  )

  if (webDir && existsSync(path.join(webDir, 'index.html'))) {
    const root = path.relative(process.cwd(), webDir) || '.'
    const index = readFileSync(path.join(webDir, 'index.html'), 'utf8')
    app.use('/assets/*', serveStatic({ root }))
    app.use('*', serveStatic({ root }))
    // Client-side routes (/persons/123) all load the same page.
    app.get('*', (c) => c.html(index))
  } else {
    app.get('/', (c) =>
      c.text('Parley API is running. The web app is not built: run `npm run build:web` (npm start does it).'),
    )
  }
  return app
}
