import { createRoute, OpenAPIHono } from '@hono/zod-openapi'
import { z } from 'zod'
import type { DisclosureLog } from '../audit/disclosure'
import type { AppEnv } from '../http/env'
import { requirePermission } from '../http/env'
import { CONFLICT, jsonBody, jsonOk, NOT_FOUND, PROBLEMS } from '../http/openapi'
import { AgreementBreached } from './agreement/service'
import {
  Agreement,
  Duplicates,
  ExchangeWithBreaches,
  Pairing,
  ReceivedList,
  RoundDifference,
} from './responses'
import type { ExchangeService } from './service'

const ERRORS = { ...PROBLEMS, ...NOT_FOUND, ...CONFLICT }
const Id = z.object({ id: z.uuid() })
const IdRound = z.object({ id: z.uuid(), n: z.coerce.number().int().min(1).max(100_000) })
const IdGroup = z.object({ id: z.uuid(), key: z.string().min(1).max(200) })
const Side = z.enum(['give', 'receive'])
const Reason = z.object({ reason: z.string().trim().max(2000).optional() })
type RouteRequest = NonNullable<Parameters<typeof createRoute>[0]['request']>

/**
 * Received lists (rows as received, flags, suspected duplicates and decisions), the difference of
 * a round by name with the operator's pairings, and the agreement checked against the terms.
 */
