import { type ErrorCode, isDomainError } from '../core/errors'

/** Exit codes by error code, so scripts can tell bad input (2) from a broken chain (3) from a crash (1). */
const EXIT: Record<ErrorCode, number> = {
  VALIDATION: 2,
  NOT_FOUND: 4,
  CONFLICT: 5,
  INVALID_TRANSITION: 5,
  UNAUTHENTICATED: 6,
  FORBIDDEN: 6,
  SECOND_FACTOR_REQUIRED: 6,
  RATE_LIMITED: 7,
  TOO_LARGE: 2,
  INTEGRITY: 3,
  INTERNAL: 1,
}

/** A command used wrongly (a missing argument, an unknown option): its usage is printed. */
export const EXIT_USAGE = 2

export function exitCodeFor(error: unknown): number {
  return isDomainError(error) ? EXIT[error.code] : 1
}

export function reportError(error: unknown): void {
  if (isDomainError(error)) {
    console.error(`error: ${error.message}`)
    // a lone issue that the message already states is not printed twice
    const [only] = error.issues
    if (error.issues.length === 1 && only && error.message.includes(only.message)) return
    for (const issue of error.issues.slice(0, 50))
      console.error(`  ${issue.path || '(record)'}: ${issue.message}`)
    if (error.issues.length > 50) console.error(`  … and ${error.issues.length - 50} more`)
  } else {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error))
  }
}
