import type { appendAudit } from '../audit/store'
import type { Actor } from '../auth/actor'
import type { Clock } from '../core/clock'
import { DomainError } from '../core/errors'
import { refuseHistoryConflict } from '../core/history-conflict'
import { parseInput } from '../core/validate'
import type { Db } from '../db/connection'
import { createWritePipeline, type WriteContext } from '../db/write'
import {
  CorrectEvent,
  type CorrectEvent as CorrectInput,
  RetractEvent,
  type RetractEvent as RetractInput,
} from './corrections-model'
import type { MissingEvent } from './events'
import { effectiveHistory, replacements } from './history'
import { presentMissing } from './present'
import { detailsOf, eventRow } from './rows'
import { foldMissing, type MissingState, missingEventWords } from './state'
import { stateColumns } from './state-columns'
import * as store from './store'
import { entry, notInFuture, openRecord, today } from './write-helpers'

export type CorrectionDeps = { db: Db; audit: { appendAudit: typeof appendAudit }; clock: Clock }

const nextSeq = (history: readonly MissingEvent[]) => history.reduce((m, e) => Math.max(m, e.seq), 0) + 1

/**
 * The event a correction or retraction may replace: it exists, and nothing replaced it already (a
 * correction is corrected by correcting the correction, so the history stays one line).
 * @throws DomainError NOT_FOUND; INVALID_TRANSITION naming the row that replaced it
 */
function replaceable(
  record: store.MissingRow,
  history: readonly store.StoredMissingEvent[],
  seq: number,
): store.StoredMissingEvent {
  const event = history.find((e) => e.seq === seq)
  // a retraction row is not an event of the person: correcting it means correcting the original
  if (!event || event.retracted)
    throw new DomainError('NOT_FOUND', `Record No. ${record.register_number} has no event ${seq}`, {
      details: { registerNumber: Number(record.register_number), seq },
    })
  const by = replacements(history).get(seq)
  if (by !== undefined) {
    const row = history.find((e) => e.seq === by)!
    const what = row.retracted ? 'retracted' : 'corrected'
    throw new DomainError(
      'INVALID_TRANSITION',
      `Event ${seq} (${missingEventWords(event)}) was already ${what} by event ${by}${row.retracted ? '' : `: correct event ${by} instead`}`,
      { details: { refusal: `already_${what}`, seq, by } },
    )
  }
  return event
}

/**
 * The state after the history gains `row`; refused when the history becomes impossible, naming
 * the event it conflicts with, in the words `said` gives the change.
 */
function stateWithRow(history: readonly MissingEvent[], row: MissingEvent, said: string): MissingState {
  const folded = foldMissing([...history, row])
  if (folded.ok) {
    if (folded.state.status === 'none')
      throw new DomainError(
        'INVALID_TRANSITION',
        `${said[0]!.toUpperCase()}${said.slice(1)} cannot be recorded: the record would keep no report of going missing (merge it into the record it belongs to instead)`,
        { details: { refusal: 'no_report_left' } },
      )
    return folded.state
  }
  const { event, after, reason } = folded.conflict
  // dated before anything is known: it conflicts with the report of going missing, named as such
  const reported = effectiveHistory(history).find(
    (e) => e.type === 'reported_missing' && e.seq !== row.corrects,
  )
  const conflict =
    event.seq === row.seq && !after && reported ? { event, after: reported, reason } : folded.conflict
  return refuseHistoryConflict(row, row.seq, conflict, (e) => (e === row ? said : missingEventWords(e)))
}

/**
 * Corrections and retractions of a missing person's events (a wrong date, a wrong source, an
 * event entered on the wrong person). The stored event is never changed: a new row replaces it,
 * the history is folded again, and the audit keeps the event before and after with the reason.
 */
