import type { AuditInput } from '../../audit/store'
import type { Actor } from '../../auth/actor'
import type { Clock } from '../../core/clock'
import { DomainError, notFound } from '../../core/errors'
import type { Romanize } from '../../custody/person-row'
import type { CustodyService } from '../../custody/service'
import type { Db } from '../../db/connection'
import type { WriteContext, WritePipeline } from '../../db/write'
import * as store from '../store'

/** What every exchange use case is built from. */
export type ExchangeDeps = {
  db: Db
  write: WritePipeline
  clock: Clock
  custody: CustodyService
  /** the Latin form stored beside a name, for the missing-persons records a handover creates */
  romanize: Romanize
}

export const todayOf = (clock: Clock) => clock().toISOString().slice(0, 10)

export function exchangeEntry(actor: Actor, action: string, id: string, after: unknown): AuditInput {
  return {
    actorId: actor.id,
    actorName: actor.name,
    action,
    entityType: 'exchange',
    entityId: id,
    before: null,
    after,
  }
}

export async function load(db: Db, id: string) {
  const e = await store.getExchange(db, id)
  if (!e) throw notFound('exchange', id)
  return e
}

/**
 * Locks the exchange inside the write and reloads it, so its status and rounds are checked
 * against what this write changes, not against what a reader saw before.
 * @throws DomainError NOT_FOUND
 */
export async function lockExchange(ctx: WriteContext, id: string) {
  const found = await ctx.lock('exchanges', [id])
  if (found.size === 0) throw notFound('exchange', id)
  return load(ctx.tx, id)
}

/** @throws DomainError INVALID_TRANSITION naming the status the exchange is in and the ones needed */
export function requireStatus(e: store.ExchangeRow, allowed: string[], what: string) {
  if (!allowed.includes(e.status))
    throw new DomainError(
      'INVALID_TRANSITION',
      `cannot ${what}: the exchange is ${e.status} (needs ${allowed.join(' or ')})`,
    )
}
