import { z } from 'zod'
import type { appendAudit } from '../audit/store'
import type { Actor } from '../auth/actor'
import type { Clock } from '../core/clock'
import { DomainError, notFound } from '../core/errors'
import { parseInput } from '../core/validate'
import type { Db } from '../db/connection'
import { createWritePipeline } from '../db/write'
import type { MissingEvent } from './events'
import { followMerges } from './merge-store'
import * as reviews from './review-store'
import { missingStateWith } from './state'
import { stateColumns } from './state-columns'
import * as store from './store'
import { entry, openRecord } from './write-helpers'

export const ResolveReview = z
  .object({
    action: z
      .enum(['record_return', 'dismiss'])
      .describe(
        'record_return: write the return now (after the record was put right); dismiss: nothing to write',
      ),
    note: z.string().trim().max(1000, 'must be at most 1000 characters').optional(),
  })
  .refine((v) => v.action !== 'dismiss' || !!v.note, {
    path: ['note'],
    message: 'say why no return is written',
  })
export type ResolveReview = z.input<typeof ResolveReview>

export type ReviewDeps = { db: Db; audit: { appendAudit: typeof appendAudit }; clock: Clock }

const present = (r: Awaited<ReturnType<typeof reviews.listReviews>>[number]) => ({
  id: r.id,
  missingPersonId: r.missing_person_id,
  registerNumber: Number(r.register_number),
  recordStatus: r.status,
  mergedInto: r.merged_into,
  person: r.person,
  exchange: r.exchange_name,
  returnedOn: r.returned_on,
  source: r.source,
  reason: r.reason,
  raisedAt: new Date(r.raised_at).toISOString(),
  resolvedAt: r.resolved_at ? new Date(r.resolved_at).toISOString() : null,
  resolution: r.resolution,
  note: r.resolution_note,
})

/**
 * Returns a handover completion could not write on the register (the record said dead, returned
 * or was gone): a list for tracers, each settled by writing the return once the record is put
 * right (a wrong death retracted), or dismissed with a reason. Both are audited on the record.
 */
export function createReturnReviews(deps: ReviewDeps) {
  const write = createWritePipeline(deps)

  async function listReturnReviews(opts: { open: boolean; limit: number }) {
    return (await reviews.listReviews(deps.db, opts)).map(present)
  }

  /**
   * @throws ValidationError; DomainError NOT_FOUND, INVALID_TRANSITION (already settled; the record
   * still cannot take the return, naming the event it conflicts with)
   */
  async function resolveReturnReview(actor: Actor, reviewId: string, input: ResolveReview) {
    const parsed = parseInput(ResolveReview, input)
    return write(async (ctx) => {
      const review = await reviews.findReview(ctx.tx, reviewId)
      if (!review) throw notFound('Return to review', reviewId)
      const id = (await followMerges(ctx.tx, [review.missing_person_id])).get(review.missing_person_id)!
      await ctx.lock('missing_persons', [id])
      const again = (await reviews.findReview(ctx.tx, reviewId))!
      if (again.resolved_at)
        throw new DomainError('INVALID_TRANSITION', `The return of ${review.person} was already settled`, {
          details: { refusal: 'review_settled' },
        })
      const record = await openRecord(ctx.tx, id)
      const audit = []
      if (parsed.action === 'record_return') {
        const history = await store.listMissingEvents(ctx.tx, id)
        const event: Omit<MissingEvent, 'seq'> = {
          type: 'returned',
          occurredOn: review.returned_on,
          source: review.source,
          confidence: 'high',
          details: { how: 'exchange', review: reviewId, ...(parsed.note ? { note: parsed.note } : {}) },
        }
        const after = missingStateWith(history, event)
        const seq = history.reduce((m, e) => Math.max(m, e.seq), 0) + 1
        await store.insertMissingEvents(ctx.tx, [
          {
            missing_person_id: id,
            seq,
            type: 'returned',
            occurred_on: event.occurredOn,
            source: event.source,
            confidence: 'high',
            details: JSON.stringify(event.details),
            author_id: actor.id,
          },
        ])
        await store.updateMissing(ctx.tx, id, {
          ...stateColumns(after),
          updated_at: ctx.now,
          version: record.version + 1,
        })
        audit.push(
          entry(
            actor,
            'missing.event.returned',
            id,
            { status: record.status, captivity: record.captivity },
            { status: after.status, captivity: after.captivity, ...event, ...event.details },
          ),
        )
      }
      const resolution = parsed.action === 'record_return' ? 'returned' : 'dismissed'
      await reviews.resolveReview(ctx.tx, reviewId, {
        by: actor.id,
        at: ctx.now,
        resolution,
        note: parsed.note ?? null,
      })
      audit.push(
        entry(
          actor,
          'missing.return.resolved',
          id,
          { reason: review.reason },
          {
            person: review.person,
            exchange: review.exchange_name,
            resolution,
            note: parsed.note ?? null,
          },
        ),
      )
      return { result: { id: reviewId, resolution }, audit }
    })
  }

  return { listReturnReviews, resolveReturnReview }
}
