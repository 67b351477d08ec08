import type { appendAudit } from '../audit/store'
import type { Clock } from '../core/clock'
import type { Db } from '../db/connection'
import { createWritePipeline } from '../db/write'
import type { Romanize } from './person-row'
import { amendPerson } from './use-cases/amend-person'
import { createFacility } from './use-cases/create-facility'
import type { CustodyDeps, CustodyStore } from './use-cases/deps'
import { getPerson } from './use-cases/get-person'
import { registerQueries } from './use-cases/queries'
import { addEventsWithin, recordEvent, recordEvents } from './use-cases/record-event'
import { registerCapture } from './use-cases/register-capture'
import { registerPerson } from './use-cases/register-person'

export { decodeCursor, encodeCursor, presentCapture, presentFacility } from './use-cases/present-register'

export type CustodyServiceDeps = {
  db: Db
  store: CustodyStore
  audit: { appendAudit: typeof appendAudit }
  clock: Clock
  romanize: Romanize
}

/**
 * The custody register's use cases, one per file in use-cases/; every write goes through the one
 * write pipeline (src/db/write.ts), which locks, checks, audits and retries.
 */
export function createCustodyService({ db, store, audit, clock, romanize }: CustodyServiceDeps) {
  const deps: CustodyDeps = { db, store, clock, romanize, write: createWritePipeline({ db, audit, clock }) }
  return {
    registerPerson: registerPerson(deps),
    registerCapture: registerCapture(deps),
    getPerson: getPerson(deps),
    ...registerQueries(deps),
    recordEvent: recordEvent(deps),
    recordEvents: recordEvents(deps),
    /** inside another write that has locked the persons (an exchange's completion) */
    addEventsWithin: addEventsWithin(deps),
    amendPerson: amendPerson(deps),
    createFacility: createFacility(deps),
  }
}
export type CustodyService = ReturnType<typeof createCustodyService>
