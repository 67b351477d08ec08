import createClient from 'openapi-fetch'
import type { components, paths } from './api-schema.gen'

/** One field's problem, as the API names it: `surname`, `persons.3.dateOfBirth`, `row 4.surname`. */
export type FieldIssue = { path: string; message: string }

/** An error answer of the API (application/problem+json), kept whole so forms can place each issue. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: FieldIssue[] = [],
    /** the problem's details, e.g. a refusal's reason as a code with parameters */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message)
  }
}

/** A shape the API documents under components/schemas (see api-schema.gen.ts, `npm run gen:api`). */
export type Schema<K extends keyof components['schemas']> = components['schemas'][K]

// biome-ignore lint/suspicious/noExplicitAny: the error answer is read field by field below
function apiError(status: number, data: any): ApiError {
  return new ApiError(
    status,
    data?.code ?? 'INTERNAL',
    data?.detail ?? data?.title ?? `The server answered ${status}`,
    Array.isArray(data?.issues) ? data.issues : [],
    data?.details ?? {},
  )
}

/**
 * The typed client: every path, parameter, body and answer is checked by tsc against the types
 * generated from the API's own OpenAPI document. Empty filter values are left out of the query,
 * as a form leaves an unset field out.
 */
export const http = createClient<paths>({
  baseUrl: '/api/v1',
  credentials: 'same-origin',
  querySerializer: (query) => queryString(query as Record<string, string>),
})

/** The answer of a typed call, or its ApiError thrown with the server's own message. */
export async function ok<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call
  if (!response.ok) throw apiError(response.status, error)
  return data as T
}

/** A typed call's query, leaving out empty values: an unset filter is no filter. */
function queryString(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v))
  return q.toString()
}
