import { readFile } from 'node:fs/promises'
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi'
import { z } from 'zod'
import type { DisclosureLog } from '../audit/disclosure'
import { personViewOf } from '../custody/present'
import type { AppEnv } from '../http/env'
import { requirePermission } from '../http/env'
import { IdParam, jsonBody, jsonOk, NOT_FOUND, PROBLEMS } from '../http/openapi'
import { withUploadedFile } from '../http/upload'
import { ConfirmImport, ListFieldName, PreviewRequest, SOURCE_KINDS } from './model'
import { showListRow } from './present'
import type { ListService } from './service'

const FLAG_CODES = [
  'date_impossible',
  'day_month_swapped',
  'date_unreadable',
  'date_in_future',
  'name_empty',
  'wrong_column',
  'sex_unreadable',
  'ref_repeated',
  'duplicate_row',
] as const

const FieldValues = z.record(z.string(), z.string()).describe('by field (surname, givenName, dateOfBirth...)')
const Flag = z
  .object({
    field: ListFieldName,
    code: z.enum(FLAG_CODES),
    written: z.string().describe('the value as written (empty where the reader may not see it)'),
    params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  })
  .meta({ id: 'ListRowFlag' })
const ReadRow = z
  .object({
    line: z.number().int().describe('line in the file, the header being line 1'),
    ref: z.string(),
    written: FieldValues,
    values: FieldValues.describe('as read: dates as ISO partial dates, empty when nothing can be read'),
    flags: z.array(Flag),
  })
  .meta({ id: 'ListReadRow' })
const Counts = z.object({
  rows: z.number().int(),
  flaggedRows: z.number().int(),
  byCode: z.record(z.string(), z.number().int()).describe('rows carrying each kind of flag'),
})
const UploadAnalysis = z
  .object({
    upload: z.object({
      id: z.uuid(),
      fileName: z.string(),
      sha256: z.string(),
      sizeBytes: z.number().int(),
      header: z.array(z.string()),
      rowCount: z.number().int(),
      uploadedBy: z.string(),
      uploadedAt: z.string(),
    }),
    created: z.boolean().describe('false: these bytes were uploaded before, and this is that upload'),
    importedAs: z
      .object({ id: z.uuid(), name: z.string() })
      .nullable()
      .describe('the list this file was already imported as; confirming again changes nothing'),
    mapping: z.object({
      columns: z.array(
        z.object({
          header: z.string(),
          field: ListFieldName.nullable().describe('proposed'),
          recognised: ListFieldName.nullable().describe('what the header alone names'),
        }),
      ),
      from: z
        .enum(['saved', 'headers'])
        .describe('saved: the mapping chosen last time for this source and headers'),
      source: z.string().nullable(),
    }),
    preview: z.array(ReadRow).describe('the first 20 rows'),
    flagged: z.array(ReadRow).describe('the first 200 rows with a doubtful value'),
    counts: Counts,
  })
  .meta({ id: 'ListUploadAnalysis' })

const ShownRow = z
  .object({
    rowNo: z.number().int(),
    ref: z.string(),
    line: z.number().int().nullable(),
    values: FieldValues,
    written: FieldValues,
    flags: z.array(Flag),
  })
  .meta({ id: 'ListShownRow' })
const ListPage = z
  .object({
    list: z.object({
      id: z.uuid(),
      name: z.string(),
      counterpart: z.string().nullable().describe('from whom'),
      fileName: z.string(),
      rowCount: z.number().int(),
      createdBy: z.string(),
      createdAt: z.string(),
    }),
    provenance: z.object({
      fromKind: z.enum(SOURCE_KINDS).nullable(),
      via: z.string().nullable(),
      receivedOn: z.string().nullable(),
      periodFrom: z.string().nullable(),
      periodTo: z.string().nullable(),
      note: z.string().nullable(),
      mapping: z.array(ListFieldName.nullable()).nullable(),
    }),
    counts: Counts,
    replaces: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    replacedBy: z.array(z.object({ id: z.uuid(), name: z.string(), receivedOn: z.string().nullable() })),
    difference: z
      .object({
        counts: z.object({
          added: z.number().int(),
          removed: z.number().int(),
          changed: z.number().int(),
          unchanged: z.number().int(),
        }),
        added: z.array(ShownRow),
        removed: z.array(ShownRow),
        changed: z.array(
          z.object({ key: z.string(), fields: z.array(ListFieldName), before: ShownRow, after: ShownRow }),
        ),
      })
      .nullable()
      .describe('from the earlier version it replaces, by service number or else the particulars'),
  })
  .meta({ id: 'ListPage' })

