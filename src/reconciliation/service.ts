import type { AuditInput, appendAudit } from '../audit/store'
import type { Actor } from '../auth/actor'
import type { Clock } from '../core/clock'
import { DomainError, isDomainError, notFound } from '../core/errors'
import { parseInput } from '../core/validate'
import type { Db } from '../db/connection'
import { createWritePipeline } from '../db/write'
import * as lists from '../lists/store'
import { BulkAccept, type BulkAcceptInput, Decide, type DecideInput, type Decision } from './model'
import { presentPair, presentRun, rowsByNumber } from './present'
import * as store from './store'

/**
 * What the review needs of the missing-persons register, through its own service: write the
 * "captivity confirmed" event of an accepted pair, and withdraw it when the pair is rejected later.
 */
export type MissingRegisterPort = {
  /** records the event and answers its seq in the person's history */
  confirmCaptivity: (
    actor: Actor,
    missingPersonId: string,
    event: { occurredOn: string; source: string; note?: string },
  ) => Promise<number>
  retractEvent: (actor: Actor, missingPersonId: string, seq: number, reason: string) => Promise<void>
}

export type ReconciliationDeps = {
  db: Db
  audit: { appendAudit: typeof appendAudit }
  clock: Clock
  missing: MissingRegisterPort
}

/** A bulk acceptance takes at most this many pairs at once; a bigger band is taken in steps. */
export const BULK_MAX = 5000

/**
 * The review queue of a finished reconciliation: pairs side by side, a tracer's decisions (each
 * audited), acceptance of a band after a look at a sample. An accepted pair against the
 * missing-persons register writes "captivity confirmed: on list N of DATE, row R" on the person
 * through the register's service; rejecting it afterwards retracts that event as a correction.
 */
