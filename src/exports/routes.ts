import { PassThrough, Readable } from 'node:stream'
import { createRoute, OpenAPIHono } from '@hono/zod-openapi'
import { z } from 'zod'
import type { AppEnv } from '../http/env'
import { requirePermission } from '../http/env'
import { IdParam, jsonOk, NOT_FOUND, PROBLEMS } from '../http/openapi'
import { EXPORT_FORMATS, EXPORT_LANGUAGES, EXPORT_LISTS, FILTERS } from './model'
import type { ExportService } from './service'
import { MEDIA_TYPE } from './write'

const File = z.string().meta({ format: 'binary' })
const tags = ['exports']

const FILE_CONTENT = {
  'text/csv': { schema: File },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: File },
  'application/pdf': { schema: File },
}
const Disposition = z.object({
  'Content-Disposition': z.string().describe('attachment; filename="register-2026-11-30.xlsx"'),
})

const Queued = z
  .object({
    jobId: z
      .uuid()
      .describe('The export job: its progress at /jobs/{id}, its file at /exports/files/{id} once done'),
    rows: z.number().int().describe('Rows the export will hold (at least)'),
  })
  .meta({ id: 'ExportQueued' })

const filterNames = Object.fromEntries(
  Object.entries(FILTERS).map(([list, schema]) => [list, Object.keys(schema.shape).join(', ')]),
)

/** Every list and overview section as a file: GET /exports/{list}, and a big export's file by its job. */
export function exportRoutes(exports: ExportService) {
  const app = new OpenAPIHono<AppEnv>()

  app.openapi(
    createRoute({
      method: 'get',
      path: '/exports/{list}',
      tags,
      summary: 'A list as XLSX, CSV or PDF, with its filters applied, in your field set (audited)',
      description: `The list's own filters are further query parameters, as its page sends them; an unknown filter is refused by its name. Filters per list: ${Object.entries(
        filterNames,
      )
        .map(([l, f]) => `${l}: ${f}`)
        .join(
          '; ',
        )}. Up to 5,000 rows the file is the answer; above, the export runs as a job (202) whose file its owner downloads from /exports/files/{jobId}. Every export is written to the audit trail with its list, filters, row count and format.`,
      request: {
        params: z.object({ list: z.enum(EXPORT_LISTS) }),
        query: z.looseObject({
          format: z.enum(EXPORT_FORMATS).describe('xlsx, csv or pdf (printable, Cyrillic font embedded)'),
          lang: z.enum(EXPORT_LANGUAGES).default('en').describe('Language of the headings: en or uk'),
        }),
      },
      responses: {
        200: { description: 'The file, as an attachment', headers: Disposition, content: FILE_CONTENT },
        202: jsonOk('Too many rows to wait for: queued as a job', Queued),
        ...PROBLEMS,
      },
    }),
    async (c) => {
      const { list } = c.req.valid('param')
      // every role reads persons: signed in is checked here, the list's own permission by the
      // service, whose refusal names the list
      const actor = requirePermission(c.get('user'), 'persons.read')
      const { format, lang, ...filters } = c.req.query()
      const started = await exports.start(actor, { list, format: format ?? '', lang, filters })
      if (started.mode === 'job') return c.json({ jobId: started.jobId, rows: started.rows }, 202)
      const body = new PassThrough()
      // the first rows go out while later pages are read; a failure midway cuts the download short
      started.write(body).catch((e) => body.destroy(e instanceof Error ? e : new Error(String(e))))
      return c.body(Readable.toWeb(body) as ReadableStream, 200, {
        'Content-Type': MEDIA_TYPE[started.format],
        'Content-Disposition': `attachment; filename="${started.fileName}"`,
      })
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/exports/files/{id}',
      tags,
      summary: "A finished export job's file (its owner only; audited)",
      request: { params: IdParam },
      responses: {
        200: { description: 'The file, as an attachment', headers: Disposition, content: FILE_CONTENT },
        ...PROBLEMS,
        ...NOT_FOUND,
      },
    }),
    async (c) => {
      // every role reads persons; the file itself is its owner's alone (checked by the service)
      const actor = requirePermission(c.get('user'), 'persons.read')
      const file = await exports.download(actor, c.req.valid('param').id)
      return c.body(Readable.toWeb(Readable.from(file.chunks)) as ReadableStream, 200, {
        'Content-Type': MEDIA_TYPE[file.format as keyof typeof MEDIA_TYPE],
        'Content-Disposition': `attachment; filename="${file.file_name}"`,
        'Content-Length': String(file.bytes),
      })
    },
  )
  return app
}
