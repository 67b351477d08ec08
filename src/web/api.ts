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

type Body = Record<string, unknown> | unknown[]

/** Calls the Parley API with the session cookie; throws ApiError with the server's own message. */
export async function api<T>(method: string, path: string, body?: Body): Promise<T> {
  const res = await fetch(`/api/v1${path}`, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  if (res.status === 204) return undefined as T
  const data = await res.json().catch(() => null)
  if (!res.ok) {
    throw new ApiError(
      res.status,
      data?.code ?? 'INTERNAL',
      data?.detail ?? data?.title ?? `The server answered ${res.status}`,
      Array.isArray(data?.issues) ? data.issues : [],
      data?.details ?? {},
    )
  }
  return data as T
}

/** Query string from an object, leaving out empty values. */
export function queryString(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v))
  const s = q.toString()
  return s ? `?${s}` : ''
}
