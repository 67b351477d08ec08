import { createRoute, OpenAPIHono } from '@hono/zod-openapi'
import { z } from 'zod'
import type { DisclosureLog } from '../audit/disclosure'
import type { Actor } from '../auth/actor'
import type { AppEnv } from '../http/env'
import { requirePermission } from '../http/env'
import { CONFLICT, IdParam, jsonBody, jsonOk, NOT_FOUND, PROBLEMS } from '../http/openapi'
import { withUploadedBytes } from '../http/upload'
import {
  CheckedOff,
  CounterRecorded,
  Exchange,
  ExchangeWithBreaches,
  ExchangeWithCounts,
  Handover,
  HandoverStarted,
  ListCounts,
  PlanView,
  Round,
} from './responses'
import { handoverSheetRoutes } from './routes-handover-sheet'
import { exchangeListRoutes } from './routes-lists'
import { CheckOff, CreateExchange, GiveAnnotation, TermsInput } from './schema'
import type { ExchangeService } from './service'

const FileQuery = z.object({ file_name: z.string().trim().max(255).default('list.csv') })
const FileBody = {
  content: {
    'text/csv': { schema: z.string() },
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.string() },
  },
  required: true,
}
const ERRORS = { ...PROBLEMS, ...NOT_FOUND, ...CONFLICT }
type RouteRequest = NonNullable<Parameters<typeof createRoute>[0]['request']>

