import { createRoute, OpenAPIHono } from '@hono/zod-openapi'
import { z } from 'zod'
import type { AppEnv } from '../http/env'
import { requirePermission } from '../http/env'
import { PROBLEMS } from '../http/openapi'
import { REPORT_LANGUAGES } from './monthly'
import type { ReportService } from './service'

const File = z.string().meta({ format: 'binary' })

/** GET /reports/monthly: the leadership's monthly report as one PDF (audited as an export of figures). */
export function reportRoutes(reports: ReportService) {
  const app = new OpenAPIHono<AppEnv>()
  app.openapi(
    createRoute({
      method: 'get',
      path: '/reports/monthly',
      tags: ['reports'],
      summary:
        "The monthly report as PDF: the month's figures (custody, our missing people, exchanges) beside the month before with the change, and the exchanges of the month (audited)",
      description:
        'For whoever reads the dashboard. Counts of confirmed records, every aggregate read in one snapshot; the time they were computed is printed. A month that is not YYYY-MM, or that has not come yet, is refused (400) naming `month`. Each report taken is written to the audit trail as `export.monthly_report` with its month and language.',
      request: {
        query: z.object({
          // checked by the service, so that a bad month is refused in words naming it
          month: z.string().optional().describe('The month, YYYY-MM (2026-11); not one to come'),
          lang: z.enum(REPORT_LANGUAGES).default('en').describe('Language of the report: en or uk'),
        }),
      },
      responses: {
        200: {
          description: 'The PDF, as an attachment',
          headers: z.object({
            'Content-Disposition': z
              .string()
              .describe('attachment; filename="monthly-report-2026-11-uk.pdf"'),
          }),
          content: { 'application/pdf': { schema: File } },
        },
        ...PROBLEMS,
      },
    }),
    async (c) => {
      const actor = requirePermission(c.get('user'), 'dashboard.read')
      const { month, lang } = c.req.valid('query')
      const { pdf, fileName } = await reports.monthly(actor, { month, lang })
      return c.body(new Uint8Array(pdf), 200, {
        'Content-Type': 'application/pdf',
        'Content-Disposition': `attachment; filename="${fileName}"`,
        'Content-Length': String(pdf.length),
      })
    },
  )
  return app
}
