import { createRoute, OpenAPIHono } from '@hono/zod-openapi'
import { z } from 'zod'
import type { DisclosureLog } from '../audit/disclosure'
import type { AppEnv } from '../http/env'
import { requirePermission } from '../http/env'
import { CONFLICT, IdParam, jsonOk, NOT_FOUND, PROBLEMS } from '../http/openapi'
import { EXPORT_FORMATS } from './export'
import type { NoticesService } from './service'

const tags = ['notices']
const File = z.string().meta({ format: 'binary' })
const CONTENT_TYPES: Record<string, string> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
}
const FILE_HEADERS = z.object({
  'Content-Disposition': z.string().describe('attachment; filename="batch-12.csv"'),
  'X-Parley-Sha256': z.string().describe("The file's sha256, as its signature names it"),
  'X-Parley-File-Id': z.uuid().describe('The kept file; its signature is at …/files/{fileId}/signature'),
})
const FILE_CONTENT = {
  'text/csv': { schema: File },
  'application/json': {
    schema: z.object({
      batch: z.number(),
      recipient: z.string(),
      notices: z
        .array(z.record(z.string(), z.union([z.string(), z.number()])))
        .describe('One row per notice'),
    }),
  },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: File },
}

export const KeptFileOut = z
  .object({
    id: z.uuid(),
    format: z.enum(EXPORT_FORMATS),
    fileName: z.string(),
    sha256: z.string(),
    size: z.number().describe('Bytes'),
    exportedBy: z.string(),
    exportedAt: z.string(),
    sent: z.boolean().describe('Exported before the batch was marked sent: what was sent'),
  })
  .meta({ id: 'NoticeBatchFile' })

const fileResponse = (f: { fileName: string; format: string; bytes: Buffer; sha256: string; id: string }) =>
  [
    new Uint8Array(f.bytes),
    200,
    {
      'Content-Type': CONTENT_TYPES[f.format] ?? 'application/octet-stream',
      'Content-Disposition': `attachment; filename="${f.fileName}"`,
      'Content-Length': String(f.bytes.length),
      'X-Parley-Sha256': f.sha256,
      'X-Parley-File-Id': f.id,
    },
  ] as const

/** Batch exports (signed, kept byte for byte), the kept files again, and the dashboard's figures. */
export function noticeFileRoutes(notices: NoticesService, disclosures: DisclosureLog) {
  const app = new OpenAPIHono<AppEnv>()

  app.openapi(
    createRoute({
      method: 'get',
      path: '/notices/batches/{id}/export',
      tags,
      summary: 'Export a batch as CSV, JSON or XLSX, signed (Ed25519) as the CLI signs it, and keep the file',
      description:
        'The file is kept with the batch, byte for byte, with its sha256 and signature; the exports made before the batch is marked sent are what was sent.',
      request: {
        params: IdParam,
        query: z.object({ format: z.enum(EXPORT_FORMATS).default('csv').describe('csv, json or xlsx') }),
      },
      responses: {
        200: { description: 'The file, as an attachment', headers: FILE_HEADERS, content: FILE_CONTENT },
        ...PROBLEMS,
        ...NOT_FOUND,
        ...CONFLICT,
      },
    }),
    async (c) => {
      const actor = requirePermission(c.get('user'), 'notices.write')
      const { id } = c.req.valid('param')
      const { format } = c.req.valid('query')
      const out = await notices.exportBatch(actor, id, format)
      await disclosures.record(actor, {
        what: 'notices.batch.export',
        entity: { type: 'notice_batch', id },
        query: { format, file: out.file.id, sha256: out.signature.sha256 },
        count: out.batch.notices.length,
        ids: [...new Set(out.batch.notices.map((n) => n.personId))],
      })
      return c.body(...fileResponse({ ...out.file, bytes: out.bytes }))
    },
  )

  const FileParams = z.object({
    id: z.uuid().describe('The batch'),
    fileId: z.uuid().describe('The kept file'),
  })

  app.openapi(
    createRoute({
      method: 'get',
      path: '/notices/batches/{id}/files/{fileId}',
      tags,
      summary: 'A kept export of the batch, byte for byte as it was exported (and sent)',
      request: { params: FileParams },
      responses: {
        200: { description: 'The file, as an attachment', headers: FILE_HEADERS, content: FILE_CONTENT },
        ...PROBLEMS,
        ...NOT_FOUND,
      },
    }),
    async (c) => {
      const actor = requirePermission(c.get('user'), 'notices.read')
      const { id, fileId } = c.req.valid('param')
      const f = await notices.fileOf(id, fileId)
      await disclosures.record(actor, {
        what: 'notices.batch.file.read',
        entity: { type: 'notice_batch', id },
        query: { file: fileId, sha256: f.sha256 },
        count: 1,
      })
      return c.body(...fileResponse({ ...f, id: fileId }))
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/notices/batches/{id}/files/{fileId}/signature',
      tags,
      summary: "A kept export's signature (the FILE.sig that `parley notices verify` reads)",
      request: { params: FileParams },
      responses: {
        200: jsonOk(
          'The signature',
          z.object({ v: z.string(), file: z.string(), sha256: z.string(), key: z.string(), sig: z.string() }),
        ),
        ...PROBLEMS,
        ...NOT_FOUND,
      },
    }),
    async (c) => {
      requirePermission(c.get('user'), 'notices.read')
      const { id, fileId } = c.req.valid('param')
      const f = await notices.fileOf(id, fileId)
      c.header('Content-Disposition', `attachment; filename="${f.fileName}.sig"`)
      return c.json(f.signature, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/notices/figures',
      tags,
      summary: 'Dashboard figures: notices overdue now, and per month the median days from event to sent',
      request: {
        query: z.object({
          months: z.coerce.number().int().min(1).max(60).default(12).describe('Months back'),
        }),
      },
      responses: {
        200: jsonOk(
          'The figures',
          z
            .object({
              on: z.string().describe('Today'),
              open: z.number().describe('Notices due or prepared'),
              overdue: z.number().describe('Of those, past their deadline'),
              since: z.string().describe('The first day of the first month counted'),
              months: z.array(
                z.object({
                  month: z.string().describe('YYYY-MM, the month the batches were sent'),
                  sent: z.number().describe('Notices sent that month'),
                  sentLate: z.number().describe('Of those, sent after their deadline'),
                  medianDays: z.number().describe('Median days from the event to the day it was sent'),
                }),
              ),
            })
            .meta({ id: 'NoticeFigures' }),
        ),
        ...PROBLEMS,
      },
    }),
    async (c) => {
      requirePermission(c.get('user'), 'notices.read')
      return c.json(await notices.figures(c.req.valid('query').months), 200)
    },
  )

  return app
}
