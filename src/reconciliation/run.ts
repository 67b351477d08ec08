import type { appendAudit } from '../audit/store'
import type { Clock } from '../core/clock'
import { DomainError } from '../core/errors'
import type { Db } from '../db/connection'
import { findDuplicates } from '../exchange/received/duplicates'
import { explainPair, link } from '../linkage/engine'
import { registerRecords } from '../linkage/jobs-store'
import type { LinkRecord } from '../linkage/record'
import * as lists from '../lists/store'
import * as store from './store'

/**
 * Pairs down to this probability are kept for the queue, below the run's threshold too: a tracer
 * sees "probably not" pairs beside the likely ones, and the report can tell "unknown to us" from
 * "perhaps someone of ours, written too differently".
 */
export const REVIEW_FLOOR = 0.5
/** Candidates kept per row of their list: a row names one person; the best three are enough to choose from. */
export const PER_ROW = 3

export type ReconciliationInput = {
  reconciliationId: string
  listId: string
  against: 'missing' | 'custody'
  threshold: number
  actor: { id: string; name: string }
}

export type RunDeps = {
  db: Db
  audit: { appendAudit: typeof appendAudit }
  clock: Clock
  /** worker threads for scoring; every core by default */
  threads?: number
}

export type RunHooks = {
  progress?: (stage: string, done: number, total: number) => void
  signal?: AbortSignal
}

export type ReconciliationSummary = {
  listRows: number
  registerRecords: number
  candidates: number
  pairs: number
  above: number
  below: number
  rowsWithPair: number
  duplicateGroups: number
  duplicateRows: number
  warnings: string[]
  seconds: number
  /** the engine's stages, in seconds of the clock and of the processor (all threads): a loaded machine inflates only the first */
  engine: { seconds: Record<string, number>; cpuSeconds: Record<string, number>; threads: number }
}

/** Thrown when the run was asked to stop: the job runner marks it cancelled, nothing is saved. */
export class Cancelled extends Error {
  constructor() {
    super('the reconciliation was cancelled')
    this.name = 'Cancelled'
  }
}

/**
 * One reconciliation, from stored list and register to a review queue: the linkage engine scores
 * every row of their list against our register, the name engine finds rows the list names twice.
 * It answers the summary and `save`, which writes pairs, duplicates, summary and audit in the
 * caller's transaction (the job's "done", job.ts). The signal is looked at between steps and
 * handed to the linkage engine, which stops between its own slices and tasks.
 */
export async function runReconciliation(
  deps: RunDeps,
  input: ReconciliationInput,
  hooks: RunHooks = {},
): Promise<{ summary: ReconciliationSummary; save: (tx: Db) => Promise<void> }> {
  const started = performance.now()
  const progress = hooks.progress ?? (() => {})
  const check = () => {
    if (hooks.signal?.aborted) throw new Cancelled()
  }
  progress('reading', 0, 2)
  const { records: left, rowNo } = await readList(deps.db, input.listId)
  if (left.length === 0)
    throw new DomainError('VALIDATION', 'the list has no rows: there is nothing to reconcile')
  check()
  progress('reading', 1, 2)
  const right =
    input.against === 'missing' ? await store.missingRecords(deps.db) : await registerRecords(deps.db)
  check()
  progress('reading', 2, 2)
  if (right.length === 0)
    throw new DomainError(
      'VALIDATION',
      `the ${input.against === 'missing' ? 'missing-persons' : 'custody'} register is empty: there is nothing to reconcile the list with`,
    )

  const result = await link(left, right, {
    threshold: Math.min(REVIEW_FLOOR, input.threshold),
    threads: deps.threads,
    onProgress: (stage, done, total) => progress(stage, done, total),
    // a cancelled run stops the engine too, so its cores are free for the next job
    signal: hooks.signal,
  })
  check()

  const kept = new Map<number, number>()
  const pairs: store.NewPair[] = []
  for (const pair of result.pairs) {
    const n = kept.get(pair.left) ?? 0
    if (n >= PER_ROW) continue
    kept.set(pair.left, n + 1)
    const why = explainPair(result, pair)
    const ref = result.left.ids[pair.left]!
    pairs.push({
      reconciliation_id: input.reconciliationId,
      rank: pairs.length + 1,
      row_no: rowNo.get(ref) ?? 0,
      row_ref: ref,
      record_id: result.right.ids[pair.right]!,
      probability: why.probability,
      match_weight: why.weight,
      above: why.probability >= input.threshold,
      evidence: JSON.stringify(why),
    })
  }

  progress('duplicates', 0, 1)
  const groups = findDuplicates(
    left.map((r) => ({
      ref: r.id,
      surname: r.surname,
      firstNames: r.givenName,
      patronymic: r.patronymic,
      dateOfBirth: r.dateOfBirth,
    })),
  )
  progress('duplicates', 1, 1)
  check()

  const above = pairs.filter((p) => p.above).length
  const summary: ReconciliationSummary = {
    listRows: left.length,
    registerRecords: right.length,
    candidates: result.candidates,
    pairs: pairs.length,
    above,
    below: pairs.length - above,
    rowsWithPair: kept.size,
    duplicateGroups: groups.length,
    duplicateRows: groups.reduce((s, g) => s + g.refs.length, 0),
    warnings: result.warnings,
    engine: { seconds: result.seconds, cpuSeconds: result.cpuSeconds, threads: result.threads },
    seconds: Math.round((performance.now() - started) / 10) / 100,
  }

  progress('saving', 0, pairs.length)
  // written by the job runner in the transaction that marks the job done, and only if its worker
  // still holds the job: a run cancelled or taken over meanwhile leaves no half result
  const save = async (tx: Db) => {
    for (let i = 0; i < pairs.length; i += 5000) {
      await store.insertPairs(tx, pairs.slice(i, i + 5000))
      progress('saving', Math.min(i + 5000, pairs.length), pairs.length)
    }
    await store.insertDuplicates(
      tx,
      groups.map((g, k) => ({
        reconciliation_id: input.reconciliationId,
        group_no: k + 1,
        row_refs: JSON.stringify(g.refs),
        evidence: JSON.stringify(g.evidence),
      })),
    )
    await store.saveSummary(tx, input.reconciliationId, JSON.stringify(summary))
    await deps.audit.appendAudit(
      tx,
      [
        {
          actorId: input.actor.id,
          actorName: input.actor.name,
          action: 'reconciliation.done',
          entityType: 'reconciliation',
          entityId: input.reconciliationId,
          before: null,
          after: {
            listId: input.listId,
            against: input.against,
            ...summary,
            warnings: undefined,
            engine: undefined,
          },
        },
      ],
      deps.clock(),
    )
  }
  return { summary, save }
}

/** Their list as linkage records, with the row number of each in the file as stored. */
async function readList(db: Db, listId: string) {
  const records: LinkRecord[] = []
  const rowNo = new Map<string, number>()
  for (let after = 0; ; ) {
    const rows = await lists.listRows(db, listId, after, 10_000)
    if (rows.length === 0) return { records, rowNo }
    for (const r of rows) {
      rowNo.set(r.row_ref, r.row_no)
      records.push({
        id: r.row_ref,
        surname: r.surname,
        givenName: r.first_names,
        patronymic: r.patronymic,
        fatherName: r.father_name,
        dateOfBirth: r.date_of_birth,
        placeOfBirth: r.place_of_birth,
        serviceNumber: r.service_number,
        unit: r.unit,
      })
    }
    after = rows.at(-1)!.row_no
  }
}
