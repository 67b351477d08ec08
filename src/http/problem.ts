import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { type ErrorCode, isDomainError } from '../core/errors'

/** The one table from domain error codes to HTTP statuses. */
const STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  SECOND_FACTOR_REQUIRED: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_TRANSITION: 409,
  RATE_LIMITED: 429,
  TOO_LARGE: 413,
  // The audit chain or its checkpoints do not hold: the request is refused for the state of the data
  // (still logged), not failed by a fault; the message names the entry.
  INTEGRITY: 409,
  INTERNAL: 500,
}

const TITLE: Record<ErrorCode, string> = {
  VALIDATION: 'The request has invalid fields',
  UNAUTHENTICATED: 'Sign in first',
  SECOND_FACTOR_REQUIRED: 'A second factor is required',
  FORBIDDEN: 'Your role does not allow this',
  NOT_FOUND: 'Not found',
  CONFLICT: 'Conflicting change',
  INVALID_TRANSITION: 'This cannot happen now',
  RATE_LIMITED: 'Too many attempts; wait and try again',
  TOO_LARGE: 'Too large',
  INTEGRITY: 'Integrity check failed',
  INTERNAL: 'Internal error',
}

export type ProblemBody = {
  type: string
  title: string
  status: number
  detail: string
  code: ErrorCode
  issues: { path: string; message: string }[]
  requestId: string
  /** what a client may act on beyond the words, e.g. `reason: { code, params }` to translate */
  details?: Record<string, unknown>
}

/** PostgreSQL's refusal of text it cannot encode (22021 invalid byte sequence, 22P05 untranslatable). */
function isUnstorableTextError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return code === '22021' || code === '22P05'
}

/**
 * Renders any thrown error as application/problem+json (RFC 9457). Internal errors never show their
 * message: it may hold SQL or personal data; the request id links the response to the server log.
 */
export function problemResponse(c: Context, error: unknown, log: (err: unknown, requestId: string) => void) {
  const requestId = (c.get('requestId') as string | undefined) ?? 'unknown'
  let code: ErrorCode = 'INTERNAL'
  let detail: string = TITLE.INTERNAL
  let issues: ProblemBody['issues'] = []
  if (isDomainError(error)) {
    code = error.code
    detail = error.message
    issues = error.issues
    if (code === 'INTERNAL' || code === 'INTEGRITY') log(error, requestId)
  } else if (error instanceof HTTPException && error.status < 500) {
    code =
      error.status === 401
        ? 'UNAUTHENTICATED'
        : error.status === 403
          ? 'FORBIDDEN'
          : error.status === 429
            ? 'RATE_LIMITED'
            : 'VALIDATION'
    detail =
      error.message ||
      (code === 'FORBIDDEN' ? 'Cross-site request refused (its Origin is not this server)' : TITLE[code])
  } else if (isUnstorableTextError(error)) {
    // a defence behind refuseUnstorableText: text the database refused is the user's input, not a crash
    log(error, requestId)
    code = 'VALIDATION'
    detail = 'The request holds text that cannot be stored (a NUL character or half of a character)'
  } else {
    log(error, requestId)
  }
  if (code === 'INTERNAL')
    detail = `${detail === TITLE.INTERNAL ? 'An internal error occurred' : detail}. It is logged on the server as request ${requestId}: try again, and if it happens again, give this request id to your administrator.`
  const status = STATUS[code]
  const body: ProblemBody = {
    type: `https://parley.invalid/problems/${code.toLowerCase()}`,
    title: TITLE[code],
    status,
    detail,
    code,
    issues,
    requestId,
  }
  if (isDomainError(error) && error.details && code !== 'INTERNAL') body.details = error.details
  return c.json(body, status, { 'content-type': 'application/problem+json' })
}
