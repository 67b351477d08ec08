import type { Db } from '../db/connection'
import type { PersonEvent } from './events'

/** The cached state columns of a person, with what names them to a reader. */
export type StoredState = {
  id: string
  register_number: number
  surname: string
  first_names: string | null
  status: string
  facility_id: string | null
  health: string | null
  event_count: number
  last_event_on: string | null
  confirmation: string
  captured_on: string | null
  consent_given: boolean
  refused_repatriation: boolean
  proceedings_open: boolean
}

/** Persons after `afterId` in id order, `limit` at a time (keyset paging over the primary key). */
export async function readStoredStates(
  db: Db,
  afterId: string | null,
  limit: number,
  opts: { ids?: string[]; forUpdate?: boolean } = {},
): Promise<StoredState[]> {
  let q = db
    .selectFrom('persons')
    .select([
      'id',
      'register_number',
      'surname',
      'first_names',
      'status',
      'facility_id',
      'health',
      'event_count',
      'last_event_on',
      'confirmation',
      'captured_on',
      'consent_given',
      'refused_repatriation',
      'proceedings_open',
    ])
  if (afterId) q = q.where('id', '>', afterId)
  if (opts.ids) q = q.where('id', 'in', opts.ids)
  if (opts.forUpdate) q = q.forUpdate()
  const rows = await q.orderBy('id').limit(limit).execute()
  return rows.map((r) => ({
    ...r,
    register_number: Number(r.register_number),
    event_count: Number(r.event_count),
  }))
}

export type StoredEvent = PersonEvent & { recordedAt: Date }

/**
 * Every event of the given persons, grouped by person, each group in sequence order. `ids` sorted
 * and `contiguous` (a keyset batch): read as one range of the (person_id, seq) index, not a long IN.
 */
export async function readEventsOfPersons(
  db: Db,
  ids: string[],
  opts: { contiguous?: boolean } = {},
): Promise<Map<string, StoredEvent[]>> {
  const out = new Map<string, StoredEvent[]>()
  if (ids.length === 0) return out
  let q = db
    .selectFrom('person_events')
    .select(['person_id', 'seq', 'type', 'occurred_on', 'facility_id', 'details', 'recorded_at'])
  q = opts.contiguous
    ? q.where('person_id', '>=', ids[0]!).where('person_id', '<=', ids[ids.length - 1]!)
    : q.where('person_id', 'in', ids)
  const rows = await q.orderBy('person_id').orderBy('seq').execute()
  for (const r of rows) {
    const list = out.get(r.person_id) ?? []
    list.push({
      seq: r.seq,
      type: r.type as PersonEvent['type'],
      occurredOn: r.occurred_on,
      facilityId: r.facility_id,
      details: (r.details ?? {}) as Record<string, unknown>,
      recordedAt: new Date(r.recorded_at),
    })
    out.set(r.person_id, list)
  }
  return out
}

export async function countAllPersons(db: Db): Promise<number> {
  const r = await db
    .selectFrom('persons')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(r.n)
}

/** Writes the state columns recomputed from the events. */
export async function writeState(
  tx: Db,
  id: string,
  cols: Omit<StoredState, 'id' | 'register_number' | 'surname' | 'first_names'>,
  at: Date,
) {
  await tx
    .updateTable('persons')
    .set((eb) => ({ ...cols, updated_at: at, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute()
}