export function exchangeRoutes(exchanges: ExchangeService, disclosures: DisclosureLog) {
  const app = new OpenAPIHono<AppEnv>()
  const route = <const R extends RouteRequest, S extends z.ZodType>(
    method: 'get' | 'post' | 'put',
    path: string,
    summary: string,
    answer: S,
    request?: R,
  ) =>
    createRoute({
      method,
      path,
      tags: ['exchanges'],
      summary,
      request: (request ?? {}) as R,
      responses: { 200: jsonOk(summary, answer), ...ERRORS },
    })

  // the handover checklist names each person crossing (name, date of birth): a disclosure
  const recordChecklist = (actor: Actor, id: string, rows: { ref: string; person: unknown }[]) => {
    const named = rows.filter((r) => r.person !== null).map((r) => r.ref)
    return disclosures.record(actor, {
      what: 'exchange.handover.read',
      entity: { type: 'exchange', id },
      count: named.length,
      ids: named,
    })
  }

  app.openapi(
    route('get', '/exchanges', 'Exchanges, newest first', z.object({ exchanges: z.array(Exchange) })),
    async (c) => {
      requirePermission(c.get('user'), 'exchanges.read')
      return c.json({ exchanges: await exchanges.listExchanges() }, 200)
    },
  )
  app.openapi(
    route('post', '/exchanges', 'Open an exchange: counterpart, mediator, venue, terms, stages', Exchange, {
      body: jsonBody(CreateExchange),
    }),
    async (c) => {
      const actor = requirePermission(c.get('user'), 'exchanges.write')
      return c.json(await exchanges.createExchange(actor, c.req.valid('json')), 200)
    },
  )
  app.openapi(
    route('get', '/exchanges/{id}', 'An exchange with its terms and counts', ExchangeWithCounts, {
      params: IdParam,
    }),
    async (c) => {
      requirePermission(c.get('user'), 'exchanges.read')
      return c.json(await exchanges.getExchange(c.req.valid('param').id), 200)
    },
  )
  app.openapi(
    route('put', '/exchanges/{id}/terms', 'Change the terms and stages (draft or proposed)', Exchange, {
      params: IdParam,
      body: jsonBody(z.object({ terms: TermsInput, stages: z.array(z.number().int().min(1)).optional() })),
    }),
    async (c) => {
      const actor = requirePermission(c.get('user'), 'exchanges.write')
      return c.json(await exchanges.updateTerms(actor, c.req.valid('param').id, c.req.valid('json')), 200)
    },
  )
  app.openapi(
    route(
      'post',
      '/exchanges/{id}/sought',
      'Replace the list of our persons the other side holds (file body)',
      ListCounts,
      {
        params: IdParam,
        query: FileQuery,
        body: FileBody,
      },
    ),
    async (c) => {
      const actor = requirePermission(c.get('user'), 'exchanges.write')
      const fileName = c.req.valid('query').file_name
      // streamed to disk within the upload limit first; an exchange's list is small enough to read whole
      const read = (bytes: Buffer) => exchanges.importSought(actor, c.req.valid('param').id, fileName, bytes)
      return c.json(await withUploadedBytes(c, fileName, read), 200)
    },
  )
  app.openapi(
    route(
      'post',
      '/exchanges/{id}/sought/from-missing',
      'Replace the list of ours they hold with the missing persons whose captivity is confirmed',
      ListCounts,
      { params: IdParam },
    ),
    async (c) => {
      const actor = requirePermission(c.get('user'), 'exchanges.write')
      return c.json(await exchanges.soughtFromRegister(actor, c.req.valid('param').id), 200)
    },
  )
  app.openapi(
    route(
      'post',
      '/exchanges/{id}/annotations',
      'Record consent, refusal, proceedings, requests and travel groups of persons we hold',
      z.object({ persons: z.number().int() }),
      {
        params: IdParam,
        body: jsonBody(z.array(GiveAnnotation).max(100_000)),
      },
    ),
    async (c) => {
      const actor = requirePermission(c.get('user'), 'exchanges.write')
      return c.json(await exchanges.annotateGive(actor, c.req.valid('param').id, c.req.valid('json')), 200)
    },
  )
  app.openapi(
    route(
      'post',
      '/exchanges/{id}/plan',
      'Plan with the current terms; save=true keeps it as the next round',
      PlanView,
      {
        params: IdParam,
        query: z.object({ save: z.enum(['true', 'false']).default('false') }),
      },
    ),
    async (c) => {
      const actor = requirePermission(c.get('user'), 'exchanges.write')
      const { id } = c.req.valid('param')
      const plan = await exchanges.plan(actor, id, { save: c.req.valid('query').save === 'true' })
      // names and dates of birth only of those the plan proposes (given and received), so the
      // negotiator can recognise them; everyone else of the pools is an id with a reason
      const shown = [...plan.give, ...plan.receive].map((p) => p.id).filter((ref) => ref in plan.people)
      const people = Object.fromEntries(shown.map((ref) => [ref, plan.people[ref]!]))
      await disclosures.record(actor, {
        what: 'exchange.plan.read',
        entity: { type: 'exchange', id },
        count: shown.length,
        ids: shown,
      })
      return c.json({ ...plan, people }, 200)
    },
  )
  app.openapi(
    route(
      'post',
      '/exchanges/{id}/counter',
      "Record the other side's counter-list (file body: side, surname, first_name, date_of_birth)",
      CounterRecorded,
      {
        params: IdParam,
        query: FileQuery,
        body: FileBody,
      },
    ),
    async (c) => {
      const actor = requirePermission(c.get('user'), 'exchanges.write')
      const fileName = c.req.valid('query').file_name
      const read = (bytes: Buffer) => exchanges.importCounter(actor, c.req.valid('param').id, fileName, bytes)
      return c.json(await withUploadedBytes(c, fileName, read), 200)
    },
  )
  app.openapi(
    route(
      'get',
      '/exchanges/{id}/rounds',
      'Every round with its difference from the one before',
      z.object({ rounds: z.array(Round) }),
      {
        params: IdParam,
      },
    ),
    async (c) => {
      requirePermission(c.get('user'), 'exchanges.read')
      return c.json({ rounds: await exchanges.rounds(c.req.valid('param').id) }, 200)
    },
  )
  for (const status of ['agreed', 'cancelled'] as const)
    app.openapi(
      route(
        'post',
        `/exchanges/{id}/${status === 'agreed' ? 'agree' : 'cancel'}`,
        `Mark the exchange ${status}`,
        ExchangeWithBreaches,
        { params: IdParam },
      ),
      async (c) => {
        const actor = requirePermission(c.get('user'), 'exchanges.write')
        return c.json(await exchanges.setStatus(actor, c.req.valid('param').id, status), 200)
      },
    )
  app.openapi(
    route('post', '/exchanges/{id}/handover', 'Start the handover from the agreed lists', HandoverStarted, {
      params: IdParam,
    }),
    async (c) => {
      const actor = requirePermission(c.get('user'), 'exchanges.write')
      const { id } = c.req.valid('param')
      const checklist = await exchanges.startHandover(actor, id)
      await recordChecklist(actor, id, checklist.rows)
      return c.json(checklist, 200)
    },
  )
  app.openapi(
    route('get', '/exchanges/{id}/handover', 'The handover checklist and its report', Handover, {
      params: IdParam,
    }),
    async (c) => {
      const actor = requirePermission(c.get('user'), 'exchanges.read')
      const { id } = c.req.valid('param')
      const checklist = await exchanges.handover(id)
      await recordChecklist(actor, id, checklist.rows)
      return c.json(checklist, 200)
    },
  )
  app.openapi(
    route(
      'post',
      '/exchanges/{id}/handover/check',
      'Check a person off: crossed, no-show, refused or substituted',
      CheckedOff,
      {
        params: IdParam,
        body: jsonBody(CheckOff),
      },
    ),
    async (c) => {
      const actor = requirePermission(c.get('user'), 'exchanges.write')
      return c.json(await exchanges.checkOff(actor, c.req.valid('param').id, c.req.valid('json')), 200)
    },
  )
  app.openapi(
    route(
      'post',
      '/exchanges/{id}/handover/complete',
      'Complete the handover: write each crossing into the histories',
      Handover,
      { params: IdParam },
    ),
    async (c) => {
      const actor = requirePermission(c.get('user'), 'exchanges.write')
      return c.json(await exchanges.complete(actor, c.req.valid('param').id), 200)
    },
  )
  app.route('/', handoverSheetRoutes(exchanges, disclosures))
  app.route('/', exchangeListRoutes(exchanges, disclosures))
  return app
}
