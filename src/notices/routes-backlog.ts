import { createRoute, OpenAPIHono } from '@hono/zod-openapi'
import { z } from 'zod'
import { ValidationError } from '../core/errors'
import { CalendarDate } from '../custody/model'
import type { AppEnv } from '../http/env'
import { requirePermission } from '../http/env'
import { jsonBody, jsonOk, NOT_FOUND, PROBLEMS } from '../http/openapi'
import { RECIPIENTS } from './rules'
import type { NoticesService } from './service'

const tags = ['notices']

const BacklogBody = z.object({
  before: CalendarDate.optional().describe('Notices raised by events before this day'),
  importId: z.uuid().optional().describe('Notices about the persons of this import (GET /notices/imports)'),
  recipient: z.enum(RECIPIENTS).default('agency'),
  on: CalendarDate.optional().describe('The day they were sent; default today'),
  reference: z
    .string()
    .trim()
    .max(200)
    .optional()
    .describe('The reference of the earlier sending; required unless dryRun'),
  dryRun: z.boolean().default(false).describe('Only say how many notices it would mark'),
})

const BacklogOut = z
  .object({
    count: z.number().describe('Notices chosen (marked, unless dryRun)'),
    persons: z.number().describe('Persons they are about'),
    earliest: z.string().nullable().describe('Earliest event date among them (dry run)'),
    latest: z.string().nullable().describe('Latest event date among them (dry run)'),
    batchId: z.uuid().nullable().describe('The backlog batch they were put in; null on a dry run'),
    batchNumber: z.number().nullable(),
  })
  .meta({ id: 'NoticeBacklog' })

/** A backlog recorded as sent before Parley, and the person imports it can be chosen by. */
export function noticeBacklogRoutes(notices: NoticesService) {
  const app = new OpenAPIHono<AppEnv>()

  app.openapi(
    createRoute({
      method: 'post',
      path: '/notices/backlog',
      tags,
      summary: 'Record due notices as already sent before Parley (an imported backlog), in one action',
      description:
        'Chooses the due notices raised by events before a date and/or about the persons of an import, and marks them sent ("sent before Parley", the day, the reference) in one backlog batch, audited once. Refused, changing nothing, when none is chosen. dryRun only counts them.',
      request: { body: jsonBody(BacklogBody) },
      responses: { 200: jsonOk('What was (or would be) marked', BacklogOut), ...PROBLEMS, ...NOT_FOUND },
    }),
    async (c) => {
      const actor = requirePermission(c.get('user'), 'notices.write')
      const { dryRun, ...input } = c.req.valid('json')
      if (dryRun) {
        const p = await notices.previewBacklogSent(input)
        return c.json({ ...p, batchId: null, batchNumber: null }, 200)
      }
      if (!input.reference)
        throw new ValidationError([
          {
            path: 'reference',
            message: 'give the reference of the earlier sending, e.g. "paper lists 2024"',
          },
        ])
      const r = await notices.markBacklogAsSent(actor, { ...input, reference: input.reference })
      return c.json({ ...r, earliest: null, latest: null }, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/notices/imports',
      tags,
      summary: 'Person imports, newest first: what a backlog can be chosen by',
      responses: {
        200: jsonOk(
          'The imports',
          z.object({
            items: z.array(
              z.object({
                id: z.uuid(),
                fileName: z.string(),
                rows: z.number(),
                created: z.number(),
                importedBy: z.string(),
                importedAt: z.string(),
              }),
            ),
          }),
        ),
        ...PROBLEMS,
      },
    }),
    async (c) => {
      requirePermission(c.get('user'), 'notices.write')
      return c.json({ items: await notices.imports() }, 200)
    },
  )

  return app
}
