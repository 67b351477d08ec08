import { createRoute, type OpenAPIHono } from '@hono/zod-openapi'
import { z } from 'zod'
import type { DisclosureLog } from '../audit/disclosure'
import { DomainError } from '../core/errors'
import { personViewOf } from '../custody/present'
import type { AppEnv } from '../http/env'
import { requirePermission } from '../http/env'
import { CONFLICT, IdParam, jsonBody, jsonOk, NOT_FOUND, PROBLEMS } from '../http/openapi'
import { withUploadedBytes } from '../http/upload'
import { CorrectEvent, RetractEvent } from './corrections-model'
import { MergeInput } from './merges'
import { PHOTO_TYPES } from './photos'
import { showMissing } from './present'
import { ResolveReview } from './return-reviews'
import { MissingDuplicatesOut, MissingPersonOut, ReturnReviewOut } from './schemas'
import type { MissingService } from './service'

const tags = ['missing']
const EventParam = IdParam.extend({
  seq: z.coerce.number().int().positive().describe('The event, by its number'),
})
const ShaParam = z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be a sha256 in hex') })
const written = { ...PROBLEMS, ...NOT_FOUND, ...CONFLICT }

/**
 * Corrections, retractions, merges, duplicates, photographs and returns to review. Registered
 * before `/missing/{id}` so that `/missing/return-reviews` is not read as an id.
 */
