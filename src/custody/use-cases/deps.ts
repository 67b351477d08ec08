import type { AuditInput } from '../../audit/store'
import type { Actor } from '../../auth/actor'
import type { Clock } from '../../core/clock'
import { ValidationError } from '../../core/errors'
import type { Db } from '../../db/connection'
import type { WritePipeline } from '../../db/write'
import type { Romanize } from '../person-row'
import type * as store from '../store'

export type CustodyStore = Pick<
  typeof store,
  | 'insertPersons'
  | 'insertEvents'
  | 'findPerson'
  | 'updatePerson'
  | 'listEventsOf'
  | 'listPersons'
  | 'countPersons'
  | 'countRegister'
  | 'sortKeyOf'
  | 'insertFacility'
  | 'listFacilities'
  | 'findFacilities'
  | 'insertCapture'
  | 'findCapture'
  | 'listCaptures'
>

/** What every custody use case is built from. */
export type CustodyDeps = {
  db: Db
  store: CustodyStore
  write: WritePipeline
  clock: Clock
  romanize: Romanize
}

export const today = (clock: Clock) => clock().toISOString().slice(0, 10)

/** One audit entry by `actor`: the use cases return these, the pipeline appends them. */
export function entry(
  actor: Actor,
  action: string,
  entityType: string,
  entityId: string,
  before: unknown,
  after: unknown,
): AuditInput {
  return { actorId: actor.id, actorName: actor.name, action, entityType, entityId, before, after }
}

/** @throws ValidationError at `path` naming the facilities that do not exist */
export async function requireFacilities(
  deps: Pick<CustodyDeps, 'store'>,
  tx: Db,
  ids: (string | undefined | null)[],
  path: string,
) {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))]
  const found = await deps.store.findFacilities(tx, wanted)
  const missing = wanted.filter((id) => !found.some((f) => f.id === id))
  if (missing.length > 0) throw new ValidationError([{ path, message: `no facility ${missing.join(', ')}` }])
  return found
}

export function eventRow(
  personId: string,
  seq: number,
  e: { type: string; occurredOn: string; facilityId: string | null; details: Record<string, unknown> },
  source: string,
  authorId: string,
) {
  return {
    person_id: personId,
    seq,
    type: e.type,
    occurred_on: e.occurredOn,
    facility_id: e.facilityId,
    details: JSON.stringify(e.details),
    source,
    author_id: authorId,
  }
}
