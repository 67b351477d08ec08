import { createRoute, OpenAPIHono } from '@hono/zod-openapi'
import { z } from 'zod'
import type { DisclosureLog } from '../audit/disclosure'
import { personViewOf, showPerson } from '../custody/present'
import type { AppEnv } from '../http/env'
import { requirePermission } from '../http/env'
import { jsonOk, PROBLEMS } from '../http/openapi'
import type { SearchService } from './service'

const SearchQuery = z.object({
  q: z.string().trim().min(1, 'type a name, a date of birth or a service number').max(300),
  limit: z.coerce.number().int().min(1).max(100).default(20),
})

const SearchHit = z
  .object({
    id: z.uuid(),
    registerNumber: z.number().int(),
    surname: z.string().optional(),
    firstNames: z.string().nullable().optional(),
    patronymic: z.string().nullable().optional(),
    latin: z.string().optional().describe('The name in Latin letters'),
    dateOfBirth: z.string().nullable().describe('The year only for a pseudonymised reader'),
    serviceNumber: z.string().nullable().optional(),
    status: z.string(),
    confirmation: z.string(),
    facilityId: z.uuid().nullable(),
    score: z.number(),
    matchedBy: z.enum(['service number', 'name key', 'similar spelling']),
    reasons: z.array(z.string()).optional().describe('Why it matched, in words'),
  })
  .meta({ id: 'SearchHit', description: 'A person found; fields the reader may not see are absent' })
const SearchAnswer = z.object({
  query: z.object({
    names: z.array(z.string()),
    dateOfBirth: z.string().optional(),
    serviceNumber: z.string().optional(),
  }),
  hits: z.array(SearchHit),
})

export function searchRoutes(search: SearchService, disclosures: DisclosureLog) {
  const app = new OpenAPIHono<AppEnv>()
  app.openapi(
    createRoute({
      method: 'get',
      path: '/search',
      tags: ['search'],
      summary: 'Find persons by name in any script, date of birth or service number, ranked, with why',
      request: { query: SearchQuery },
      responses: {
        200: jsonOk('The query as understood and the persons found, best first', SearchAnswer),
        ...PROBLEMS,
      },
    }),
    async (c) => {
      const actor = requirePermission(c.get('user'), 'persons.read')
      const { q, limit } = c.req.valid('query')
      const result = await search.searchPersons(q, limit)
      const view = personViewOf(actor.role)
      await disclosures.record(actor, {
        what: 'search.read',
        query: { q, limit },
        count: result.hits.length,
        ids: result.hits.map((h) => h.id),
        view,
      })
      return c.json({ ...result, hits: result.hits.map((h) => showPerson(h, view)) }, 200)
    },
  )
  return app
}
