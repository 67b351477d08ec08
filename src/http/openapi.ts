import '../core/plain-messages'
import { z } from 'zod'

const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number(),
    detail: z.string(),
    code: z
      .string()
      .describe(
        'VALIDATION, UNAUTHENTICATED, SECOND_FACTOR_REQUIRED, FORBIDDEN, NOT_FOUND, CONFLICT, INVALID_TRANSITION, RATE_LIMITED, INTERNAL',
      ),
    issues: z
      .array(z.object({ path: z.string(), message: z.string() }))
      .describe('One entry per offending field'),
    requestId: z.string(),
    details: z
      .record(z.string(), z.unknown())
      .optional()
      .describe('What a client may act on beyond the words, e.g. reason: { code, params } to translate'),
  })
  .meta({ id: 'Problem' })

/** The error answers every route can give, documented once. */
export const PROBLEMS = {
  400: {
    description: 'Invalid input; `issues` names each field',
    content: { 'application/problem+json': { schema: Problem } },
  },
  401: { description: 'Not signed in', content: { 'application/problem+json': { schema: Problem } } },
  403: {
    description: 'Role lacks the permission, or second factor pending',
    content: { 'application/problem+json': { schema: Problem } },
  },
} as const

export const NOT_FOUND = {
  404: { description: 'Not found', content: { 'application/problem+json': { schema: Problem } } },
} as const
export const CONFLICT = {
  409: {
    description: 'Conflicts with the current state',
    content: { 'application/problem+json': { schema: Problem } },
  },
} as const

/** A JSON body, documented from the same zod schema the service validates with. */
export function jsonBody<S extends z.ZodType>(schema: S) {
  return { content: { 'application/json': { schema } }, required: true }
}

/**
 * A JSON answer, documented from its zod schema. The schema's type is kept, so @hono/zod-openapi
 * checks at compile time that the handler's `c.json(x, status)` gives that shape, and the web app's
 * client types are generated from the same schema (npm run gen:api).
 */
export function jsonOk<S extends z.ZodType = Loose>(
  description: string,
  schema: S = z.looseObject({}) as unknown as S,
) {
  return { description, content: { 'application/json': { schema } } }
}
/** An answer not yet given a schema: test/api/docs.test.ts lists such routes as a failure. */
type Loose = z.ZodObject<Record<string, never>, z.core.$loose>

export const IdParam = z.object({ id: z.uuid().describe('Record id') })
