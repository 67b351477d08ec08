/**
 * Error codes the domain speaks. Only `http/` maps them to statuses and `cli/` to exit codes,
 * so the same rule reads the same way from every entry point.
 */
export const ERROR_CODES = [
  'VALIDATION',
  'NOT_FOUND',
  'CONFLICT',
  'INVALID_TRANSITION',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'SECOND_FACTOR_REQUIRED',
  'RATE_LIMITED',
  'TOO_LARGE',
  'INTEGRITY',
  'INTERNAL',
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

/** One problem with one field; `path` is the field path as the user submitted it, e.g. `persons.3.dateOfBirth`. */
export type FieldIssue = { path: string; message: string }

export class DomainError extends Error {
  readonly code: ErrorCode
  readonly issues: FieldIssue[]
  readonly details: Record<string, unknown> | undefined

  constructor(
    code: ErrorCode,
    message: string,
    opts: { issues?: FieldIssue[]; details?: Record<string, unknown> } = {},
  ) {
    super(message)
    this.name = 'DomainError'
    this.code = code
    this.issues = opts.issues ?? []
    this.details = opts.details
  }
}

/** A rejected input: carries every offending field with a message a registrar can act on. */
export class ValidationError extends DomainError {
  constructor(issues: FieldIssue[], message?: string) {
    super(
      'VALIDATION',
      message ?? issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; '),
      {
        issues,
      },
    )
    this.name = 'ValidationError'
  }
}

export function notFound(what: string, id: string): DomainError {
  return new DomainError('NOT_FOUND', `${what} ${id} was not found`)
}

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError
}
