import { createRoute, OpenAPIHono } from '@hono/zod-openapi'
import { z } from 'zod'
import type { DisclosureLog } from '../audit/disclosure'
import { can } from '../auth/roles'
import type { AppEnv, SessionUser } from '../http/env'
import { requirePermission } from '../http/env'
import { CONFLICT, IdParam, jsonBody, jsonOk, NOT_FOUND, PROBLEMS } from '../http/openapi'
import type { Reconciliation } from '.'
import { BulkAccept, Decide, QueueQuery, StartReconciliation } from './model'
import { type PresentedPair, pseudonymisedPair } from './present'
import { discrepancyXlsx, REPORT_LANGUAGES } from './report-xlsx'
import { BulkQueued, PairOut, QueueOut, ReportOut, RunOut, RunsOut, SampleOut } from './schemas'

const tags = ['reconciliations']
const File = z.string().meta({ format: 'binary' })

/** Tracers work the queue: it writes events on missing persons (missing.record) from lists (lists.read). */
function tracer(user: SessionUser | null) {
  requirePermission(user, 'lists.read')
  return requirePermission(user, 'missing.record')
}
/** Analysts, tracers, negotiators and auditors read runs, queues and reports. */
function reader(user: SessionUser | null) {
  requirePermission(user, 'lists.read')
  return requirePermission(user, 'missing.read')
}
/** Who may not identify persons sees the pairs pseudonymised, as in the registers. */
const shown = (role: Parameters<typeof can>[0], pairs: PresentedPair[]) =>
  can(role, 'persons.identify') ? pairs : pairs.map(pseudonymisedPair)

const PairParam = z.object({
  id: z.uuid().describe('Reconciliation id'),
  rank: z.coerce.number().int().min(1).describe('The pair, by its place in the queue'),
})

/**
 * Reconciliation of a received list with one of our registers, under /reconciliations: start a
 * run and follow its progress, work its review queue, read its discrepancy report (page or XLSX).
 */
