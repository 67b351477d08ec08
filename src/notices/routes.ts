import { createRoute, OpenAPIHono } from '@hono/zod-openapi'
import { z } from 'zod'
import type { DisclosureLog } from '../audit/disclosure'
import { can } from '../auth/roles'
import { CalendarDate } from '../custody/model'
import { renderPdf } from '../documents/pdf'
import type { AppEnv } from '../http/env'
import { requirePermission } from '../http/env'
import { CONFLICT, IdParam, jsonBody, jsonOk, NOT_FOUND, PROBLEMS } from '../http/openapi'
import { CARD_LANGUAGES, cardDocument, FAMILY_FIELDS } from './card'
import { noticeBacklogRoutes } from './routes-backlog'
import { KeptFileOut, noticeFileRoutes } from './routes-files'
import { NOTICE_KINDS, RECIPIENTS } from './rules'
import type { NoticesService } from './service'

const tags = ['notices']
const STATES = ['due', 'prepared', 'sent', 'acknowledged', 'superseded'] as const
const File = z.string().meta({ format: 'binary' })

const NoticeOut = z
  .object({
    id: z.uuid(),
    number: z.number(),
    personId: z.uuid(),
    registerNumber: z.number(),
    name: z.string().describe('As written'),
    nameLatin: z.string().nullable(),
    kind: z.enum(NOTICE_KINDS),
    convention: z.string().describe('GC III or GC IV'),
    article: z.string().describe('The article that requires the notice'),
    recipient: z.enum(RECIPIENTS),
    event: z.object({ seq: z.number(), type: z.string(), occurredOn: z.string() }),
    dueOn: z.string(),
    overdueDays: z
      .number()
      .nullable()
      .describe('Days past the deadline (negative: days left); null once sent'),
    state: z.enum(STATES),
    withheldFromPower: z.boolean().describe('GC IV Art. 137: to the Central Agency only'),
    batchId: z.uuid().nullable(),
    supersedes: z.uuid().nullable(),
  })
  .meta({ id: 'Notice' })

const BatchOut = z
  .object({
    id: z.uuid(),
    number: z.number(),
    recipient: z.enum(RECIPIENTS),
    state: z.enum(['prepared', 'sent', 'acknowledged']),
    backlog: z.boolean().describe('Notices recorded as sent before Parley, not a batch sent from it'),
    preparedBy: z.string(),
    preparedAt: z.string(),
    sent: z
      .object({
        at: z.string(),
        by: z.string().nullable(),
        how: z.string().nullable(),
        reference: z.string().nullable(),
      })
      .nullable(),
    acknowledged: z
      .object({ at: z.string(), by: z.string().nullable(), note: z.string().nullable() })
      .nullable(),
  })
  .meta({ id: 'NoticeBatch' })

const ListQuery = z.object({
  state: z.enum(STATES).optional(),
  person: z.uuid().optional().describe('Only this person'),
  overdue: z.enum(['true', 'false']).optional().describe('Only due or prepared notices past their deadline'),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
})

const PrepareBody = z.object({
  recipient: z
    .enum(RECIPIENTS)
    .default('agency')
    .describe('agency: the Central Tracing Agency; power: the Power directly'),
  noticeIds: z
    .array(z.uuid())
    .max(10_000)
    .optional()
    .describe('These due notices; default every one due to the recipient'),
})

const SentBody = z.object({
  on: CalendarDate.describe('The day it was sent'),
  how: z.string().trim().min(1, 'say how it was sent, e.g. "CTA portal" or "diplomatic note"').max(200),
  reference: z.string().trim().max(200).optional().describe('The sending reference'),
})

const AckBody = z.object({
  on: CalendarDate.describe('The day the acknowledgement was received'),
  note: z.string().trim().max(500).optional().describe("The recipient's reference or words"),
})

const WithholdBody = z.object({
  reason: z.string().trim().min(1, 'say why transmission could harm the person or the family').max(1000),
})

