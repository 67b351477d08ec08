import { sql } from 'kysely'
import type { AuditInput, appendAudit } from '../audit/store'
import type { Clock } from '../core/clock'
import { DomainError } from '../core/errors'
import type { Db } from './connection'

/**
 * The aggregates a write may lock, in the one order every write takes them: exchanges, then
 * persons, then missing persons (each kind by id), then the audit chain's lock last, when the entries are appended. Two
 * writes that take locks in the same order cannot wait on each other in a cycle, so a handover's
 * completion (an exchange and many persons) and a correction of one of those persons queue instead
 * of deadlocking.
 */
export const LOCK_ORDER = ['exchanges', 'persons', 'missing_persons'] as const
export type Aggregate = (typeof LOCK_ORDER)[number]

const AGGREGATE_WORD: Record<Aggregate, string> = {
  exchanges: 'exchange',
  persons: 'person',
  missing_persons: 'missing person',
}

export type WriteContext = {
  /** The write's transaction: every read that a rule checks goes through it, after the locks. */
  tx: Db
  /** One reading of the clock for the whole attempt. */
  now: Date
  /**
   * Locks these rows FOR UPDATE, in id order, and returns the ids that exist. Reads after it see
   * the latest committed rows (READ COMMITTED takes a new snapshot per statement), so the rules are
   * checked against what the write will change. Kinds must come in LOCK_ORDER, each once.
   */
  lock: (kind: Aggregate, ids: readonly string[]) => Promise<Set<string>>
  /**
   * Appends audit entries now, in this transaction. Only for a bulk write (an import of a hundred
   * thousand persons) that cannot hold every entry until it ends; other writes return theirs.
   */
  appendAudit: (entries: AuditInput[]) => Promise<void>
}

/** What a use case returns to the pipeline: its result, and the audit entries to append once. */
export type WriteOutcome<T> = { result: T; audit: AuditInput[] }

export type WritePipeline = <T>(work: (ctx: WriteContext) => Promise<WriteOutcome<T>>) => Promise<T>

/** deadlock_detected, serialization_failure, unique_violation (a rival inserted the same key first) */
const RETRYABLE = new Set(['40P01', '40001', '23505'])

export type WriteStats = {
  writes: number
  retries: number
  conflicts: number
  /** writes over (committed or failed): while it is below `writes`, one is still in flight */
  finished: number
}

// Counted per database, so a benchmark reads the retries of every service sharing it.
const statsByDb = new WeakMap<Db, WriteStats>()

/** How many writes, retries and remaining conflicts the pipelines on `db` have seen. */
export function writeStats(db: Db): WriteStats {
  let s = statsByDb.get(db)
  if (!s) {
    s = { writes: 0, retries: 0, conflicts: 0, finished: 0 }
    statsByDb.set(db, s)
  }
  return s
}

export type WritePipelineDeps = {
  db: Db
  audit: { appendAudit: typeof appendAudit }
  clock: Clock
  /** attempts before a remaining conflict is returned as CONFLICT; default 8 */
  maxAttempts?: number
}

/**
 * The one way a service writes: opens the transaction, lets the use case lock (in LOCK_ORDER),
 * reload and check inside it, appends the audit entries the use case returns in one call, and runs
 * the whole attempt again on a deadlock or serialisation failure, up to a bound. A conflict that
 * remains is a CONFLICT naming what was being changed, never a 500.
 */
export function createWritePipeline({ db, audit, clock, maxAttempts = 8 }: WritePipelineDeps): WritePipeline {
  const stats = writeStats(db)
  return async function write<T>(work: (ctx: WriteContext) => Promise<WriteOutcome<T>>): Promise<T> {
    stats.writes += 1
    try {
      return await attempts(work)
    } finally {
      stats.finished += 1
    }
  }
  async function attempts<T>(work: (ctx: WriteContext) => Promise<WriteOutcome<T>>): Promise<T> {
    let locked: string[] = []
    for (let attempt = 1; ; attempt++) {
      locked = []
      try {
        return await db.transaction().execute(async (tx) => {
          const ctx = lockingContext(tx, clock(), locked, audit)
          const { result, audit: entries } = await work(ctx)
          if (entries.length > 0) await audit.appendAudit(tx, entries, ctx.now)
          return result
        })
      } catch (e) {
        const code = (e as { code?: unknown }).code
        if (typeof code !== 'string' || !RETRYABLE.has(code)) throw e
        if (attempt >= maxAttempts) {
          stats.conflicts += 1
          throw new DomainError(
            'CONFLICT',
            `${describe(locked)} was being changed by someone else at the same moment, ${attempt} times in a row; nothing was saved: reload and try again`,
            { details: { locked, reason: code } },
          )
        }
        stats.retries += 1
        // jittered, growing pause so that the rivals do not meet again at once
        await new Promise((r) => setTimeout(r, Math.random() * 10 * attempt))
      }
    }
  }
}

// The pipeline's "now" by transaction: code deep in a write (notices raised by inserted events)
// stamps rows with the injected clock's time, not the wall clock.
const writeTimes = new WeakMap<Db, Date>()

/** The injected clock's time of the write that `tx` belongs to; undefined outside the pipeline. */
export function writeTimeOf(tx: Db): Date | undefined {
  return writeTimes.get(tx)
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

function lockingContext(
  tx: Db,
  now: Date,
  locked: string[],
  audit: WritePipelineDeps['audit'],
): WriteContext {
  let rank = -1
  writeTimes.set(tx, now)
  return {
    tx,
    now,
    async appendAudit(entries) {
      if (entries.length > 0) await audit.appendAudit(tx, entries, now)
    },
    async lock(kind, ids) {
      const at = LOCK_ORDER.indexOf(kind)
      // a defect, not a user's error: locking out of order brings the deadlocks back
      if (at <= rank) throw new Error(`lock order: ${kind} locked after ${LOCK_ORDER[rank]}`)
      rank = at
      // an id that is not a uuid names no row; casting it would be a 500
      const wanted = [...new Set(ids.map((id) => id.toLowerCase()).filter((id) => UUID.test(id)))].sort()
      if (wanted.length === 0) return new Set()
      const rows = await sql<{ id: string }>`select id from ${sql.table(kind)} where id in (${sql.join(
        wanted.map((id) => sql`${id}::uuid`),
      )}) order by id for update`.execute(tx)
      for (const id of wanted) locked.push(`${AGGREGATE_WORD[kind]} ${id}`)
      return new Set(rows.rows.map((r) => r.id))
    },
  }
}

function describe(locked: string[]): string {
  if (locked.length === 0) return 'The record'
  const shown = locked.slice(0, 3).join(', ')
  const more = locked.length > 3 ? ` and ${locked.length - 3} more` : ''
  return `${shown[0]!.toUpperCase()}${shown.slice(1)}${more}`
}