export function exchangeListRoutes(exchanges: ExchangeService, disclosures: DisclosureLog) {
  const app = new OpenAPIHono<AppEnv>()
  const route = <const R extends RouteRequest, S extends z.ZodType>(
    method: 'get' | 'post',
    path: string,
    summary: string,
    answer: S,
    request: R,
  ) =>
    createRoute({
      method,
      path,
      tags: ['exchanges'],
      summary,
      request,
      responses: { 200: jsonOk(summary, answer), ...ERRORS },
    })
  // the rows of a received list name persons (name, date of birth): a disclosure, as the plan is
  const disclose = (actor: Parameters<DisclosureLog['record']>[0], id: string, what: string, ids: string[]) =>
    disclosures.record(actor, { what, entity: { type: 'exchange', id }, count: ids.length, ids })

  app.openapi(
    route(
      'get',
      '/exchanges/{id}/received',
      'The list of ours they hold, as received: rows, flags, counts',
      ReceivedList,
      {
        params: Id,
      },
    ),
    async (c) => {
      const actor = requirePermission(c.get('user'), 'exchanges.read')
      const { id } = c.req.valid('param')
      const r = await exchanges.received(id)
      await disclose(
        actor,
        id,
        'exchange.received.read',
        r.rows.map((x) => x.ref),
      )
      return c.json(r, 200)
    },
  )
  app.openapi(
    route(
      'get',
      '/exchanges/{id}/received/duplicates',
      'Rows suspected to be one person, with evidence',
      Duplicates,
      {
        params: Id,
      },
    ),
    async (c) => {
      const actor = requirePermission(c.get('user'), 'exchanges.read')
      const { id } = c.req.valid('param')
      const r = await exchanges.duplicates(id)
      await disclose(
        actor,
        id,
        'exchange.duplicates.read',
        r.groups.flatMap((g) => g.rows.map((x) => x.ref)),
      )
      return c.json(r, 200)
    },
  )
  app.openapi(
    route(
      'post',
      '/exchanges/{id}/received/duplicates/{key}',
      'Decide a group: merge (keep one) or keep both',
      Duplicates,
      {
        params: IdGroup,
        body: jsonBody(
          z.object({ decision: z.enum(['merge', 'keep_both']), keep: z.string().min(1).max(200).optional() }),
        ),
      },
    ),
    async (c) => {
      const actor = requirePermission(c.get('user'), 'exchanges.write')
      const { id, key } = c.req.valid('param')
      return c.json(await exchanges.decide(actor, id, key, c.req.valid('json')), 200)
    },
  )
  app.openapi(
    route(
      'get',
      '/exchanges/{id}/rounds/{n}/difference',
      'What round n changed, by name, with unmatched rows',
      RoundDifference,
      {
        params: IdRound,
      },
    ),
    async (c) => {
      const actor = requirePermission(c.get('user'), 'exchanges.read')
      const { id, n } = c.req.valid('param')
      const d = await exchanges.roundDifference(id, n)
      const named = (['give', 'receive'] as const).flatMap((s) => [
        ...d.difference[s].added.map((x) => x.ref),
        ...d.difference[s].removed.map((x) => x.ref),
        ...d.difference[s].substituted.flatMap((x) => [x.out.ref, x.in.ref]),
      ])
      await disclose(actor, id, 'exchange.difference.read', [...new Set(named)])
      return c.json(d, 200)
    },
  )
  app.openapi(
    route(
      'post',
      '/exchanges/{id}/rounds/{n}/pairings',
      'Pair a substitution: out (removed) replaced by in (added)',
      z.object({ paired: Pairing }),
      {
        params: IdRound,
        body: jsonBody(
          z.object({ side: Side, out: z.string().min(1).max(200), in: z.string().min(1).max(200) }),
        ),
      },
    ),
    async (c) => {
      const actor = requirePermission(c.get('user'), 'exchanges.write')
      const { id, n } = c.req.valid('param')
      return c.json(await exchanges.pair(actor, id, { round: n, ...c.req.valid('json') }), 200)
    },
  )
  app.openapi(
    route(
      'post',
      '/exchanges/{id}/rounds/{n}/pairings/remove',
      'Undo a pairing',
      z.object({ unpaired: Pairing.omit({ in: true }) }),
      {
        params: IdRound,
        body: jsonBody(z.object({ side: Side, out: z.string().min(1).max(200) })),
      },
    ),
    async (c) => {
      const actor = requirePermission(c.get('user'), 'exchanges.write')
      const { id, n } = c.req.valid('param')
      return c.json(await exchanges.unpair(actor, id, { round: n, ...c.req.valid('json') }), 200)
    },
  )
  app.openapi(
    route(
      'get',
      '/exchanges/{id}/agreement',
      'The last round checked against the terms: breaches as codes',
      Agreement,
      {
        params: Id,
      },
    ),
    async (c) => {
      requirePermission(c.get('user'), 'exchanges.read')
      return c.json(await exchanges.agreement(c.req.valid('param').id), 200)
    },
  )
  app.openapi(
    route(
      'post',
      '/exchanges/{id}/agreement',
      'Agree; with breaches, only with a reason (409 lists them)',
      ExchangeWithBreaches,
      {
        params: Id,
        body: jsonBody(Reason),
      },
    ),
    async (c) => {
      const actor = requirePermission(c.get('user'), 'exchanges.write')
      try {
        return c.json(
          await exchanges.setStatus(actor, c.req.valid('param').id, 'agreed', c.req.valid('json')),
          200,
        )
      } catch (err) {
        if (!(err instanceof AgreementBreached)) throw err
        const body = {
          type: 'about:blank',
          title: 'The lists breach the terms',
          status: 409,
          detail: err.message,
          code: err.code,
          issues: err.issues,
          requestId: String(c.get('requestId' as never) ?? 'unknown'),
          breaches: err.breaches,
        }
        return c.json(body as never, 409) as never
      }
    },
  )
  app.openapi(
    route(
      'post',
      '/exchanges/{id}/reopen',
      'Back from agreed to proposed, keeping notes and rounds',
      ExchangeWithBreaches,
      {
        params: Id,
        body: jsonBody(Reason),
      },
    ),
    async (c) => {
      const actor = requirePermission(c.get('user'), 'exchanges.write')
      return c.json(
        await exchanges.setStatus(actor, c.req.valid('param').id, 'proposed', c.req.valid('json')),
        200,
      )
    },
  )
  return app
}
