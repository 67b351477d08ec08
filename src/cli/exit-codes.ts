import { type ErrorCode, type FieldIssue, isDomainError } from '../core/errors'
import { fieldWords } from './field-words'

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

/** A file the operator named that cannot be read is bad input (2), said in a line, not a stack. */
const FILE_ERRORS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'not allowed to read or write it',
  EPERM: 'not allowed to read or write it',
  EISDIR: 'is a folder, not a file',
  ENOTDIR: 'a part of the path is not a folder',
}

function fileProblem(error: unknown): string | undefined {
  const e = error as { code?: unknown; path?: unknown }
  if (typeof e?.code !== 'string' || typeof e.path !== 'string') return undefined
  const what = FILE_ERRORS[e.code]
  return what && `${e.path}: ${what}`
}

export function exitCodeFor(error: unknown): number {
  if (isDomainError(error)) return EXIT[error.code]
  return fileProblem(error) ? 2 : 1
}

const line = (issue: FieldIssue) =>
  issue.path ? `${fieldWords(issue.path)}: ${issue.message}` : issue.message

/** Prints an error on stderr, one line each (a rejected file: one more line per row and field). */
export function reportError(error: unknown): void {
  if (isDomainError(error)) {
    // ValidationError's own message repeats its issues with the paths as the code spells them
    const generated = error.issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')
    const message =
      error.issues.length > 0 && error.message === generated
        ? error.issues.map(line).join('; ')
        : error.message
    console.error(`error: ${oneLine(message)}`)
    // issues the message already states are not printed twice
    const [only] = error.issues
    if (!only || (error.issues.length === 1 && message.includes(only.message))) return
    if (message === error.issues.map(line).join('; ')) return
    for (const issue of error.issues.slice(0, 50)) console.error(`  ${oneLine(line(issue))}`)
    if (error.issues.length > 50) console.error(`  … and ${error.issues.length - 50} more`)
    return
  }
  const file = fileProblem(error)
  if (file) return void console.error(`error: ${file}`)
  console.error(`error: ${oneLine(error instanceof Error ? error.message : String(error))}`)
  // the stack is for whoever debugs Parley, not for the operator
  if (process.env.PARLEY_DEBUG && error instanceof Error && error.stack) console.error(error.stack)
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim()
}
