import type { AuditInput } from '../audit/store'
import type { Actor } from '../auth/actor'
import type { Clock } from '../core/clock'
import { DomainError, notFound, ValidationError } from '../core/errors'
import type { Db } from '../db/connection'
import * as store from './store'

export const today = (clock: Clock) => clock().toISOString().slice(0, 10)

/** An audit entry on a missing person's record. */
export function entry(actor: Actor, action: string, id: string, before: unknown, after: unknown): AuditInput {
  return {
    actorId: actor.id,
    actorName: actor.name,
    action,
    entityType: 'missing_person',
    entityId: id,
    before,
    after,
  }
}

export function notInFuture(date: string | undefined, path: string, now: string) {
  if (date && date > now) throw new ValidationError([{ path, message: `${date} is in the future` }])
}

/**
 * A record that can take a change: it exists and was not merged into another (a merged record is a
 * pointer; what is learnt of the person goes on the record it points to).
 * @throws DomainError NOT_FOUND; INVALID_TRANSITION naming the record it was merged into
 */
export async function openRecord(tx: Db, id: string): Promise<store.MissingRow> {
  const row = await store.findMissing(tx, id)
  if (!row) throw notFound('Missing person', id)
  if (row.merged_into) {
    const into = await store.findMissing(tx, row.merged_into)
    throw new DomainError(
      'INVALID_TRANSITION',
      `Record No. ${row.register_number} was merged into record No. ${into?.register_number ?? '?'}: make the change there`,
      {
        details: {
          refusal: 'merged',
          registerNumber: Number(row.register_number),
          mergedInto: row.merged_into,
          mergedIntoNumber: into ? Number(into.register_number) : null,
        },
      },
    )
  }
  return row
}
