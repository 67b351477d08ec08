import type { z } from 'zod'
import { ValidationError } from './errors'
import './plain-messages'

/**
 * Parses `input` with `schema`, turning zod's issues into a `ValidationError` that names each field.
 * `prefix` places the fields inside a larger document (a CSV row, an array element).
 * @throws ValidationError (code VALIDATION)
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, prefix = ''): z.output<S> {
  const result = schema.safeParse(input)
  if (result.success) return result.data
  throw new ValidationError(
    result.error.issues.map((issue) => ({
      path: [prefix, ...issue.path.map(String)].filter(Boolean).join('.'),
      message: issue.message,
    })),
  )
}
