import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript'
import pino from 'pino'
import { createHttpApp, type HttpDeps } from '../src/http/app'

/** Where the web app's API types live (`npm run gen:api` writes it; a test fails when it is stale). */
export const API_SCHEMA_FILE = new URL('../src/web/api-schema.gen.ts', import.meta.url)

/**
 * The OpenAPI document exactly as /api/openapi.json serves it, built in process: the route
 * factories only keep their services for the handlers, and no handler runs here, so a stand-in
 * for every dependency will do (no database, no server).
 */
export async function openApiDocument(): Promise<Record<string, unknown>> {
  const standIn: unknown = new Proxy(() => standIn, { get: () => standIn })
  const deps = standIn as HttpDeps
  const app = createHttpApp({
    conn: deps.conn,
    auth: deps.auth,
    services: deps.services,
    logger: pino({ level: 'silent' }),
    baseUrl: 'http://localhost:4280',
  })
  const res = await app.request('/api/openapi.json')
  if (!res.ok) throw new Error(`the OpenAPI document answered ${res.status}`)
  return (await res.json()) as Record<string, unknown>
}

/** The TypeScript source of src/web/api-schema.gen.ts: `paths` and `components` of the API. */
export async function apiSchemaSource(): Promise<string> {
  // biome-ignore lint/suspicious/noExplicitAny: openapi-typescript takes its own OpenAPI3 type; ours is the served JSON
  const ast = await openapiTS((await openApiDocument()) as any, { silent: true })
  return `${COMMENT_HEADER.replace('openapi-typescript.', 'openapi-typescript (npm run gen:api).')}${astToString(ast)}`
}
