import { createRoute, OpenAPIHono } from '@hono/zod-openapi'
import { z } from 'zod'
import type { DisclosureLog } from '../audit/disclosure'
import { CalendarDate } from '../custody/model'
import { personViewOf } from '../custody/present'
import type { AppEnv } from '../http/env'
import { requirePermission } from '../http/env'
import { CONFLICT, IdParam, jsonBody, jsonOk, NOT_FOUND, PROBLEMS } from '../http/openapi'
import { withUploadedBytes } from '../http/upload'
import { MissingEventInput } from './events'
import type { MissingImport } from './import'
import { AddReport, CreateMissing } from './model'
import { showMissing, showMissingEvent, showReport } from './present'
import { addMissingChangeRoutes } from './routes-changes'
import { MissingImportOut, MissingPageOut, MissingPersonOut, MissingRecordOut } from './schemas'
import type { MissingService } from './service'
import { CAPTIVITY, MISSING_STATUSES } from './state'

const MissingListQuery = z.object({
  q: z
    .string()
    .trim()
    .max(200)
    .optional()
    .describe('Surname prefix (as written or in Latin letters) or service number'),
  status: z.enum(MISSING_STATUSES).optional(),
  captivity: z.enum(CAPTIVITY).optional(),
  unit: z.string().trim().max(200).optional().describe('Unit, as its beginning ("93" finds "93 ОМБр")'),
  region: z.string().trim().max(100).optional(),
  from: CalendarDate.optional().describe('Last seen on or after'),
  to: CalendarDate.optional().describe('Last seen on or before'),
  source: z.string().trim().max(300).optional().describe("A report's source, as its beginning"),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.coerce.number().int().positive().optional().describe('nextBefore of the previous page'),
})

const ImportQuery = z.object({
  file_name: z
    .string()
    .trim()
    .min(1)
    .max(255)
    .describe('The file as received; its extension tells the format'),
  source: z
    .string()
    .trim()
    .max(300)
    .optional()
    .describe('Whose register this is (default the file name): rows are known by source and id'),
})

const tags = ['missing']

/**
 * The missing-persons register under /missing. Every read of a record or a page is written to the
 * audit trail, in the reader's field set (analysts see pseudonymised rows).
 */
export function missingRoutes(
  missing: MissingService,
  importMissing: MissingImport,
  disclosures: DisclosureLog,
) {
  const app = new OpenAPIHono<AppEnv>()
  addMissingChangeRoutes(app, missing, disclosures)

  app.openapi(
    createRoute({
      method: 'get',
      path: '/missing',
      tags,
      summary: 'The missing-persons register, newest record first, with filters',
      request: { query: MissingListQuery },
      responses: { 200: jsonOk('A page of records', MissingPageOut), ...PROBLEMS },
    }),
    async (c) => {
      const actor = requirePermission(c.get('user'), 'missing.read')
      const { limit, before, ...filter } = c.req.valid('query')
      const page = await missing.listMissing(filter, { limit, before })
      const view = personViewOf(actor.role)
      await disclosures.record(actor, {
        what: 'missing.list.read',
        query: { ...filter, limit, page: before ? 'next' : 'first' },
        count: page.items.length,
        ids: page.items.map((p) => p.id),
        view,
      })
      return c.json({ ...page, items: page.items.map((p) => showMissing(p, view)) } as never, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/missing',
      tags,
      summary: 'Register a missing person from a first report',
      request: { body: jsonBody(CreateMissing) },
      responses: { 201: jsonOk('The new record', MissingPersonOut), ...PROBLEMS },
    }),
    async (c) => {
      const actor = requirePermission(c.get('user'), 'missing.write')
      return c.json((await missing.createMissing(actor, c.req.valid('json'))) as never, 201)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/missing/import',
      tags,
      summary:
        'Import a missing-persons register (CSV or XLSX as the body): all or nothing, idempotent per source and row',
      request: {
        query: ImportQuery,
        body: {
          content: {
            'text/csv': { schema: z.string() },
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.string() },
          },
          required: true,
        },
      },
      responses: { 200: jsonOk('What was imported', MissingImportOut), ...PROBLEMS },
    }),
    async (c) => {
      const actor = requirePermission(c.get('user'), 'missing.write')
      const q = c.req.valid('query')
      const report = await withUploadedBytes(c, q.file_name, (content) =>
        importMissing(actor, { name: q.file_name, content, source: q.source }),
      )
      return c.json(report, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/missing/{id}',
      tags,
      summary: 'One record with its reports, consent and history (the read is audited)',
      request: { params: IdParam },
      responses: { 200: jsonOk('The record', MissingRecordOut), ...PROBLEMS, ...NOT_FOUND },
    }),
    async (c) => {
      const actor = requirePermission(c.get('user'), 'missing.read')
      const { id } = c.req.valid('param')
      const record = await missing.getMissing(id)
      const view = personViewOf(actor.role)
      await disclosures.record(actor, {
        what: 'missing.read',
        entity: { type: 'missing_person', id },
        count: 1,
        view,
      })
      return c.json(
        {
          person: showMissing(record.person, view),
          reports: record.reports.map((r) => showReport(r, view)),
          events: record.events.map((e) => showMissingEvent(e, view)),
          merged: record.merged,
        } as never,
        200,
      )
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/missing/{id}/reports',
      tags,
      summary: 'Merge another report into a record (each report is kept with its source)',
      request: { params: IdParam, body: jsonBody(AddReport) },
      responses: {
        201: jsonOk('The record after the merge', MissingPersonOut),
        ...PROBLEMS,
        ...NOT_FOUND,
        ...CONFLICT,
      },
    }),
    async (c) => {
      const actor = requirePermission(c.get('user'), 'missing.write')
      return c.json(
        (await missing.addReport(actor, c.req.valid('param').id, c.req.valid('json'))) as never,
        201,
      )
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/missing/{id}/events',
      tags,
      summary:
        'Record what became known (captivity indicated or confirmed, seen in a facility, returned, died...)',
      request: { params: IdParam, body: jsonBody(MissingEventInput) },
      responses: {
        201: jsonOk('The record in its new state', MissingPersonOut),
        ...PROBLEMS,
        ...NOT_FOUND,
        ...CONFLICT,
      },
    }),
    async (c) => {
      const actor = requirePermission(c.get('user'), 'missing.record')
      return c.json(
        (await missing.recordEvent(actor, c.req.valid('param').id, c.req.valid('json'))) as never,
        201,
      )
    },
  )

  return app
}
