import { createRoute, OpenAPIHono } from '@hono/zod-openapi'
import { z } from 'zod'
import type { DisclosureLog } from '../audit/disclosure'
import type { AppEnv } from '../http/env'
import { requirePermission } from '../http/env'
import { CONFLICT, IdParam, jsonBody, jsonOk, NOT_FOUND, PROBLEMS } from '../http/openapi'
import { PersonEventInput } from './events'
import { FACT_FILTER_NAMES, type FactFilter } from './facts'
import {
  AmendPerson,
  CreateFacility,
  Health,
  PersonCategory,
  RegisterCapture,
  RegisterPerson,
  Sex,
} from './model'
import { personViewOf, showEvent, showPerson } from './present'
import {
  Capture,
  Facility,
  PersonCount,
  PersonEventShown,
  PersonPage,
  PersonShown,
  PersonWritten,
  RegisterCounts,
} from './responses'
import { type CustodyService, decodeCursor } from './service'
import { PERSON_STATUSES } from './state'

const PersonFilterQuery = z.object({
  q: z
    .string()
    .trim()
    .max(200)
    .optional()
    .describe('Surname prefix (as written or in Latin letters) or exact service number'),
  status: z.enum(PERSON_STATUSES).optional(),
  category: PersonCategory.optional(),
  facilityId: z.uuid().optional(),
  captureId: z.uuid().optional(),
  fact: z
    .enum(FACT_FILTER_NAMES as [FactFilter, ...FactFilter[]])
    .optional()
    .describe('Persons of whom this fact holds now: consent_given, refused_repatriation, proceedings_open'),
  confirmation: z
    .enum(['confirmed', 'unconfirmed', 'all'])
    .default('confirmed')
    .describe('Unconfirmed reports are hidden unless asked for'),
  // the dashboard's figures link here: each is a list of persons held now by one trait
  held: z.enum(['true']).optional().describe('Only persons held now: captured, interned or hospitalised'),
  sex: Sex.optional(),
  health: z
    .enum([...Health.options, 'seriously_wounded_or_sick'])
    .optional()
    .describe('A health as recorded, or seriously_wounded_or_sick for either'),
  registeredFrom: z.iso
    .date({ error: 'must be a date YYYY-MM-DD' })
    .optional()
    .describe('Registered on or after this day (UTC): the dashboard’s registrations per week link here'),
  registeredTo: z.iso
    .date({ error: 'must be a date YYYY-MM-DD' })
    .optional()
    .describe('Registered on or before this day (UTC)'),
})
const PersonListQuery = PersonFilterQuery.extend({
  sort: z.enum(['registerNumber', 'surname', 'dateOfBirth', 'status']).default('registerNumber'),
  direction: z.enum(['asc', 'desc']).default('desc'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(500).optional().describe('nextCursor of the previous page'),
})

const tags = ['custody']

/**
 * Routes of the custody register: persons, their events, captures and facilities. Every read of
 * persons is shown in the reader's field set (personViewOf) and written to the audit trail.
 */
export function custodyRoutes(custody: CustodyService, disclosures: DisclosureLog) {
  const app = new OpenAPIHono<AppEnv>()

  app.openapi(
    createRoute({
      method: 'get',
      path: '/persons',
      tags,
      summary: 'List persons in our power',
      request: { query: PersonListQuery },
      responses: { 200: jsonOk('A page of persons and the cursor of the next', PersonPage), ...PROBLEMS },
    }),
    async (c) => {
      const actor = requirePermission(c.get('user'), 'persons.read')
      const { sort, direction, limit, cursor, ...filter } = c.req.valid('query')
      const page = await custody.listPersons(filter, {
        sort,
        direction,
        limit,
        after: cursor ? decodeCursor(cursor) : undefined,
      })
      const view = personViewOf(actor.role)
      await disclosures.record(actor, {
        what: 'persons.list.read',
        query: { ...filter, sort, direction, limit, page: cursor ? 'next' : 'first' },
        count: page.items.length,
        ids: page.items.map((p) => p.id),
        view,
      })
      return c.json({ ...page, items: page.items.map((p) => showPerson(p, view)) }, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/persons/count',
      tags,
      summary: 'Count persons matching a filter',
      request: { query: PersonFilterQuery },
      responses: {
        200: jsonOk('How many persons match; capped when more than 100,000', PersonCount),
        ...PROBLEMS,
      },
    }),
    async (c) => {
      requirePermission(c.get('user'), 'persons.read')
      return c.json(await custody.countPersons(c.req.valid('query')), 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/persons',
      tags,
      summary: 'Register a person',
      request: { body: jsonBody(RegisterPerson) },
      responses: { 201: jsonOk('The registered person', PersonWritten), ...PROBLEMS },
    }),
    async (c) => {
      const actor = requirePermission(c.get('user'), 'persons.write')
      return c.json(await custody.registerPerson(actor, c.req.valid('json')), 201)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/persons/{id}',
      tags,
      summary: "Read a person's record (the read is audited)",
      request: { params: IdParam },
      responses: {
        200: jsonOk('The person, in the fields this reader may see', PersonShown),
        ...PROBLEMS,
        ...NOT_FOUND,
      },
    }),
    async (c) => {
      // getPerson writes the person.read entry itself, in the transaction that reads the record
      const actor = requirePermission(c.get('user'), 'persons.read')
      const person = await custody.getPerson(actor, c.req.valid('param').id)
      return c.json(showPerson(person, personViewOf(actor.role)), 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/persons/{id}',
      tags,
      summary: 'Correct particulars, with a reason',
      request: { params: IdParam, body: jsonBody(AmendPerson) },
      responses: {
        200: jsonOk('The corrected person', PersonWritten),
        ...PROBLEMS,
        ...NOT_FOUND,
        ...CONFLICT,
      },
    }),
    async (c) => {
      const actor = requirePermission(c.get('user'), 'persons.write')
      return c.json(await custody.amendPerson(actor, c.req.valid('param').id, c.req.valid('json')), 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/persons/{id}/events',
      tags,
      summary: "A person's history",
      request: { params: IdParam },
      responses: {
        200: jsonOk('The events in order', z.object({ items: z.array(PersonEventShown) })),
        ...PROBLEMS,
        ...NOT_FOUND,
      },
    }),
    async (c) => {
      const actor = requirePermission(c.get('user'), 'persons.read')
      const { id } = c.req.valid('param')
      const events = await custody.listEvents(id)
      const view = personViewOf(actor.role)
      await disclosures.record(actor, {
        what: 'person.events.read',
        entity: { type: 'person', id },
        count: events.length,
        view,
      })
      return c.json({ items: events.map((e) => showEvent(e, view)) }, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/persons/{id}/events',
      tags,
      summary: 'Record what happened to a person',
      request: { params: IdParam, body: jsonBody(PersonEventInput) },
      responses: {
        201: jsonOk('The person in their new state', PersonWritten),
        ...PROBLEMS,
        ...NOT_FOUND,
        ...CONFLICT,
      },
    }),
    async (c) => {
      const actor = requirePermission(c.get('user'), 'persons.write')
      return c.json(await custody.recordEvent(actor, c.req.valid('param').id, c.req.valid('json')), 201)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/captures',
      tags,
      summary: 'Recent captures',
      responses: {
        200: jsonOk('Recent captures, newest first', z.object({ items: z.array(Capture) })),
        ...PROBLEMS,
      },
    }),
    async (c) => {
      requirePermission(c.get('user'), 'persons.read')
      return c.json({ items: await custody.listCaptures() }, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/captures',
      tags,
      summary: 'Register a group capture and everyone taken in it',
      request: { body: jsonBody(RegisterCapture) },
      responses: {
        201: jsonOk(
          'The capture and everyone registered in it',
          z.object({ capture: Capture, persons: z.array(PersonWritten) }),
        ),
        ...PROBLEMS,
      },
    }),
    async (c) => {
      const actor = requirePermission(c.get('user'), 'captures.write')
      return c.json(await custody.registerCapture(actor, c.req.valid('json')), 201)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/facilities',
      tags,
      summary: 'Facilities with their occupancy',
      responses: {
        200: jsonOk('Facilities with their occupancy', z.object({ items: z.array(Facility) })),
        ...PROBLEMS,
      },
    }),
    async (c) => {
      requirePermission(c.get('user'), 'facilities.read')
      return c.json({ items: await custody.listFacilities() }, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/facilities',
      tags,
      summary: 'Create a facility',
      request: { body: jsonBody(CreateFacility) },
      responses: { 201: jsonOk('The facility', Facility), ...PROBLEMS },
    }),
    async (c) => {
      const actor = requirePermission(c.get('user'), 'facilities.write')
      return c.json(await custody.createFacility(actor, c.req.valid('json')), 201)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/reports/register-counts',
      tags: ['reports'],
      summary: 'Counts by status and category (confirmed records only)',
      responses: { 200: jsonOk('Counts by status and category', RegisterCounts), ...PROBLEMS },
    }),
    async (c) => {
      requirePermission(c.get('user'), 'persons.read')
      return c.json(await custody.registerCounts(), 200)
    },
  )

  return app
}
