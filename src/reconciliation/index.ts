import type { appendAudit } from '../audit/store'
import type { Clock } from '../core/clock'
import type { Romanize } from '../custody/person-row'
import type { Db } from '../db/connection'
import type { JobService } from '../jobs/service'
import { createCorrections } from '../missing/corrections'
import { createMissingService } from '../missing/service'
import { createBulkAccepts } from './bulk-job'
import { discrepancyReport } from './report'
import { createReconciliationService, type MissingRegisterPort } from './service'
import { createReconciliationStarter } from './start'

type Deps = {
  db: Db
  audit: { appendAudit: typeof appendAudit }
  clock: Clock
  romanize: Romanize
  threads?: number
}

/**
 * The missing-persons register as the review uses it: its own service records the event and its
 * corrections withdraw it, so a reconciliation writes nothing the register's rules have not checked.
 */
export function missingRegisterPort(deps: Deps): MissingRegisterPort {
  const missing = createMissingService(deps)
  const corrections = createCorrections(deps)
  return {
    async confirmCaptivity(actor, id, e) {
      // a bulk acceptance whose worker died between this event and the pair's decision is taken up
      // again: the event it wrote then (same list row, not withdrawn) is the pair's, not a second one
      const written = (await missing.getMissing(id)).events.find(
        (x) =>
          x.type === 'captivity_confirmed' && x.source === e.source && x.replacedBy === null && !x.corrects,
      )
      if (written) return written.seq
      await missing.recordEvent(actor, id, {
        type: 'captivity_confirmed',
        occurredOn: e.occurredOn,
        source: e.source,
        confidence: 'high',
        note: e.note,
      })
      const { events } = await missing.getMissing(id)
      const mine = events.filter((x) => x.type === 'captivity_confirmed' && x.source === e.source)
      return Math.max(...mine.map((x) => x.seq))
    },
    async retractEvent(actor, id, seq, reason) {
      await corrections.retractEvent(actor, id, seq, { reason })
    },
  }
}

/** Reconciliation as the container wires it: the starter of runs (as jobs), the review, the report. */
export function createReconciliation(deps: Deps & { jobs: JobService }) {
  const runs = createReconciliationStarter(deps)
  const review = createReconciliationService({ ...deps, missing: missingRegisterPort(deps) })
  const bulk = createBulkAccepts({ jobs: deps.jobs, review })
  return {
    runs,
    review,
    bulk,
    report: (id: string, limit?: number) => discrepancyReport(deps.db, id, { limit }),
  }
}
export type Reconciliation = ReturnType<typeof createReconciliation>
