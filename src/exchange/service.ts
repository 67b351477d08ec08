import { romanizeName } from '../app/romanize'
import type { appendAudit } from '../audit/store'
import type { Clock } from '../core/clock'
import type { CustodyService } from '../custody/service'
import type { Db } from '../db/connection'
import { createWritePipeline } from '../db/write'
import { exchangeListsUseCases } from './received/service'
import { importCounter } from './use-cases/counter'
import { createExchange, setStatus, updateTerms } from './use-cases/create-exchange'
import type { ExchangeDeps } from './use-cases/deps'
import { checkOff, completeHandover, handover, startHandover } from './use-cases/handover'
import { handoverSheet, substituteCandidates } from './use-cases/handover-sheet'
import { plan } from './use-cases/plan'
import { annotateGive, importSought, soughtFromRegister } from './use-cases/pools'
import { exchangeQueries } from './use-cases/queries'

export type ExchangeService = ReturnType<typeof createExchangeService>

type Deps = { db: Db; audit: { appendAudit: typeof appendAudit }; clock: Clock; custody: CustodyService }

/**
 * Exchanges from terms to handover, one use case per file in use-cases/. The planner is pure;
 * every write goes through the write pipeline (src/db/write.ts): the exchange is locked and its
 * status and round numbers checked inside the write.
 */
export function createExchangeService({ db, audit, clock, custody }: Deps) {
  const deps: ExchangeDeps = {
    db,
    clock,
    custody,
    write: createWritePipeline({ db, audit, clock }),
    romanize: romanizeName,
  }
  return {
    createExchange: createExchange(deps),
    ...exchangeQueries(deps),
    updateTerms: updateTerms(deps),
    importSought: importSought(deps),
    soughtFromRegister: soughtFromRegister(deps),
    annotateGive: annotateGive(deps),
    plan: plan(deps),
    importCounter: importCounter(deps),
    setStatus: setStatus(deps),
    startHandover: startHandover(deps),
    handover: handover(deps),
    checkOff: checkOff(deps),
    complete: completeHandover(deps),
    ...exchangeListsUseCases(deps),
    handoverSheet: handoverSheet(deps),
    substituteCandidates: substituteCandidates(deps),
  }
}
