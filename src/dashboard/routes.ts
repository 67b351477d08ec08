import { createRoute, OpenAPIHono } from '@hono/zod-openapi'
import { z } from 'zod'
import { ValidationError } from '../core/errors'
import type { AppEnv } from '../http/env'
import { requirePermission } from '../http/env'
import { jsonOk, PROBLEMS } from '../http/openapi'
import { Dashboard } from './model'
import type { DashboardService } from './service'

/** A whole calendar day: a range of partial dates would have no edge to cut at. */
const Day = z.iso.date({ error: 'must be a date YYYY-MM-DD' })

const DashboardOut = Dashboard.extend({
  cached: z.boolean().describe('Whether this answer was kept from an earlier computation'),
})

/**
 * GET /dashboard: every figure the first page shows, for other tools too. Aggregates only (no
 * person is named), so reading them is not a disclosure and is not written to the audit trail.
 */
export function dashboardRoutes(dashboard: DashboardService) {
  const app = new OpenAPIHono<AppEnv>()
  app.openapi(
    createRoute({
      method: 'get',
      path: '/dashboard',
      tags: ['dashboard'],
      summary:
        'The overview: held now by status, category, facility, health, sex and time held; registrations per week; the exchange fund by priority; our missing people by month; notices overdue; exchanges; reported figures beside ours',
      request: {
        query: z.object({
          fresh: z
            .enum(['true', 'false'])
            .optional()
            .describe('true: compute again now instead of the kept answer'),
          from: Day.optional().describe('First day of the figures over time (YYYY-MM-DD, included)'),
          to: Day.optional().describe('Last day of the figures over time (YYYY-MM-DD, included)'),
        }),
      },
      responses: { 200: jsonOk('The figures, with when they were computed', DashboardOut), ...PROBLEMS },
    }),
    async (c) => {
      requirePermission(c.get('user'), 'dashboard.read')
      const { fresh, from, to } = c.req.valid('query')
      if (from && to && from > to)
        throw new ValidationError([{ path: 'from', message: `from ${from} is after to ${to}` }])
      return c.json(await dashboard.figures({ fresh: fresh === 'true', range: { from, to } }), 200)
    },
  )
  return app
}
