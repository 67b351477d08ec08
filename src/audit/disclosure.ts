import type { Actor } from '../auth/actor'
import type { Clock } from '../core/clock'
import type { Db } from '../db/connection'
import type { appendAudit } from './store'

/**
 * One read of personal data, as the audit trail keeps it: what was asked (the query of a bulk
 * read, without paging cursors), how many records were returned and which, so that "who saw this
 * prisoner's file" can be answered afterwards (GC III Art. 122's bureau is accountable for it).
 */
export type Disclosure = {
  /** The audit action, what was read: 'persons.list.read', 'person.events.read', 'search.read'... */
  what: string
  /** The record the read was about when there is one (a person, a list, a linkage job, an exchange). */
  entity?: { type: string; id: string }
  /** The filter or search as sent; absent for a read of one record. */
  query?: Record<string, unknown>
  /** Number of records (persons, rows, pairs) in the response. */
  count: number
  /** The persons (or rows) disclosed, when the response names them. */
  ids?: string[]
  /** The field set the reader saw: full, identified or pseudonymised. */
  view?: string
}

export type DisclosureLog = { record: (actor: Actor, d: Disclosure) => Promise<void> }

/**
 * The one place reads of personal data are written to the audit chain: one entry per request,
 * through the chained append, in its own transaction before the response leaves. A read whose
 * entry cannot be written fails: an unaudited disclosure is worse than a refused one.
 */
export function createDisclosureLog(deps: {
  db: Db
  audit: { appendAudit: typeof appendAudit }
  clock: Clock
}): DisclosureLog {
  async function record(actor: Actor, d: Disclosure) {
    const after: Record<string, unknown> = { count: d.count }
    if (d.view) after.view = d.view
    if (d.query) after.query = withoutEmpty(d.query)
    if (d.ids) after.ids = d.ids
    await deps.db.transaction().execute((tx) =>
      deps.audit.appendAudit(
        tx,
        [
          {
            actorId: actor.id,
            actorName: actor.name,
            action: d.what,
            entityType: d.entity?.type ?? 'register',
            entityId: d.entity?.id ?? null,
            before: null,
            after,
          },
        ],
        deps.clock(),
      ),
    )
  }
  return { record }
}

function withoutEmpty(query: Record<string, unknown>) {
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined && v !== ''))
}
