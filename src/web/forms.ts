import { useState } from 'react'
import type { ZodType } from 'zod'
import { ApiError, type FieldIssue } from './api'

/** Field errors keyed by the API's field path (`surname`, `persons.2.dateOfBirth`, `nextOfKin.name`). */
export type FieldErrors = Record<string, string>

export function errorsFrom(issues: FieldIssue[]): FieldErrors {
  const out: FieldErrors = {}
  for (const i of issues) out[i.path] ??= i.message
  return out
}

/**
 * Form state shared by every form: the same zod schema as the server checks the values first, so a
 * registrar sees the message beside the field at once; the server's answer is placed the same way.
 */
export function useFormErrors() {
  const [errors, setErrors] = useState<FieldErrors>({})
  const [formError, setFormError] = useState<string | null>(null)

  /** @returns the parsed value, or undefined after showing the issues */
  function check<T>(schema: ZodType<T>, values: unknown): T | undefined {
    const parsed = schema.safeParse(values)
    if (parsed.success) {
      setErrors({})
      setFormError(null)
      return parsed.data
    }
    setErrors(errorsFrom(parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))))
    setFormError(null)
    return undefined
  }

  function fail(error: unknown) {
    if (error instanceof ApiError) {
      setErrors(errorsFrom(error.issues))
      setFormError(error.message)
    } else {
      setFormError(error instanceof Error ? error.message : String(error))
    }
  }

  function clear() {
    setErrors({})
    setFormError(null)
  }

  return { errors, formError, check, fail, clear }
}

/** Drops empty strings so optional fields left blank are sent as absent, not as ''. */
export function withoutBlanks<T extends Record<string, unknown>>(values: T): Partial<T> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(values)) {
    if (v === '' || v === undefined || v === null) continue
    if (typeof v === 'object' && !Array.isArray(v)) {
      const inner = withoutBlanks(v as Record<string, unknown>)
      if (Object.keys(inner).length > 0) out[k] = inner
    } else out[k] = v
  }
  return out as Partial<T>
}
