import { createRoute, OpenAPIHono } from '@hono/zod-openapi'
import { z } from 'zod'
import type { DisclosureLog } from '../audit/disclosure'
import type { AuditService } from '../audit/service'
import type { Actor } from '../auth/actor'
import { can } from '../auth/roles'
import type { AppEnv } from '../http/env'
import { requirePermission } from '../http/env'
import { CONFLICT, IdParam, jsonBody, jsonOk, NOT_FOUND, PROBLEMS } from '../http/openapi'
import {
  AddFollowUp,
  CandidateRef,
  CloseEnquiry,
  Decision,
  DraftReply,
  EditReply,
  EnquirySettings,
  SendReply,
  TakeEnquiry,
} from './model'
import { type EnquiryView, showEnquiry } from './present'
import { EnquiryDetailOut, EnquiryPageOut, EnquirySettingsOut } from './schemas'
import type { EnquiryService } from './service'

const tags = ['enquiries']
const SeqParam = IdParam.extend({ seq: z.coerce.number().int().min(1).describe('Number within the enquiry') })
const ListQuery = z.object({
  state: z.enum(['open', 'closed', 'all']).default('open'),
  missingPersonId: z.uuid().optional().describe("Only this missing person's enquiries"),
})
const TrailOut = z
  .object({
    items: z.array(
      z.object({
        seq: z.number(),
        at: z.string(),
        actorName: z.string(),
        action: z.string(),
        after: z.unknown().optional().describe('What was recorded; for readers with enquiries.contact'),
      }),
    ),
  })
  .meta({ id: 'EnquiryTrail' })

const viewOf = (actor: Actor): EnquiryView => ({
  contact: can(actor.role, 'enquiries.contact'),
  identify: can(actor.role, 'persons.identify'),
})

const DETAIL = { 200: jsonOk('The enquiry as it now stands', EnquiryDetailOut), ...PROBLEMS, ...NOT_FOUND }
const CHANGE = { ...DETAIL, ...CONFLICT }

/**
 * Family enquiries under /enquiries: tracers take and work them, registrars read them, analysts
 * read them without who asks. Every read is written to the audit trail with the reader's view.
 */