export function reconciliationRoutes(rec: Reconciliation, disclosures: DisclosureLog) {
  const app = new OpenAPIHono<AppEnv>()

  app.openapi(
    createRoute({
      method: 'post',
      path: '/reconciliations',
      tags,
      summary: 'Start reconciling a stored list with the missing-persons (or custody) register',
      description:
        'Answers at once with the queued run; poll GET /reconciliations/{id} for its progress. One run per list and register at a time.',
      request: { body: jsonBody(StartReconciliation) },
      responses: { 202: jsonOk('The run, queued', RunOut), ...PROBLEMS, ...CONFLICT },
    }),
    async (c) => {
      const actor = tracer(c.get('user'))
      const run = await rec.runs.start(actor, c.req.valid('json'))
      return c.json(await rec.review.getRun(run.id), 202)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/reconciliations',
      tags,
      summary: 'Reconciliations, newest first, of one list or all',
      request: { query: z.object({ listId: z.uuid().optional() }) },
      responses: { 200: jsonOk('The runs', RunsOut), ...PROBLEMS },
    }),
    async (c) => {
      reader(c.get('user'))
      return c.json({ items: await rec.review.listRuns(c.req.valid('query').listId) }, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/reconciliations/{id}',
      tags,
      summary: 'One run: its status, progress, summary or why it failed',
      request: { params: IdParam },
      responses: { 200: jsonOk('The run', RunOut), ...PROBLEMS, ...NOT_FOUND },
    }),
    async (c) => {
      reader(c.get('user'))
      return c.json(await rec.review.getRun(c.req.valid('param').id), 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/reconciliations/{id}/cancel',
      tags,
      summary: 'Stop a queued or running reconciliation (what it found is not saved)',
      request: { params: IdParam },
      responses: { 200: jsonOk('The run', RunOut), ...PROBLEMS, ...NOT_FOUND, ...CONFLICT },
    }),
    async (c) => {
      const actor = tracer(c.get('user'))
      const { id } = c.req.valid('param')
      await rec.runs.cancel(actor, id)
      return c.json(await rec.review.getRun(id), 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/reconciliations/{id}/pairs',
      tags,
      summary:
        'The review queue: pairs best first, their row and our record side by side, each field’s evidence',
      request: { params: IdParam, query: QueueQuery },
      responses: { 200: jsonOk('A page of pairs', QueueOut), ...PROBLEMS, ...NOT_FOUND },
    }),
    async (c) => {
      const actor = reader(c.get('user'))
      const { id } = c.req.valid('param')
      const { after, limit, ...filter } = c.req.valid('query')
      const page = await rec.review.queue(id, filter, after, limit)
      await disclosures.record(actor, {
        what: 'reconciliation.pairs.read',
        entity: { type: 'reconciliation', id },
        query: filter,
        count: page.pairs.length,
        ids: page.pairs.map((p) => p.recordId),
      })
      return c.json({ ...page, pairs: shown(actor.role, page.pairs) } as never, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/reconciliations/{id}/pairs/{rank}/decision',
      tags,
      summary: 'Accept, reject or doubt a pair (audited)',
      description:
        'Accepting a pair of a run against the missing-persons register records "captivity confirmed" on the person, with the list, its date and the row as source. Rejecting or doubting a pair accepted before retracts that event, as a correction.',
      request: { params: PairParam, body: jsonBody(Decide) },
      responses: { 200: jsonOk('The pair as decided', PairOut), ...PROBLEMS, ...NOT_FOUND, ...CONFLICT },
    }),
    async (c) => {
      const actor = tracer(c.get('user'))
      const { id, rank } = c.req.valid('param')
      return c.json((await rec.review.decide(actor, id, rank, c.req.valid('json'))) as never, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/reconciliations/{id}/sample',
      tags,
      summary: 'A sample of the pending pairs at least this likely, and how many the band holds',
      request: {
        params: IdParam,
        query: z.object({
          min: z.coerce.number().min(0.5).max(1).describe('The lowest probability of the band'),
          size: z.coerce.number().int().min(1).max(50).default(10),
        }),
      },
      responses: { 200: jsonOk('The sample', SampleOut), ...PROBLEMS, ...NOT_FOUND, ...CONFLICT },
    }),
    async (c) => {
      const actor = tracer(c.get('user'))
      const { id } = c.req.valid('param')
      const { min, size } = c.req.valid('query')
      const out = await rec.review.sample(id, min, size)
      await disclosures.record(actor, {
        what: 'reconciliation.sample.read',
        entity: { type: 'reconciliation', id },
        query: { min, size },
        count: out.pairs.length,
        ids: out.pairs.map((p) => p.recordId),
      })
      return c.json(out as never, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/reconciliations/{id}/bulk-accept',
      tags,
      summary: 'Accept every pending pair at least this likely, after a look at its sample (a job)',
      description:
        '`count` is the band size the sample answered: a band that changed since is refused (409) and nothing is queued. The band is accepted by a job (202 with its id): follow `GET /jobs/{jobId}` for its progress; its `result` says what was accepted and which pairs were skipped and why (`BulkAcceptResult`). Each pair is accepted as one by one would be; a cancelled job keeps the pairs accepted before the cancel.',
      request: { params: IdParam, body: jsonBody(BulkAccept) },
      responses: {
        202: jsonOk('The acceptance is queued as a job', BulkQueued),
        ...PROBLEMS,
        ...NOT_FOUND,
        ...CONFLICT,
      },
    }),
    async (c) => {
      const actor = tracer(c.get('user'))
      return c.json(await rec.bulk.start(actor, c.req.valid('param').id, c.req.valid('json')), 202)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/reconciliations/{id}/report',
      tags,
      summary:
        'The discrepancy report: unknown to us, reported missing on no list, listed though back home or dead, listed twice, particulars differing between lists',
      request: { params: IdParam },
      responses: {
        200: jsonOk('The report (up to 500 rows per class)', ReportOut),
        ...PROBLEMS,
        ...NOT_FOUND,
        ...CONFLICT,
      },
    }),
    async (c) => {
      const actor = reader(c.get('user'))
      const { id } = c.req.valid('param')
      const report = await rec.report(id)
      await disclosures.record(actor, {
        what: 'reconciliation.report.read',
        entity: { type: 'reconciliation', id },
        count:
          report.unknownToUs.rows.length +
          report.missingOnNoList.rows.length +
          report.listedButGone.rows.length +
          report.listedTwice.rows.length +
          report.disagreeBetweenLists.rows.length,
      })
      return c.json(report as never, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/reconciliations/{id}/report.xlsx',
      tags,
      summary:
        'The discrepancy report as an XLSX workbook, every row of every class (audited as a disclosure)',
      request: {
        params: IdParam,
        query: z.object({ lang: z.enum(REPORT_LANGUAGES).default('uk') }),
      },
      responses: {
        200: {
          description: 'The workbook, as an attachment',
          content: { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: File } },
        },
        ...PROBLEMS,
        ...NOT_FOUND,
        ...CONFLICT,
      },
    }),
    async (c) => {
      const actor = reader(c.get('user'))
      const { id } = c.req.valid('param')
      const { lang } = c.req.valid('query')
      const report = await rec.report(id, 1_000_000)
      const bytes = await discrepancyXlsx(report, lang, new Date())
      await disclosures.record(actor, {
        what: 'reconciliation.report.xlsx.read',
        entity: { type: 'reconciliation', id },
        query: { lang },
        count: report.unknownToUs.total + report.missingOnNoList.total + report.listedButGone.total,
      })
      return c.body(new Uint8Array(bytes), 200, {
        'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'Content-Disposition': `attachment; filename="discrepancies-${report.reconciliation.number}-${lang}.xlsx"`,
        'Content-Length': String(bytes.length),
      })
    },
  )

  return app
}
