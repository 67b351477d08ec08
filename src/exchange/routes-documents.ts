import { createRoute, OpenAPIHono } from '@hono/zod-openapi'
import { z } from 'zod'
import type { DisclosureLog } from '../audit/disclosure'
import type { AppEnv } from '../http/env'
import { requirePermission } from '../http/env'
import { CONFLICT, NOT_FOUND, PROBLEMS } from '../http/openapi'
import { DOCUMENT_FORMATS, EXCHANGE_DOCUMENTS, type ExchangeDocuments } from './documents/service'
import { DOCUMENT_LANGUAGES } from './documents/texts'

const File = z.string().meta({ format: 'binary' })

/** The printable documents of an exchange, for the other side and the mediator. */
export function exchangeDocumentRoutes(documents: ExchangeDocuments, disclosures: DisclosureLog) {
  const app = new OpenAPIHono<AppEnv>()
  app.openapi(
    createRoute({
      method: 'get',
      path: '/exchanges/{id}/documents/{document}',
      tags: ['exchanges'],
      summary: 'The agreed lists or the handover report as PDF or XLSX, in Ukrainian, English or Russian',
      description:
        'The agreed lists: ours to give and theirs to receive, with stage and priority group, each name as written and in Latin letters. The handover report: each person’s stage and result (exchanged, did not cross and why, replaced by whom), counts per stage, totals and signature lines for both sides and the mediator. Before the handover starts, the last round’s lists are staged as the handover will stage them. Every download is audited as a disclosure of the persons named.',
      request: {
        params: z.object({
          id: z.uuid().describe('Exchange id'),
          document: z.enum(EXCHANGE_DOCUMENTS).describe('Which document'),
        }),
        query: z.object({
          format: z.enum(DOCUMENT_FORMATS).default('pdf').describe('pdf or xlsx'),
          lang: z
            .enum(DOCUMENT_LANGUAGES)
            .default('uk')
            .describe('The language of the document: uk, en or ru'),
        }),
      },
      responses: {
        200: {
          description: 'The document, as an attachment',
          headers: z.object({
            'Content-Disposition': z
              .string()
              .describe('attachment; filename="handover-report-1a2b3c4d-2026-11-30-uk.pdf"'),
          }),
          content: {
            'application/pdf': { schema: File },
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: File },
          },
        },
        ...PROBLEMS,
        ...NOT_FOUND,
        ...CONFLICT,
      },
    }),
    async (c) => {
      const actor = requirePermission(c.get('user'), 'exchanges.read')
      const { id, document } = c.req.valid('param')
      const { format, lang } = c.req.valid('query')
      const out = await documents.exportDocument(id, document, format, lang)
      await disclosures.record(actor, {
        what: `exchange.documents.${document}.read`,
        entity: { type: 'exchange', id },
        query: { document, format, lang },
        count: out.refs.length,
        ids: out.refs,
      })
      return c.body(new Uint8Array(out.bytes), 200, {
        'Content-Type': out.contentType,
        'Content-Disposition': `attachment; filename="${out.fileName}"`,
        'Content-Length': String(out.bytes.length),
      })
    },
  )
  return app
}
