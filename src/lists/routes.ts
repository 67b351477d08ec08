import { createRoute, OpenAPIHono } from '@hono/zod-openapi'
import { z } from 'zod'
import type { DisclosureLog } from '../audit/disclosure'
import { type PersonView, personViewOf } from '../custody/present'
import type { AppEnv } from '../http/env'
import { requirePermission } from '../http/env'
import { IdParam, jsonOk, NOT_FOUND, PROBLEMS } from '../http/openapi'
import { withUploadedFile } from '../http/upload'
import { SOURCE_KINDS } from './model'
import { addWizardRoutes } from './routes-wizard'
import type { ListService } from './service'

const ImportQuery = z.object({
  name: z.string().trim().min(1, 'give the list a name').max(200),
  counterpart: z.string().trim().max(200).optional(),
  file_name: z
    .string()
    .trim()
    .max(255)
    .optional()
    .describe('the file as received; its extension tells the format'),
})

const EXTENSION_BY_TYPE: Record<string, string> = {
  'text/csv': '.csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': '.xlsx',
  'application/x-ndjson': '.jsonl',
  'application/jsonl': '.jsonl',
}

const RowsQuery = z.object({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
})

// The same field rules as the register (custody/present.ts), in a stored row's column names.
const ROW_FAMILY = ['father_name'] as const
const ROW_IDENTIFYING = ['surname', 'first_names', 'patronymic', 'place_of_birth', 'service_number'] as const

function showRow<T extends Record<string, unknown>>(row: T, view: PersonView): Partial<T> {
  if (view === 'full') return row
  const out: Record<string, unknown> = { ...row }
  for (const key of ROW_FAMILY) delete out[key]
  if (view === 'pseudonymised') {
    for (const key of ROW_IDENTIFYING) delete out[key]
    if (typeof out.date_of_birth === 'string') out.date_of_birth = out.date_of_birth.slice(0, 4)
  }
  return out as Partial<T>
}

const StoredList = z
  .object({
    id: z.uuid(),
    name: z.string(),
    counterpart: z.string().nullable(),
    fileName: z.string(),
    rowCount: z.number().int(),
    createdBy: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'StoredList' })
// where a list came from; null for a list stored without the wizard (parley import list)
const IndexedList = StoredList.extend({
  fromKind: z.enum(SOURCE_KINDS).nullable(),
  receivedOn: z.string().nullable(),
  flaggedRows: z.number().int(),
  replacesListId: z.string().nullable(),
}).meta({ id: 'IndexedList' })
const ListImported = StoredList.extend({
  created: z.boolean().describe('false: this file was stored before, and this is that list'),
  warnings: z.array(z.string()),
})
const ListRowsPage = z.object({
  list: StoredList,
  rows: z.array(
    z
      .object({
        list_id: z.string(),
        row_no: z.number().int(),
        row_ref: z.string(),
        surname: z.string(),
        first_names: z.string(),
        patronymic: z.string(),
        date_of_birth: z.string().describe('The year only for a pseudonymised reader'),
        service_number: z.string(),
        place_of_birth: z.string(),
        father_name: z.string(),
        unit: z.string(),
      })
      // showRow leaves out what the reader may not see
      .partial(),
  ),
  nextAfter: z.number().int().nullable(),
})

export function listRoutes(lists: ListService, disclosures: DisclosureLog) {
  const app = new OpenAPIHono<AppEnv>()
  app.openapi(
    createRoute({
      method: 'post',
      path: '/lists',
      tags: ['lists'],
      summary:
        'Store a received list (the file as the body: CSV, XLSX or JSON lines); the same file twice is stored once',
      request: {
        query: ImportQuery,
        body: {
          content: {
            'text/csv': { schema: z.string() },
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.string() },
            'application/x-ndjson': { schema: z.string() },
          },
          required: true,
        },
      },
      responses: {
        201: jsonOk('The stored list', ListImported),
        200: jsonOk('This file was stored before: that list', ListImported),
        ...PROBLEMS,
      },
    }),
    async (c) => {
      const actor = requirePermission(c.get('user'), 'lists.write')
      const q = c.req.valid('query')
      const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim()
      const fileName = q.file_name ?? `list${EXTENSION_BY_TYPE[type] ?? ''}`
      // streamed to a temporary file and read from there (src/http/upload.ts)
      const list = await withUploadedFile(c, fileName, (file) =>
        lists.importList(actor, { name: q.name, counterpart: q.counterpart, fileName, content: file }),
      )
      return c.json(list, list.created ? 201 : 200)
    },
  )
  app.openapi(
    createRoute({
      method: 'get',
      path: '/lists',
      tags: ['lists'],
      summary: 'Stored lists, newest first',
      responses: { 200: jsonOk('Stored lists', z.object({ lists: z.array(IndexedList) })), ...PROBLEMS },
    }),
    async (c) => {
      requirePermission(c.get('user'), 'lists.read')
      return c.json({ lists: await lists.listIndex() }, 200)
    },
  )
  app.openapi(
    createRoute({
      method: 'get',
      path: '/lists/{id}/rows',
      tags: ['lists'],
      summary: "A list's rows in file order, paged by row number",
      request: { params: IdParam, query: RowsQuery },
      responses: { 200: jsonOk('The list and a page of its rows', ListRowsPage), ...PROBLEMS, ...NOT_FOUND },
    }),
    async (c) => {
      const actor = requirePermission(c.get('user'), 'lists.read')
      const { id } = c.req.valid('param')
      const { after, limit } = c.req.valid('query')
      const list = await lists.getList(id)
      const page = await lists.listRows(id, after, limit)
      const view = personViewOf(actor.role)
      await disclosures.record(actor, {
        what: 'list.rows.read',
        entity: { type: 'list', id },
        query: { after, limit },
        count: page.rows.length,
        view,
      })
      return c.json({ list, ...page, rows: page.rows.map((r) => showRow(r, view)) }, 200)
    },
  )
  addWizardRoutes(app, lists, disclosures)
  return app
}