export function createReconciliationService(deps: ReconciliationDeps) {
  const { db, clock } = deps
  const write = createWritePipeline(deps)
  // decisions of this process one at a time: two clicks on one pair must not write two events
  let turn: Promise<unknown> = Promise.resolve()
  const oneAtATime = <T>(work: () => Promise<T>): Promise<T> => {
    const next = turn.then(work, work)
    turn = next.catch(() => {})
    return next
  }

  async function runOf(id: string) {
    const run = await store.getRun(db, id)
    if (!run) throw notFound('reconciliation', id)
    return run
  }

  async function getRun(id: string) {
    const run = await runOf(id)
    const list = await lists.getList(db, run.list_id)
    return presentRun(run, list?.name ?? null)
  }

  async function listRuns(listId?: string) {
    const runs = await store.listRuns(db, listId)
    const names = new Map<string, string>()
    for (const id of new Set(runs.map((r) => r.list_id))) {
      const l = await lists.getList(db, id)
      if (l) names.set(id, l.name)
    }
    return runs.map((r) => presentRun(r, names.get(r.list_id) ?? null))
  }

  async function present(run: store.RunRow, rows: store.PairRow[]) {
    const [theirs, ours] = await Promise.all([
      rowsByNumber(
        db,
        run.list_id,
        rows.map((p) => p.row_no),
      ),
      store.recordsById(
        db,
        run.against,
        rows.map((p) => p.record_id),
      ),
    ])
    return rows.map((p) => presentPair(p, theirs.get(p.row_no), ours.get(p.record_id)))
  }

  function finished(run: store.RunRow) {
    if (run.status !== 'done')
      throw new DomainError(
        'CONFLICT',
        `reconciliation ${run.number} is ${run.status}: its queue exists once it is done`,
      )
  }

  /** A page of the queue, best first, with both sides and the evidence of each pair. */
  async function queue(id: string, f: store.PairFilter, after: number, limit: number) {
    const run = await runOf(id)
    const rows = await store.pairsPage(db, id, f, after, limit)
    const [total, pending] = await Promise.all([
      store.countPairs(db, id, f),
      store.countPairs(db, id, { ...f, decision: 'pending' }),
    ])
    return {
      pairs: await present(run, rows),
      total,
      pending,
      nextAfter: rows.length === limit ? rows.at(-1)!.rank : null,
    }
  }

  /** A sample of the pending pairs at least `min` likely, and how many the band holds. */
  async function sample(id: string, min: number, size = 10) {
    const run = await runOf(id)
    finished(run)
    const band = { decision: 'pending' as const, min }
    const [rows, count] = await Promise.all([
      store.samplePairs(db, id, band, size),
      store.countPairs(db, id, band),
    ])
    rows.sort((a, b) => a.rank - b.rank)
    return { minProbability: min, count, pairs: await present(run, rows) }
  }

  async function listDated(listId: string) {
    const list = await lists.getList(db, listId)
    const received = (list as { receivedOn?: string | Date | null } | undefined)?.receivedOn
    const on = received
      ? new Date(received).toISOString().slice(0, 10)
      : (list?.createdAt ?? clock()).toISOString().slice(0, 10)
    return { name: list?.name ?? listId, on }
  }

  const nameOf = (o: store.OurRecord | undefined, recordId: string) =>
    o ? `No. ${o.register_number} ${[o.surname, o.first_names].filter(Boolean).join(' ')}` : recordId

  function entry(
    actor: Actor,
    action: string,
    run: store.RunRow,
    before: unknown,
    after: unknown,
  ): AuditInput {
    return {
      actorId: actor.id,
      actorName: actor.name,
      action,
      entityType: 'reconciliation',
      entityId: run.id,
      before,
      after,
    }
  }

  /**
   * One decision. Accepting writes the event on the missing person first (a refusal there, such
   * as a person already back home, changes nothing here and is said in the register's words);
   * rejecting or doubting a pair accepted before retracts its event, as a correction.
   * @throws NOT_FOUND naming the pair; CONFLICT when the run is not done or the row or record is
   * accepted in another pair; INVALID_TRANSITION from the register
   */
  async function decideOne(actor: Actor, run: store.RunRow, rank: number, decision: Decision, note?: string) {
    const pair = await store.getPair(db, run.id, rank)
    if (!pair) throw notFound(`pair ${rank} of reconciliation`, String(run.number))
    if (pair.decision === decision) return pair
    const ours = (await store.recordsById(db, run.against, [pair.record_id])).get(pair.record_id)
    const who = nameOf(ours, pair.record_id)
    let eventSeq: number | null = pair.event_seq
    let corrected = false
    if (decision === 'accepted') {
      const clash = (await store.acceptedTouching(db, run.id, pair.row_ref, pair.record_id)).find(
        (p) => p.rank !== rank,
      )
      if (clash)
        throw new DomainError(
          'CONFLICT',
          clash.row_ref === pair.row_ref
            ? `row ${pair.row_no} of the list is accepted already as pair ${clash.rank}: reject that pair first`
            : `${who} is accepted already as row ${clash.row_no} of the list (pair ${clash.rank}): reject that pair first`,
        )
      if (run.against === 'missing') {
        const list = await listDated(run.list_id)
        try {
          eventSeq = await deps.missing.confirmCaptivity(actor, pair.record_id, {
            occurredOn: list.on,
            source: `list "${list.name}" of ${list.on}, row ${pair.row_no}`.slice(0, 300),
            note: note ?? `reconciliation ${run.number}, pair ${rank}`,
          })
        } catch (e) {
          if (isDomainError(e))
            throw new DomainError(e.code, `${who}: ${e.message}`, { issues: e.issues, details: e.details })
          throw e
        }
      }
    } else if (pair.decision === 'accepted' && pair.event_seq !== null && run.against === 'missing') {
      await deps.missing.retractEvent(
        actor,
        pair.record_id,
        pair.event_seq,
        note ??
          `pair ${rank} of reconciliation ${run.number} ${decision === 'rejected' ? 'rejected' : 'put in doubt'} after its acceptance`,
      )
      eventSeq = null
      corrected = true
    }
    return write(async ({ tx, now }) => {
      await store.setDecision(tx, run.id, rank, { decision, by: actor.id, at: now, eventSeq })
      const action = corrected ? 'reconciliation.pair.corrected' : `reconciliation.pair.${decision}`
      return {
        result: { ...pair, decision, decided_by: actor.id, decided_at: now, event_seq: eventSeq },
        audit: [
          entry(
            actor,
            action,
            run,
            { rank, decision: pair.decision, eventSeq: pair.event_seq },
            {
              rank,
              decision,
              rowNo: pair.row_no,
              rowRef: pair.row_ref,
              ...(run.against === 'missing'
                ? { missingPersonId: pair.record_id }
                : { personId: pair.record_id }),
              probability: pair.probability,
              eventSeq,
              ...(note ? { note } : {}),
            },
          ),
        ],
      }
    })
  }

  async function decide(actor: Actor, id: string, rank: number, input: DecideInput) {
    const parsed = parseInput(Decide, input)
    return oneAtATime(async () => {
      const run = await runOf(id)
      finished(run)
      const row = await decideOne(actor, run, rank, parsed.decision, parsed.note)
      return (await present(run, [row]))[0]!
    })
  }

  /**
   * Refuses a band that cannot be accepted as asked, before anything is queued: the run not done,
   * the band changed since its sample (`count`), or too big for one step.
   * @throws CONFLICT naming the run or the band; VALIDATION when the band is above BULK_MAX
   */
  async function checkBand(id: string, input: BulkAcceptInput) {
    const parsed = parseInput(BulkAccept, input)
    const run = await runOf(id)
    finished(run)
    const count = await store.countPairs(db, id, { decision: 'pending', min: parsed.minProbability })
    refuseBand(parsed, count)
    return { run, parsed }
  }

  function refuseBand(parsed: { minProbability: number; count: number }, count: number) {
    if (count !== parsed.count)
      throw new DomainError(
        'CONFLICT',
        `the band from ${parsed.minProbability} holds ${count} pending pairs now, not ${parsed.count}: look at its sample again`,
      )
    if (count > BULK_MAX)
      throw new DomainError(
        'VALIDATION',
        `the band holds ${count} pairs, more than ${BULK_MAX} at once: raise the probability and accept it in steps`,
      )
  }

  /**
   * Accepts every pending pair at least `minProbability` likely, best first, once the band still
   * holds the `count` pairs its sample showed (`resumed`: a job taken up again after its worker
   * stopped finds the band smaller by its own acceptances and goes on). A row or a record already
   * taken by a better pair is skipped, and a pair the register refuses (the person came home
   * meanwhile) is named and left pending; the others are accepted, each whole (its event and its
   * decision). Stopped by `signal`, it ends between two pairs, writes what it did to the audit
   * trail and throws the signal's reason.
   */
  async function bulkAccept(
    actor: Actor,
    id: string,
    input: BulkAcceptInput,
    opts: {
      progress?: (done: number, total: number) => void
      signal?: AbortSignal
      resumed?: boolean
    } = {},
  ) {
    const parsed = parseInput(BulkAccept, input)
    return oneAtATime(async () => {
      const run = await runOf(id)
      finished(run)
      const band = await store.pairsOf(db, id, { decision: 'pending', min: parsed.minProbability })
      if (!opts.resumed) refuseBand(parsed, band.length)
      const rowsTaken = new Set<string>()
      const recordsTaken = new Set<string>()
      for (const p of await store.pairsOf(db, id, { decision: 'accepted' })) {
        rowsTaken.add(p.row_ref)
        recordsTaken.add(p.record_id)
      }
      const accepted: number[] = []
      const skipped: { rank: number; rowNo: number; reason: string }[] = []
      const audited = (stopped: boolean) =>
        write(async () => ({
          result: null,
          audit: [
            entry(actor, 'reconciliation.bulk_accept', run, null, {
              minProbability: parsed.minProbability,
              band: band.length,
              accepted: accepted.length,
              skipped: skipped.length,
              ...(stopped ? { stoppedAfter: accepted.length + skipped.length } : {}),
            }),
          ],
        }))
      opts.progress?.(0, band.length)
      for (const [i, p] of band.entries()) {
        if (opts.signal?.aborted) {
          await audited(true)
          throw opts.signal.reason
        }
        if (rowsTaken.has(p.row_ref) || recordsTaken.has(p.record_id)) {
          skipped.push({
            rank: p.rank,
            rowNo: p.row_no,
            reason: rowsTaken.has(p.row_ref)
              ? `row ${p.row_no} is accepted with a better pair`
              : 'the record is accepted with a better pair',
          })
        } else {
          try {
            await decideOne(actor, run, p.rank, 'accepted')
            accepted.push(p.rank)
            rowsTaken.add(p.row_ref)
            recordsTaken.add(p.record_id)
          } catch (e) {
            if (!isDomainError(e) || e.code === 'INTERNAL') throw e
            skipped.push({ rank: p.rank, rowNo: p.row_no, reason: e.message })
          }
        }
        opts.progress?.(i + 1, band.length)
      }
      await audited(false)
      return { accepted: accepted.length, skipped }
    })
  }

  return { getRun, listRuns, queue, sample, decide, checkBand, bulkAccept, runOf }
}

export type ReconciliationService = ReturnType<typeof createReconciliationService>
