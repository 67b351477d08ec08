import { createRoute, OpenAPIHono } from '@hono/zod-openapi'
import { z } from 'zod'
import type { DisclosureLog } from '../audit/disclosure'
import type { AppEnv } from '../http/env'
import { requirePermission } from '../http/env'
import { CONFLICT, IdParam, jsonOk, NOT_FOUND, PROBLEMS } from '../http/openapi'
import { HandoverSheet, SubstituteCandidates } from './responses'
import type { ExchangeService } from './service'

const ERRORS = { ...PROBLEMS, ...NOT_FOUND, ...CONFLICT }

/** The tablet's reads of the handover: the named sheet and the search for a substitute. */
export function handoverSheetRoutes(exchanges: ExchangeService, disclosures: DisclosureLog) {
  const app = new OpenAPIHono<AppEnv>()
  app.openapi(
    createRoute({
      method: 'get',
      path: '/exchanges/{id}/handover/sheet',
      tags: ['exchanges'],
      summary: 'The handover checklist for the tablet: names, service numbers, the wounded, name keys',
      request: { params: IdParam },
      responses: { 200: jsonOk('The handover sheet', HandoverSheet), ...ERRORS },
    }),
    async (c) => {
      const actor = requirePermission(c.get('user'), 'exchanges.read')
      const { id } = c.req.valid('param')
      const sheet = await exchanges.handoverSheet(id)
      const named = sheet.rows.filter((r) => r.person !== null).map((r) => r.ref)
      await disclosures.record(actor, {
        what: 'exchange.handover.read',
        entity: { type: 'exchange', id },
        count: named.length,
        ids: named,
      })
      return c.json(sheet, 200)
    },
  )
  app.openapi(
    createRoute({
      method: 'get',
      path: '/exchanges/{id}/handover/substitutes',
      tags: ['exchanges'],
      summary: 'Persons who may cross instead, by name in any alphabet or service number',
      request: {
        params: IdParam,
        query: z.object({
          side: z.enum(['give', 'receive']),
          q: z.string().trim().min(2, 'type at least two letters').max(200),
        }),
      },
      responses: { 200: jsonOk('Substitute candidates', SubstituteCandidates), ...ERRORS },
    }),
    async (c) => {
      const actor = requirePermission(c.get('user'), 'exchanges.read')
      const { id } = c.req.valid('param')
      const { side, q } = c.req.valid('query')
      const found = await exchanges.substituteCandidates(id, side, q)
      await disclosures.record(actor, {
        what: 'exchange.handover.substitutes',
        entity: { type: 'exchange', id },
        query: { side, q },
        count: found.candidates.length,
        ids: found.candidates.map((p) => p.ref),
      })
      return c.json(found, 200)
    },
  )
  return app
}
