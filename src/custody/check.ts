import type { AuditInput } from '../audit/store'
import type { Actor } from '../auth/actor'
import type { Clock } from '../core/clock'
import { isDomainError } from '../core/errors'
import type { Db } from '../db/connection'
import type * as checkStore from './check-store'
import type { StoredEvent, StoredState } from './check-store'
import { currentState } from './state'

/** The state columns as the events make them. */
type FoldedColumns = Pick<
  StoredState,
  | 'status'
  | 'facility_id'
  | 'health'
  | 'event_count'
  | 'last_event_on'
  | 'confirmation'
  | 'captured_on'
  | 'consent_given'
  | 'refused_repatriation'
  | 'proceedings_open'
>

/** One person whose cached state is not what their events say. */
export type StateDifference = {
  personId: string
  registerNumber: number
  name: string
  /** Each differing column: what the row holds and what the events make it. */
  fields: { field: string; stored: unknown; fromEvents: unknown }[]
  /** Set when the history itself is impossible, so no state follows from it. */
  impossible?: string
}

const COLUMNS: (keyof FoldedColumns)[] = [
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
]

/** What the events say the state columns are; the fold's refusal when the history is impossible. */
export function foldColumns(events: StoredEvent[]): FoldedColumns | { impossible: string } {
  try {
    const s = currentState(events)
    return {
      status: s.status,
      facility_id: s.facilityId,
      health: s.health,
      event_count: s.eventCount,
      last_event_on: s.lastEventOn,
      confirmation: s.confirmed ? 'confirmed' : 'unconfirmed',
      captured_on: s.capturedOn,
      consent_given: s.consentGiven,
      refused_repatriation: s.refusedRepatriation,
      proceedings_open: s.proceedingsOpen,
    }
  } catch (e) {
    if (isDomainError(e)) return { impossible: e.message }
    throw e
  }
}

/** Compares a person's row with the fold of their events; undefined when they agree. */
export function differenceOf(row: StoredState, events: StoredEvent[]): StateDifference | undefined {
  const name = [row.surname, row.first_names].filter(Boolean).join(' ')
  const base = { personId: row.id, registerNumber: row.register_number, name }
  const folded = foldColumns(events)
  if ('impossible' in folded) return { ...base, fields: [], impossible: folded.impossible }
  const fields = COLUMNS.filter((c) => (row[c] ?? null) !== (folded[c] ?? null)).map((c) => ({
    field: c,
    stored: row[c],
    fromEvents: folded[c],
  }))
  return fields.length > 0 ? { ...base, fields } : undefined
}

/** "person 12 (Коваленко Тарас): status interned, its events say released" */
export function describeDifference(d: StateDifference): string {
  const who = `person ${d.registerNumber} (${d.name}, ${d.personId})`
  if (d.impossible) return `${who}: its history is impossible (${d.impossible})`
  const parts = d.fields.map((f) => `${f.field} is ${show(f.stored)}, its events say ${show(f.fromEvents)}`)
  return `${who}: ${parts.join('; ')}`
}

function show(v: unknown) {
  return v === null || v === undefined ? 'empty' : String(v)
}

export type StateCheckReport = {
  checked: number
  /** How many persons differ (all of them, though only the first `limit` are listed). */
  differing: number
  differences: StateDifference[]
  repaired: number
}

type Deps = {
  db: Db
  store: typeof checkStore
  audit: { appendAudit: (tx: Db, inputs: AuditInput[], at: Date) => Promise<unknown> }
  clock: Clock
}

const BATCH = 5000
const LISTED = 1000

/**
 * Recomputes every person's state from their events, in batches of persons so memory stays flat at
 * a million, and reports who differs. With `repair`, each differing person is locked, re-read and
 * rewritten from the fold in the batch's transaction, with an audit entry saying what changed.
 */
export function createStateCheck({ db, store, audit, clock }: Deps) {
  async function run(
    opts: { repair?: Actor; onProgress?: (done: number, total: number) => void } = {},
  ): Promise<StateCheckReport> {
    const total = await store.countAllPersons(db)
    const report: StateCheckReport = { checked: 0, differing: 0, differences: [], repaired: 0 }
    let after: string | null = null
    for (;;) {
      const rows = await store.readStoredStates(db, after, BATCH)
      if (rows.length === 0) break
      const events = await store.readEventsOfPersons(
        db,
        rows.map((r) => r.id),
        { contiguous: true },
      )
      const found = rows
        .map((r) => differenceOf(r, events.get(r.id) ?? []))
        .filter((d): d is StateDifference => d !== undefined)
      if (found.length > 0 && opts.repair) report.repaired += await repair(opts.repair, found)
      report.differing += found.length
      report.differences.push(...found.slice(0, LISTED - report.differences.length))
      report.checked += rows.length
      after = rows[rows.length - 1]!.id
      opts.onProgress?.(report.checked, Math.max(total, report.checked))
    }
    return report
  }

  async function repair(actor: Actor, found: StateDifference[]): Promise<number> {
    const ids = found.filter((d) => !d.impossible).map((d) => d.personId)
    if (ids.length === 0) return 0
    return db.transaction().execute(async (tx) => {
      // re-read under lock: an event recorded since the check read this person is not undone
      const rows = await store.readStoredStates(tx, null, ids.length, { ids, forUpdate: true })
      const events = await store.readEventsOfPersons(tx, ids)
      const at = clock()
      const entries: AuditInput[] = []
      for (const row of rows) {
        const folded = foldColumns(events.get(row.id) ?? [])
        if ('impossible' in folded || !differenceOf(row, events.get(row.id) ?? [])) continue
        await store.writeState(tx, row.id, folded, at)
        const before = Object.fromEntries(COLUMNS.map((c) => [c, row[c]]))
        entries.push({
          actorId: actor.id,
          actorName: actor.name,
          action: 'person.state.rebuilt',
          entityType: 'person',
          entityId: row.id,
          before,
          after: { ...folded },
        })
      }
      await audit.appendAudit(tx, entries, at)
      return entries.length
    })
  }

  return {
    /** Reports every person whose cached state differs from their events; changes nothing. */
    check: (onProgress?: (done: number, total: number) => void) => run({ onProgress }),
    /** As check, and rewrites each differing person's state from their events, audited. */
    rebuild: (actor: Actor, onProgress?: (done: number, total: number) => void) =>
      run({ repair: actor, onProgress }),
  }
}

export type StateCheck = ReturnType<typeof createStateCheck>