export function enquiryRoutes(enquiries: EnquiryService, audit: AuditService, disclosures: DisclosureLog) {
  const app = new OpenAPIHono<AppEnv>()

  /** The enquiry after a change, in the actor's view. */
  const answer = (actor: Actor, e: Awaited<ReturnType<EnquiryService['getEnquiry']>>) =>
    showEnquiry(e, viewOf(actor)) as never

  app.openapi(
    createRoute({
      method: 'get',
      path: '/enquiries',
      tags,
      summary: "The tracer's list: open enquiries (or all), most urgent first, with age and overdue marks",
      request: { query: ListQuery },
      responses: { 200: jsonOk('Enquiries by urgency', EnquiryPageOut), ...PROBLEMS },
    }),
    async (c) => {
      const actor = requirePermission(c.get('user'), 'enquiries.read')
      const query = c.req.valid('query')
      const page = await enquiries.listEnquiries(query)
      await disclosures.record(actor, {
        what: 'enquiries.list.read',
        query,
        count: page.items.length,
        ids: page.items.map((e) => e.id),
        view: viewOf(actor).contact ? 'full' : 'without contact',
      })
      return c.json({ ...page, items: page.items.map((e) => showEnquiry(e, viewOf(actor))) } as never, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/enquiries',
      tags,
      summary:
        'Take an enquiry: about a record of the missing register (linked) or someone not yet there (a new record, the enquirer its reporter); searched at once',
      request: { body: jsonBody(TakeEnquiry) },
      responses: { 201: jsonOk('The enquiry with its first candidates', EnquiryDetailOut), ...PROBLEMS },
    }),
    async (c) => {
      const actor = requirePermission(c.get('user'), 'enquiries.work')
      return c.json(answer(actor, await enquiries.takeEnquiry(actor, c.req.valid('json'))), 201)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/enquiries/settings',
      tags,
      summary: 'When an unanswered enquiry becomes overdue',
      responses: { 200: jsonOk('The setting', EnquirySettingsOut), ...PROBLEMS },
    }),
    async (c) => {
      requirePermission(c.get('user'), 'enquiries.read')
      return c.json(await enquiries.readSettings(), 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'put',
      path: '/enquiries/settings',
      tags,
      summary: 'Change when an unanswered enquiry becomes overdue (admin)',
      request: { body: jsonBody(EnquirySettings) },
      responses: { 200: jsonOk('The setting', EnquirySettingsOut), ...PROBLEMS },
    }),
    async (c) => {
      const actor = requirePermission(c.get('user'), 'settings.manage')
      return c.json(await enquiries.updateSettings(actor, c.req.valid('json')), 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/enquiries/{id}',
      tags,
      summary:
        'One enquiry with its candidates and their evidence, replies and follow-ups (the read is audited)',
      request: { params: IdParam },
      responses: DETAIL,
    }),
    async (c) => {
      const actor = requirePermission(c.get('user'), 'enquiries.read')
      const { id } = c.req.valid('param')
      const e = await enquiries.getEnquiry(id)
      await disclosures.record(actor, {
        what: 'enquiry.read',
        entity: { type: 'enquiry', id },
        count: 1 + e.candidates.length,
        view: viewOf(actor).contact ? 'full' : 'without contact',
      })
      return c.json(answer(actor, e), 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/enquiries/{id}/trail',
      tags,
      summary: "The enquiry's audit trail: who took, searched, decided, drafted and sent what, and when",
      request: { params: IdParam },
      responses: { 200: jsonOk('Entries, newest first', TrailOut), ...PROBLEMS, ...NOT_FOUND },
    }),
    async (c) => {
      const actor = requirePermission(c.get('user'), 'enquiries.read')
      const { id } = c.req.valid('param')
      await enquiries.getEnquiry(id)
      const items = await audit.listEntries({ entityType: 'enquiry', entityId: id, limit: 500 })
      const full = viewOf(actor).contact
      await disclosures.record(actor, {
        what: 'enquiry.trail.read',
        entity: { type: 'enquiry', id },
        count: items.length,
      })
      return c.json(
        {
          items: items.map((e) => ({
            seq: e.seq,
            at: e.at.toISOString(),
            actorName: e.actorName,
            action: e.action,
            ...(full ? { after: e.after } : {}),
          })),
        },
        200,
      )
    },
  )

  const work = <P extends 'id' | 'seq'>(
    path: string,
    summary: string,
    body: z.ZodType | null,
    params: P extends 'seq' ? typeof SeqParam : typeof IdParam,
    run: (actor: Actor, p: { id: string; seq?: number }, input: unknown) => Promise<unknown>,
  ) =>
    app.openapi(
      createRoute({
        method: 'post',
        path,
        tags,
        summary,
        request: body ? { params, body: jsonBody(body) } : { params },
        responses: CHANGE,
      }),
      async (c) => {
        const actor = requirePermission(c.get('user'), 'enquiries.work')
        const p = c.req.valid('param' as never) as { id: string; seq?: number }
        const input = body ? c.req.valid('json' as never) : undefined
        const e = (await run(actor, p, input)) as Awaited<ReturnType<EnquiryService['getEnquiry']>>
        return c.json(answer(actor, e), 200)
      },
    )

  work(
    '/enquiries/{id}/search',
    'Search again against every register and stored list',
    null,
    IdParam,
    (a, p) => enquiries.searchAgain(a, p.id),
  )
  work(
    '/enquiries/{id}/decisions',
    'Confirm or reject a candidate (audited)',
    CandidateRef.extend(Decision.shape),
    IdParam,
    (a, p, input) => enquiries.decide(a, p.id, input),
  )
  work(
    '/enquiries/{id}/replies',
    "Draft a reply from the templates in the enquirer's language, with only what the consent allows",
    DraftReply,
    IdParam,
    (a, p, input) => enquiries.draftReply(a, p.id, input),
  )
  work(
    '/enquiries/{id}/replies/{seq}',
    'Change the words of a reply not yet sent',
    EditReply,
    SeqParam,
    (a, p, input) => enquiries.editReply(a, p.id, p.seq!, input),
  )
  work(
    '/enquiries/{id}/replies/{seq}/send',
    'Record that the reply was sent: how and when',
    SendReply,
    SeqParam,
    (a, p, input) => enquiries.sendReply(a, p.id, p.seq!, input),
  )
  work(
    '/enquiries/{id}/follow-ups',
    'Add a follow-up with its due date',
    AddFollowUp,
    IdParam,
    (a, p, input) => enquiries.addFollowUp(a, p.id, input),
  )
  work('/enquiries/{id}/follow-ups/{seq}/done', 'Mark a follow-up done', null, SeqParam, (a, p) =>
    enquiries.completeFollowUp(a, p.id, p.seq!),
  )
  work('/enquiries/{id}/close', 'Close the enquiry, with the reason', CloseEnquiry, IdParam, (a, p, input) =>
    enquiries.closeEnquiry(a, p.id, input),
  )

  return app
}