const UploadQuery = z.object({
  file_name: z
    .string()
    .trim()
    .min(1)
    .max(255)
    .describe('the file as received; its extension tells the format'),
  source: z.string().trim().max(200).optional().describe('from whom: proposes the mapping saved for them'),
})
const ShownQuery = z.object({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  flagged: z.enum(['true', 'false']).default('true'),
})
const FILE_TYPES = {
  'text/csv': { schema: z.string() },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.string() },
  'application/x-ndjson': { schema: z.string() },
  'application/octet-stream': { schema: z.string() },
}

/** The import wizard's routes: upload, preview under a mapping, confirm with provenance, the list's page. */
export function addWizardRoutes(app: OpenAPIHono<AppEnv>, lists: ListService, disclosures: DisclosureLog) {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/lists/uploads',
      tags: ['lists'],
      summary:
        'Upload a received list (CSV, XLSX or JSON lines) as the body: stored once by its hash, answered with the proposed mapping, the first rows and every doubtful value',
      request: { query: UploadQuery, body: { content: FILE_TYPES, required: true } },
      responses: {
        201: jsonOk('Stored, and read', UploadAnalysis),
        200: jsonOk('These bytes were uploaded before: that upload, read again', UploadAnalysis),
        ...PROBLEMS,
      },
    }),
    async (c) => {
      const actor = requirePermission(c.get('user'), 'lists.write')
      const q = c.req.valid('query')
      const analysis = await withUploadedFile(c, q.file_name, async (f) =>
        lists.uploadList(
          actor,
          { fileName: q.file_name, content: await readFile(f.path), sha256: f.sha256 },
          q.source,
        ),
      )
      return c.json(present(analysis), analysis.created ? 201 : 200)
    },
  )
  app.openapi(
    createRoute({
      method: 'post',
      path: '/lists/uploads/{id}/preview',
      tags: ['lists'],
      summary: 'The upload read again under a chosen mapping, or the mapping saved for a source',
      request: { params: IdParam, body: jsonBody(PreviewRequest) },
      responses: { 200: jsonOk('The upload, read', UploadAnalysis), ...PROBLEMS, ...NOT_FOUND },
    }),
    async (c) => {
      const actor = requirePermission(c.get('user'), 'lists.write')
      const body = c.req.valid('json')
      const id = c.req.valid('param').id
      const analysis = await lists.previewUpload(id, { mapping: body.mapping as never, source: body.source })
      // a stored upload read again, perhaps by another analyst than the one who sent it
      await disclosures.record(actor, {
        what: 'list.upload.read',
        entity: { type: 'list_upload', id },
        count: analysis.preview.length + analysis.flagged.length,
        view: 'full',
      })
      return c.json(present(analysis), 200)
    },
  )
  app.openapi(
    createRoute({
      method: 'post',
      path: '/lists/uploads/{id}/confirm',
      tags: ['lists'],
      summary:
        'Import the upload as a list with its provenance and mapping (saved for the source): all rows or none; a file already imported changes nothing',
      request: { params: IdParam, body: jsonBody(ConfirmImport) },
      responses: {
        201: jsonOk('The list imported', z.object({ id: z.uuid(), created: z.literal(true) })),
        200: jsonOk('Imported before: that list', z.object({ id: z.uuid(), created: z.boolean() })),
        202: jsonOk(
          'A large file (over 5,000 rows): stored by a worker as a job; follow it at /jobs/{jobId}, whose result names the list',
          z.object({ jobId: z.uuid() }),
        ),
        ...PROBLEMS,
        ...NOT_FOUND,
      },
    }),
    async (c) => {
      const actor = requirePermission(c.get('user'), 'lists.write')
      const out = await lists.confirmOrQueue(actor, c.req.valid('param').id, c.req.valid('json') as never)
      if ('jobId' in out) return c.json({ jobId: out.jobId }, 202)
      return out.created ? c.json({ id: out.id, created: true as const }, 201) : c.json(out, 200)
    },
  )
  app.openapi(
    createRoute({
      method: 'get',
      path: '/lists/{id}',
      tags: ['lists'],
      summary:
        "A list's page: provenance, counts of flagged rows by kind, the earlier version it replaces and what changed from it",
      request: { params: IdParam },
      responses: { 200: jsonOk("The list's page", ListPage), ...PROBLEMS, ...NOT_FOUND },
    }),
    async (c) => {
      const actor = requirePermission(c.get('user'), 'lists.read')
      const id = c.req.valid('param').id
      const page = await lists.listPage(id)
      const view = personViewOf(actor.role)
      const d = page.difference
      await disclosures.record(actor, {
        what: 'list.read',
        entity: { type: 'list', id },
        count: d ? d.added.length + d.removed.length + d.changed.length * 2 : 0,
        view,
      })
      const show = <T extends Parameters<typeof showListRow>[0]>(r: T) => showListRow(r, view)
      return c.json(
        {
          ...page,
          list: { ...page.list, createdAt: page.list.createdAt.toISOString() },
          provenance: {
            ...page.provenance,
            fromKind: page.provenance.fromKind as never,
            mapping: page.provenance.mapping as never,
          },
          difference: d && {
            counts: d.counts,
            added: d.added.map(show),
            removed: d.removed.map(show),
            changed: d.changed.map((x) => ({ ...x, before: show(x.before), after: show(x.after) })),
          },
        } as z.infer<typeof ListPage>,
        200,
      )
    },
  )
  app.openapi(
    createRoute({
      method: 'get',
      path: '/lists/{id}/shown-rows',
      tags: ['lists'],
      summary:
        "A list's rows with their values as written and their flags, in file order (flagged only by default)",
      request: { params: IdParam, query: ShownQuery },
      responses: {
        200: jsonOk(
          'A page of rows',
          z.object({ rows: z.array(ShownRow), nextAfter: z.number().int().nullable() }),
        ),
        ...PROBLEMS,
        ...NOT_FOUND,
      },
    }),
    async (c) => {
      const actor = requirePermission(c.get('user'), 'lists.read')
      const id = c.req.valid('param').id
      const q = c.req.valid('query')
      const page = await lists.shownRows(id, {
        afterRow: q.after,
        limit: q.limit,
        flagged: q.flagged === 'true',
      })
      const view = personViewOf(actor.role)
      await disclosures.record(actor, {
        what: 'list.rows.read',
        entity: { type: 'list', id },
        query: { flagged: q.flagged, after: q.after, limit: q.limit },
        count: page.rows.length,
        view,
      })
      return c.json({ rows: page.rows.map((r) => showListRow(r, view)), nextAfter: page.nextAfter }, 200)
    },
  )
}

/**
 * The analysis as the uploader sees it: the file as they sent it, in full. The uploader holds the
 * file already, so this is not a disclosure of stored records (decisions.md, helper C, issue 15).
 */
function present(a: Awaited<ReturnType<ListService['uploadList']>>): z.infer<typeof UploadAnalysis> {
  return {
    ...a,
    upload: { ...a.upload, uploadedAt: a.upload.uploadedAt.toISOString() },
  } as z.infer<typeof UploadAnalysis>
}
