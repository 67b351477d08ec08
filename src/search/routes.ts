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

export function searchRoutes(search: SearchService, disclosures: DisclosureLog) {
  const app = new OpenAPIHono<AppEnv>()
  app.openapi(
    createRoute({
      method: 'get',
      path: '/search',
      tags: ['search'],
      summary: 'Find persons by name in any script, date of birth or service number, ranked, with why',
      request: { query: SearchQuery },
      responses: { 200: jsonOk('{ query, hits }'), ...PROBLEMS },
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
