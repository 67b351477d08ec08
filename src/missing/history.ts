import type { MissingEvent } from './events'

/**
 * The history the fold reads: every stored row except those a later row corrects or retracts, and
 * except the retractions themselves. Rows are never changed (missing_events is append-only), so a
 * correction is a new row that takes the old one's place, and the old one stays for the record.
 */
export function effectiveHistory<E extends MissingEvent>(events: readonly E[]): E[] {
  const replaced = new Set<number>()
  for (const e of events) if (e.corrects != null) replaced.add(e.corrects)
  return events.filter((e) => !replaced.has(e.seq) && !e.retracted)
}

/** Which later row replaced each replaced event (its correction or retraction), by seq. */
export function replacements(events: readonly MissingEvent[]): Map<number, number> {
  const out = new Map<number, number>()
  for (const e of events) if (e.corrects != null) out.set(e.corrects, e.seq)
  return out
}