export function addMissingChangeRoutes(
  app: OpenAPIHono<AppEnv>,
  missing: MissingService,
  disclosures: DisclosureLog,
) {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/missing/return-reviews',
      tags,
      summary: 'Returns a handover could not write on the register, for a tracer to settle',
      request: {
        query: z.object({
          state: z.enum(['open', 'settled']).default('open'),
          limit: z.coerce.number().int().min(1).max(500).default(200),
        }),
      },
      responses: {
        200: jsonOk('Oldest open first', z.object({ items: z.array(ReturnReviewOut) })),
        ...PROBLEMS,
      },
    }),
    async (c) => {
      const actor = requirePermission(c.get('user'), 'missing.record')
      const q = c.req.valid('query')
      const items = await missing.listReturnReviews({ open: q.state === 'open', limit: q.limit })
      await disclosures.record(actor, {
        what: 'missing.return.review.read',
        query: { state: q.state },
        count: items.length,
        ids: items.map((i) => i.missingPersonId),
      })
      return c.json({ items } as never, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/missing/return-reviews/{id}/resolve',
      tags,
      summary: 'Settle a return to review: write the return now, or dismiss it with a reason',
      request: { params: IdParam, body: jsonBody(ResolveReview) },
      responses: {
        200: jsonOk('Settled', z.object({ id: z.uuid(), resolution: z.enum(['returned', 'dismissed']) })),
        ...written,
      },
    }),
    async (c) => {
      const actor = requirePermission(c.get('user'), 'missing.record')
      const out = await missing.resolveReturnReview(actor, c.req.valid('param').id, c.req.valid('json'))
      return c.json(out as never, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/missing/photos/{sha256}',
      tags,
      summary: 'A stored photograph (readers who see a record in full only)',
      request: { params: ShaParam },
      responses: {
        200: { description: 'The image', content: { 'image/jpeg': { schema: z.string() } } },
        ...PROBLEMS,
        ...NOT_FOUND,
      },
    }),
    async (c) => {
      const actor = requirePermission(c.get('user'), 'missing.read')
      // a face identifies a person more surely than a name: the same line as marks and last sighting
      if (personViewOf(actor.role) !== 'full')
        throw new DomainError('FORBIDDEN', `The ${actor.role} role may not see photographs`)
      const { sha256 } = c.req.valid('param')
      const photo = await missing.getPhoto(sha256)
      await disclosures.record(actor, { what: 'missing.photo.read', query: { photo: sha256 }, count: 1 })
      return c.body(new Uint8Array(photo.bytes), 200, {
        'content-type': photo.type,
        'cache-control': 'private, max-age=3600',
      }) as never
    },
  )

  app.openapi(
    createRoute({
      method: 'put',
      path: '/missing/{id}/photo',
      tags,
      summary: 'Set the photograph (JPEG, PNG or WebP, at most 5 MB; stored once by its sha256)',
      request: {
        params: IdParam,
        body: {
          content: Object.fromEntries(PHOTO_TYPES.map((t) => [t, { schema: z.string() }])),
          required: true,
        },
      },
      responses: { 200: jsonOk('The record with its photograph', MissingPersonOut), ...written },
    }),
    async (c) => {
      const actor = requirePermission(c.get('user'), 'missing.write')
      const { id } = c.req.valid('param')
      const person = await withUploadedBytes(c, 'photo', (bytes) =>
        missing.setPhoto(actor, id, bytes, c.req.header('content-type')),
      )
      return c.json(person as never, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/missing/{id}/duplicates',
      tags,
      summary: 'Records of the register that may be this person (name engine, service number, birth date)',
      request: { params: IdParam },
      responses: { 200: jsonOk('Likeliest first', MissingDuplicatesOut), ...PROBLEMS, ...NOT_FOUND },
    }),
    async (c) => {
      const actor = requirePermission(c.get('user'), 'missing.read')
      const { id } = c.req.valid('param')
      const items = await missing.possibleDuplicates(id)
      const view = personViewOf(actor.role)
      await disclosures.record(actor, {
        what: 'missing.duplicates.read',
        entity: { type: 'missing_person', id },
        count: items.length,
        ids: items.map((d) => d.person.id),
        view,
      })
      return c.json(
        { items: items.map((d) => ({ ...d, person: showMissing(d.person, view) })) } as never,
        200,
      )
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/missing/{id}/events/{seq}/correction',
      tags,
      summary: 'Correct an event (wrong date, source, kind): kept as a correction, the history folded again',
      request: { params: EventParam, body: jsonBody(CorrectEvent) },
      responses: { 201: jsonOk('The record in its new state', MissingPersonOut), ...written },
    }),
    async (c) => {
      const actor = requirePermission(c.get('user'), 'missing.record')
      const { id, seq } = c.req.valid('param')
      return c.json((await missing.correctEvent(actor, id, seq, c.req.valid('json'))) as never, 201)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/missing/{id}/events/{seq}/retraction',
      tags,
      summary:
        'Retract an event (it did not happen, or not to this person: moveTo records it on the right one)',
      request: { params: EventParam, body: jsonBody(RetractEvent) },
      responses: { 201: jsonOk('The record in its new state', MissingPersonOut), ...written },
    }),
    async (c) => {
      const actor = requirePermission(c.get('user'), 'missing.record')
      const { id, seq } = c.req.valid('param')
      return c.json((await missing.retractEvent(actor, id, seq, c.req.valid('json'))) as never, 201)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/missing/{id}/merge',
      tags,
      summary: 'Merge another record of the same person into this one (the other becomes a pointer)',
      request: { params: IdParam, body: jsonBody(MergeInput) },
      responses: { 200: jsonOk('The kept record', MissingPersonOut), ...written },
    }),
    async (c) => {
      const actor = requirePermission(c.get('user'), 'missing.write')
      return c.json(
        (await missing.mergeRecords(actor, c.req.valid('param').id, c.req.valid('json'))) as never,
        200,
      )
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/missing/{id}/unmerge',
      tags,
      summary: 'Take a merged record out again: its reports go back, the copied events are retracted',
      request: { params: IdParam },
      responses: { 200: jsonOk('The record it had been merged into', MissingPersonOut), ...written },
    }),
    async (c) => {
      const actor = requirePermission(c.get('user'), 'missing.write')
      return c.json((await missing.unmergeRecord(actor, c.req.valid('param').id)) as never, 200)
    },
  )
}
