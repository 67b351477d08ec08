import { createRoute, OpenAPIHono } from '@hono/zod-openapi'
import { z } from 'zod'
import { ValidationError } from '../core/errors'
import type { AppEnv } from '../http/env'
import { requirePermission } from '../http/env'
import { IdParam, jsonOk, NOT_FOUND, PROBLEMS } from '../http/openapi'
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

export function listRoutes(lists: ListService) {
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
        201: jsonOk('the stored list'),
        200: jsonOk('this file was stored before: that list'),
        ...PROBLEMS,
      },
    }),
    async (c) => {
      const actor = requirePermission(c.get('user'), 'lists.write')
      const q = c.req.valid('query')
      const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim()
      const fileName = q.file_name ?? `list${EXTENSION_BY_TYPE[type] ?? ''}`
      const content = Buffer.from(await c.req.arrayBuffer())
      if (content.length === 0)
        throw new ValidationError([{ path: 'body', message: 'the body is empty: send the file' }])
      const list = await lists.importList(actor, {
        name: q.name,
        counterpart: q.counterpart,
        fileName,
        content,
      })
      return c.json(list, list.created ? 201 : 200)
    },
  )
  app.openapi(
    createRoute({
      method: 'get',
      path: '/lists',
      tags: ['lists'],
      summary: 'Stored lists, newest first',
      responses: { 200: jsonOk('{ lists }'), ...PROBLEMS },
    }),
    async (c) => {
      requirePermission(c.get('user'), 'lists.read')
      return c.json({ lists: await lists.listLists() }, 200)
    },
  )
  app.openapi(
    createRoute({
      method: 'get',
      path: '/lists/{id}/rows',
      tags: ['lists'],
      summary: "A list's rows in file order, paged by row number",
      request: { params: IdParam, query: RowsQuery },
      responses: { 200: jsonOk('{ list, rows, nextAfter }'), ...PROBLEMS, ...NOT_FOUND },
    }),
    async (c) => {
      requirePermission(c.get('user'), 'lists.read')
      const { id } = c.req.valid('param')
      const { after, limit } = c.req.valid('query')
      const list = await lists.getList(id)
      return c.json({ list, ...(await lists.listRows(id, after, limit)) }, 200)
    },
  )
  return app
}