export function createCorrections(deps: CorrectionDeps) {
  const { clock } = deps
  const write = createWritePipeline(deps)

  async function rewrite(
    ctx: WriteContext,
    record: store.MissingRow,
    row: store.NewMissingEventRow,
    after: MissingState,
  ) {
    await store.insertMissingEvents(ctx.tx, [row])
    return store.updateMissing(ctx.tx, record.id, {
      ...stateColumns(after),
      updated_at: ctx.now,
      version: record.version + 1,
    })
  }

  /**
   * Replaces event `seq` with the event as it should read.
   * @throws ValidationError; DomainError NOT_FOUND, INVALID_TRANSITION (the conflicting event named)
   */
  async function correctEvent(actor: Actor, id: string, seq: number, input: CorrectInput) {
    const parsed = parseInput(CorrectEvent, input)
    notInFuture(parsed.event.occurredOn, 'event.occurredOn', today(clock))
    return write(async (ctx) => {
      await ctx.lock('missing_persons', [id])
      const record = await openRecord(ctx.tx, id)
      const history = await store.listMissingEvents(ctx.tx, id)
      const original = replaceable(record, history, seq)
      const newSeq = nextSeq(history)
      const { type, occurredOn, source, confidence } = parsed.event
      const details = detailsOf(parsed.event)
      const row: MissingEvent = { seq: newSeq, type, occurredOn, source, confidence, details, corrects: seq }
      const after = stateWithRow(history, row, `the correction of ${missingEventWords(original)}`)
      const updated = await rewrite(
        ctx,
        record,
        { ...eventRow(id, newSeq, parsed.event, actor.id), corrects: seq, reason: parsed.reason },
        after,
      )
      return {
        result: presentMissing(updated),
        audit: [
          entry(
            actor,
            'missing.event.corrected',
            id,
            { seq, status: record.status, captivity: record.captivity, ...eventOf(original) },
            {
              seq: newSeq,
              status: updated.status,
              captivity: updated.captivity,
              type,
              occurredOn,
              source,
              confidence,
              ...details,
              reason: parsed.reason,
            },
          ),
        ],
      }
    })
  }

  /**
   * Withdraws event `seq`; with `moveTo`, records the same event on the record it belonged to, in
   * the same write (both records locked in id order), refused as a whole if either history cannot take it.
   * @throws ValidationError; DomainError NOT_FOUND, INVALID_TRANSITION
   */
  async function retractEvent(actor: Actor, id: string, seq: number, input: RetractInput) {
    const parsed = parseInput(RetractEvent, input)
    if (parsed.moveTo === id)
      throw new DomainError('INVALID_TRANSITION', 'The event cannot be moved to the record it is on', {
        details: { refusal: 'move_to_same' },
      })
    return write(async (ctx) => {
      await ctx.lock('missing_persons', parsed.moveTo ? [id, parsed.moveTo] : [id])
      const record = await openRecord(ctx.tx, id)
      const target = parsed.moveTo ? await openRecord(ctx.tx, parsed.moveTo) : null
      const history = await store.listMissingEvents(ctx.tx, id)
      const original = replaceable(record, history, seq)
      const newSeq = nextSeq(history)
      const withdrawal: MissingEvent = { ...eventOf(original), seq: newSeq, corrects: seq, retracted: true }
      const after = stateWithRow(history, withdrawal, `the retraction of ${missingEventWords(original)}`)
      const updated = await rewrite(
        ctx,
        record,
        {
          ...storedRow(id, withdrawal, actor.id),
          corrects: seq,
          retracted: true,
          reason: parsed.reason,
        },
        after,
      )
      const audit = [
        entry(
          actor,
          'missing.event.retracted',
          id,
          { seq, status: record.status, captivity: record.captivity, ...eventOf(original) },
          {
            seq: newSeq,
            status: updated.status,
            captivity: updated.captivity,
            reason: parsed.reason,
            ...(target ? { movedTo: target.id } : {}),
          },
        ),
      ]
      if (target) {
        const theirs = await store.listMissingEvents(ctx.tx, target.id)
        const moved: MissingEvent = {
          ...eventOf(original),
          seq: nextSeq(theirs),
          details: { ...original.details, movedFrom: { id, seq } },
        }
        const afterThere = stateWithRow(
          theirs,
          moved,
          `${missingEventWords(original)} moved to record No. ${target.register_number}`,
        )
        const there = await rewrite(ctx, target, storedRow(target.id, moved, actor.id), afterThere)
        audit.push(
          entry(
            actor,
            `missing.event.${original.type}`,
            target.id,
            { status: target.status, captivity: target.captivity },
            {
              seq: moved.seq,
              status: there.status,
              captivity: there.captivity,
              ...eventOf(moved),
              ...moved.details,
              reason: parsed.reason,
            },
          ),
        )
      }
      return { result: presentMissing(updated), audit }
    })
  }

  return { correctEvent, retractEvent }
}

const eventOf = (e: MissingEvent) => ({
  type: e.type,
  occurredOn: e.occurredOn,
  source: e.source,
  confidence: e.confidence,
  details: e.details,
})

function storedRow(id: string, e: MissingEvent, authorId: string): store.NewMissingEventRow {
  return {
    missing_person_id: id,
    seq: e.seq,
    type: e.type,
    occurred_on: e.occurredOn,
    source: e.source,
    confidence: e.confidence,
    details: JSON.stringify(e.details),
    author_id: authorId,
  }
}