/** The liaison's queue under /notices: what is owed to the ICRC, batches, cards. Every read is audited. */
export function noticeRoutes(notices: NoticesService, disclosures: DisclosureLog) {
  const app = new OpenAPIHono<AppEnv>()

  app.openapi(
    createRoute({
      method: 'get',
      path: '/notices',
      tags,
      summary: 'Notices owed, earliest deadline first, with their age; filter by state, person or overdue',
      request: { query: ListQuery },
      responses: { 200: jsonOk('The notices', z.object({ items: z.array(NoticeOut) })), ...PROBLEMS },
    }),
    async (c) => {
      const actor = requirePermission(c.get('user'), 'notices.read')
      const q = c.req.valid('query')
      const items = await notices.list(
        { state: q.state, personId: q.person, overdue: q.overdue === 'true' },
        q.limit,
      )
      await disclosures.record(actor, {
        what: 'notices.list.read',
        query: { state: q.state, person: q.person, overdue: q.overdue, limit: q.limit },
        count: items.length,
        ids: [...new Set(items.map((n) => n.personId))],
      })
      return c.json({ items } as never, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/notices/batches',
      tags,
      summary: 'Prepare a batch: the named due notices, or every one due to the recipient',
      description:
        "A notice that may not go to the recipient refuses the whole batch, naming it (GC IV Art. 137: a marked person's notices never go to the Power); nothing changes then. A batch of more than 5,000 notices is prepared by a worker (202 and the job's id); its batch is written whole when the job ends, or not at all if it is cancelled.",
      request: { body: jsonBody(PrepareBody) },
      responses: {
        201: jsonOk('The batch', BatchOut.extend({ count: z.number() })),
        202: jsonOk(
          'A large batch (over 5,000 notices): prepared by a worker as a job; follow it at /jobs/{jobId}, whose result names the batch (batchId, number, count)',
          z.object({ jobId: z.uuid() }),
        ),
        ...PROBLEMS,
      },
    }),
    async (c) => {
      const actor = requirePermission(c.get('user'), 'notices.write')
      const out = await notices.prepareOrQueue(actor, c.req.valid('json'))
      if ('jobId' in out) return c.json({ jobId: out.jobId }, 202)
      return c.json(out.batch as never, 201)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/notices/batches',
      tags,
      summary: 'Batches, newest first, with their state and how many notices each holds',
      request: { query: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) }) },
      responses: {
        200: jsonOk('The batches', z.object({ items: z.array(BatchOut.extend({ count: z.number() })) })),
        ...PROBLEMS,
      },
    }),
    async (c) => {
      requirePermission(c.get('user'), 'notices.read')
      return c.json({ items: await notices.batches(c.req.valid('query').limit) } as never, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/notices/batches/{id}',
      tags,
      summary: 'A batch and its notices (the read is audited)',
      request: { params: IdParam },
      responses: {
        200: jsonOk(
          'The batch',
          BatchOut.extend({ notices: z.array(NoticeOut), files: z.array(KeptFileOut) }),
        ),
        ...PROBLEMS,
        ...NOT_FOUND,
      },
    }),
    async (c) => {
      const actor = requirePermission(c.get('user'), 'notices.read')
      const { id } = c.req.valid('param')
      const batch = await notices.getBatch(id)
      await disclosures.record(actor, {
        what: 'notices.batch.read',
        entity: { type: 'notice_batch', id },
        count: batch.notices.length,
        ids: [...new Set(batch.notices.map((n) => n.personId))],
      })
      return c.json(batch as never, 200)
    },
  )

  for (const step of ['sent', 'acknowledged'] as const) {
    app.openapi(
      createRoute({
        method: 'post',
        path: `/notices/batches/{id}/${step}`,
        tags,
        summary:
          step === 'sent'
            ? 'Mark a prepared batch sent: how, on which day, with which reference'
            : 'Mark a sent batch acknowledged by its recipient',
        request: { params: IdParam, body: jsonBody(step === 'sent' ? SentBody : AckBody) },
        responses: { 200: jsonOk('The batch', BatchOut), ...PROBLEMS, ...NOT_FOUND, ...CONFLICT },
      }),
      async (c) => {
        const actor = requirePermission(c.get('user'), 'notices.write')
        const { id } = c.req.valid('param')
        const body = c.req.valid('json')
        const out =
          step === 'sent'
            ? await notices.markSent(actor, id, body)
            : await notices.markAcknowledged(actor, id, body)
        return c.json(out as never, 200)
      },
    )
  }

  app.openapi(
    createRoute({
      method: 'put',
      path: '/notices/persons/{id}/withhold',
      tags,
      summary: "Mark a civilian's information as harmful to transmit to the Power (GC IV Art. 137)",
      description:
        "The person's open and later notices go to the Central Tracing Agency only, flagged so that it takes the precautions of Art. 140; they never join a batch to the Power.",
      request: { params: IdParam, body: jsonBody(WithholdBody) },
      responses: {
        200: jsonOk(
          'The mark',
          z.object({
            personId: z.uuid(),
            reason: z.string(),
            notices: z.number().describe('Open notices flagged'),
          }),
        ),
        ...PROBLEMS,
        ...NOT_FOUND,
      },
    }),
    async (c) => {
      const actor = requirePermission(c.get('user'), 'notices.write')
      const { id } = c.req.valid('param')
      return c.json(await notices.withhold(actor, id, c.req.valid('json').reason), 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/notices/{id}/card.pdf',
      tags,
      summary:
        "The notice's printed form as PDF: capture card (GC III Annex IV B), internment card (GC IV Annex III) or notification of death (GC III Annex IV D)",
      request: {
        params: IdParam,
        query: z.object({
          lang: z.enum(CARD_LANGUAGES).default('uk').describe('uk, ru or en'),
          also: z
            .enum(CARD_LANGUAGES)
            .optional()
            .describe("A second language for the labels, e.g. the prisoner's own (Annex IV B)"),
        }),
      },
      responses: {
        200: {
          description: 'The card, as an attachment',
          content: { 'application/pdf': { schema: File } },
        },
        ...PROBLEMS,
        ...NOT_FOUND,
      },
    }),
    async (c) => {
      const actor = requirePermission(c.get('user'), 'notices.read')
      const { id } = c.req.valid('param')
      const { lang, also } = c.req.valid('query')
      const { notice, fields } = await notices.cardOf(id)
      // the family particulars stay with the roles that may read them, on paper too
      const hidden = new Set<string>(can(actor.role, 'particulars.read') ? [] : FAMILY_FIELDS)
      const bytes = await renderPdf(cardDocument(fields, lang, hidden, also))
      await disclosures.record(actor, {
        what: 'notice.card.read',
        entity: { type: 'person', id: notice.person_id },
        query: { notice: notice.number, lang, also },
        count: 1,
        ids: [notice.person_id],
      })
      return c.body(new Uint8Array(bytes), 200, {
        'Content-Type': 'application/pdf',
        'Content-Disposition': `attachment; filename="card-${notice.number}-${lang}.pdf"`,
        'Content-Length': String(bytes.length),
      })
    },
  )

  app.route('/', noticeFileRoutes(notices, disclosures))
  app.route('/', noticeBacklogRoutes(notices))
  return app
}
