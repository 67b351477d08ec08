import { createRoute, OpenAPIHono } from '@hono/zod-openapi'
import { z } from 'zod'
import type { AppEnv } from '../http/env'
import { requirePermission } from '../http/env'
import { jsonOk, PROBLEMS } from '../http/openapi'
import type { SearchService } from './service'

const SearchQuery = z.object({
  q: z.string().trim().min(1, 'type a name, a date of birth or a service number').max(300),
  limit: z.coerce.number().int().min(1).max(100).default(20),
})

export function searchRoutes(search: SearchService) {
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
      requirePermission(c.get('user'), 'persons.read')
      const { q, limit } = c.req.valid('query')
      return c.json(await search.searchPersons(q, limit), 200)
    },
  )
  return app
}
