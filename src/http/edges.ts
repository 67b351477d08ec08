import type { MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { DomainError, type FieldIssue, ValidationError } from '../core/errors'
import { unstorableReason, unstorableTextIssues } from '../core/storable-text'

/** The most a request body may weigh: JSON and forms, and files sent as the body (uploads). */
export type BodyLimits = { body: number; upload: number }

export const DEFAULT_BODY_LIMITS: BodyLimits = { body: 1024 * 1024, upload: 64 * 1024 * 1024 }

/** Content types that carry a file rather than a request document. */
const FILE_TYPES = new Set([
  'text/csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/x-ndjson',
  'application/jsonl',
  'application/octet-stream',
])

export function describeBytes(n: number): string {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MiB`
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`
  return `${n} bytes`
}

/**
 * Refuses a body over its limit with 413 naming the limit and the setting that raises it, before
 * the body is read whole (Content-Length when sent, otherwise counted while it streams).
 */
export function limitBodies(limits: BodyLimits): MiddlewareHandler {
  const make = (max: number, setting: string) =>
    bodyLimit({
      maxSize: max,
      onError: () => {
        throw new DomainError(
          'TOO_LARGE',
          `The request body is over the limit of ${describeBytes(max)} (${setting} on the server)`,
          { issues: [{ path: 'body', message: `larger than ${describeBytes(max)}` }] },
        )
      },
    })
  const forBody = make(limits.body, 'PARLEY_BODY_LIMIT')
  return (c, next) => {
    const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
    if (!FILE_TYPES.has(type)) return forBody(c, next)
    // A file is not buffered here (hono's bodyLimit holds a body without Content-Length whole):
    // a declared length over the limit is refused at once, and the upload routes stream the body
    // to disk counting its bytes against the same limit (src/http/upload.ts).
    const declared = Number.parseInt(c.req.header('content-length') ?? '', 10)
    if (declared > limits.upload) throw tooLarge(limits.upload)
    uploadLimits.set(c.req.raw, limits.upload)
    return next()
  }
}

/** The upload limit each request was given by limitBodies (PARLEY_UPLOAD_LIMIT). */
const uploadLimits = new WeakMap<Request, number>()

export function uploadLimitOf(request: Request): number | undefined {
  return uploadLimits.get(request)
}

export function tooLarge(limit: number) {
  return new DomainError(
    'TOO_LARGE',
    `The file is over the upload limit of ${describeBytes(limit)} (PARLEY_UPLOAD_LIMIT on the server)`,
    { issues: [{ path: 'body', message: `larger than ${describeBytes(limit)}` }] },
  )
}

/**
 * Refuses, as 400 naming the field, text PostgreSQL cannot store (NUL, a lone surrogate) in the
 * path, the query string and a JSON body: once here, for every route, so no route can forget it.
 * Files (CSV, XLSX) are checked by their readers, which name the row.
 */
export const refuseUnstorableText: MiddlewareHandler = async (c, next) => {
  const issues: FieldIssue[] = []
  const url = new URL(c.req.url)
  let pathText = url.pathname
  try {
    pathText = decodeURIComponent(url.pathname)
  } catch {
    // a malformed escape is left for the route to refuse
  }
  const pathWhy = unstorableReason(pathText)
  if (pathWhy) issues.push({ path: 'path', message: pathWhy })
  for (const [name, value] of url.searchParams) {
    const why = unstorableReason(name) ?? unstorableReason(value)
    if (why) issues.push({ path: name, message: why })
  }
  const type = (c.req.header('content-type') ?? '').toLowerCase()
  if (issues.length === 0 && type.includes('json') && !FILE_TYPES.has(type.split(';')[0]!.trim())) {
    const text = await c.req.text()
    let body: unknown
    try {
      body = text.trim() ? JSON.parse(text) : undefined
    } catch {
      body = undefined // not JSON: the route's validation says so
    }
    issues.push(...unstorableTextIssues(body))
  }
  if (issues.length > 0) throw new ValidationError(issues)
  await next()
}
