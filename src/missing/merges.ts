import { z } from 'zod'
import type { appendAudit } from '../audit/store'
import type { Actor } from '../auth/actor'
import type { Clock } from '../core/clock'
import { DomainError, notFound } from '../core/errors'
import { parseInput } from '../core/validate'
import type { Db } from '../db/connection'
import { createWritePipeline } from '../db/write'
import type { MissingEvent } from './events'
import { effectiveHistory, replacements } from './history'
import * as merges from './merge-store'
import { presentMissing } from './present'
import { foldMissing, missingEventWords } from './state'
import { stateColumns } from './state-columns'
import * as store from './store'
import { entry, openRecord } from './write-helpers'

export type MergeDeps = { db: Db; audit: { appendAudit: typeof appendAudit }; clock: Clock }

export const MergeInput = z.object({
  from: z.uuid().describe('The record to merge into this one; it is kept as a pointer to this one'),
  reason: z
    .string()
    .trim()
    .min(1, 'say why these are one person')
    .max(1000, 'must be at most 1000 characters'),
})
export type MergeInput = z.input<typeof MergeInput>

/** The particulars a merge may fill on the kept record, as columns and as the API names them. */
const MERGEABLE = [
  ['first_names', 'firstNames'],
  ['patronymic', 'patronymic'],
  ['sex', 'sex'],
  ['rank', 'rank'],
  ['service_number', 'serviceNumber'],
  ['date_of_birth', 'dateOfBirth'],
  ['place_of_birth', 'placeOfBirth'],
  ['unit', 'unit'],
  ['region', 'region'],
  ['distinguishing_marks', 'distinguishingMarks'],
  ['photo_ref', 'photoRef'],
  ['photo_sha256', 'photo'],
  ['last_seen_on', 'lastSeenOn'],
  ['last_seen_place', 'lastSeenPlace'],
  ['last_seen_circumstances', 'circumstances'],
  ['last_seen_witness', 'witness'],
] as const satisfies readonly (readonly [keyof store.MissingRow, string])[]
type Column = (typeof MERGEABLE)[number][0]

const blank = (v: unknown) => v === null || v === undefined || v === ''
const comparable = (v: unknown) => String(v).normalize('NFKC').trim().toLocaleLowerCase()

/** What the kept record takes from the other (only what it did not know) and where they disagree. */
function combine(into: store.MissingRow, from: store.MissingRow) {
  const filled: Partial<Record<Column, unknown>> = {}
  const disagreements: string[] = []
  if (comparable(into.surname) !== comparable(from.surname)) disagreements.push('surname')
  for (const [column, field] of MERGEABLE) {
    const said = from[column]
    if (blank(said)) continue
    if (blank(into[column])) filled[column] = said
    else if (comparable(into[column]) !== comparable(said) && !column.startsWith('photo'))
      disagreements.push(field)
  }
  return { filled, disagreements: disagreements.filter((f) => !(into.disagreements ?? []).includes(f)) }
}

/**
 * Merging two records of one person and undoing it. The absorbed record is never deleted: it points
 * to the kept one (its page redirects there), its events are copied there with their sources and a
 * note of where they came from, its reports moved there, each with what it said.
 */
export function createMerges(deps: MergeDeps) {
  const write = createWritePipeline(deps)

  /**
   * Merges record `fromId` into `intoId`.
   * @throws ValidationError; DomainError NOT_FOUND, INVALID_TRANSITION (a merged record, or the
   * combined history impossible, naming the event)
   */
  async function mergeRecords(actor: Actor, intoId: string, input: MergeInput) {
    const parsed = parseInput(MergeInput, input)
    if (parsed.from === intoId)
      throw new DomainError('INVALID_TRANSITION', 'A record cannot be merged into itself', {
        details: { refusal: 'merge_self' },
      })
    return write(async (ctx) => {
      await ctx.lock('missing_persons', [intoId, parsed.from])
      const into = await openRecord(ctx.tx, intoId)
      const from = await openRecord(ctx.tx, parsed.from)
      const ours = await store.listMissingEvents(ctx.tx, intoId)
      const theirs = effectiveHistory(await store.listMissingEvents(ctx.tx, from.id))
      let seq = ours.reduce((m, e) => Math.max(m, e.seq), 0)
      const copies: MissingEvent[] = theirs.map((e) => ({
        seq: ++seq,
        type: e.type,
        occurredOn: e.occurredOn,
        source: e.source,
        confidence: e.confidence,
        details: {
          ...e.details,
          mergedFrom: { id: from.id, registerNumber: Number(from.register_number), seq: e.seq },
        },
      }))
      const folded = foldMissing([...ours, ...copies])
      if (!folded.ok) {
        const { event, after, reason } = folded.conflict
        const fromThem = (e: MissingEvent) =>
          copies.includes(e) ? ` (of record No. ${from.register_number})` : ''
        const named = (e: MissingEvent) => `${missingEventWords(e)}${fromThem(e)}`
        throw new DomainError(
          'INVALID_TRANSITION',
          `Record No. ${from.register_number} cannot be merged into record No. ${into.register_number}: ${
            after ? `after ${named(after)}, ` : ''
          }${named(event)} is impossible (${reason})`,
          { details: { conflictsWith: { seq: event.seq, type: event.type, occurredOn: event.occurredOn } } },
        )
      }
      await store.insertMissingEvents(
        ctx.tx,
        copies.map((e) => ({
          missing_person_id: intoId,
          seq: e.seq,
          type: e.type,
          occurred_on: e.occurredOn,
          source: e.source,
          confidence: e.confidence,
          details: JSON.stringify(e.details),
          author_id: actor.id,
        })),
      )
      const reports = await merges.moveReports(ctx.tx, from.id, intoId)
      const { filled, disagreements } = combine(into, from)
      const updated = await store.updateMissing(ctx.tx, intoId, {
        ...(filled as Partial<store.NewMissingRow>),
        disagreements: [...(into.disagreements ?? []), ...disagreements],
        ...stateColumns(folded.state),
        updated_at: ctx.now,
        version: into.version + 1,
      })
      await store.updateMissing(ctx.tx, from.id, {
        merged_into: intoId,
        updated_at: ctx.now,
        version: from.version + 1,
      })
      await merges.insertMerge(ctx.tx, {
        into_id: intoId,
        from_id: from.id,
        filled,
        disagreements,
        copied_seqs: copies.map((e) => e.seq),
        merged_by: actor.id,
        merged_at: ctx.now,
      })
      const summary = {
        into: { id: intoId, registerNumber: Number(into.register_number) },
        from: { id: from.id, registerNumber: Number(from.register_number) },
        events: copies.length,
        reports,
        filled: Object.keys(filled),
        disagreements,
        reason: parsed.reason,
      }
      return {
        result: presentMissing(updated),
        audit: [
          entry(actor, 'missing.merge', intoId, { status: into.status, captivity: into.captivity }, summary),
          entry(actor, 'missing.merged', from.id, null, summary),
        ],
      }
    })
  }

  /**
   * Undoes the merge that made `fromId` a pointer: the copied events are retracted on the kept
   * record (they stay in its history, marked), the reports go back, the fields the merge filled are
   * emptied again unless changed since, and the record is its own again.
   * @throws DomainError NOT_FOUND; INVALID_TRANSITION (not merged; the kept record merged further;
   * the kept history impossible without the copies, naming the event)
   */
  async function unmergeRecord(actor: Actor, fromId: string) {
    return write(async (ctx) => {
      const found = await store.findMissing(ctx.tx, fromId)
      if (!found) throw notFound('Missing person', fromId)
      const merge = await merges.findStandingMerge(ctx.tx, fromId)
      if (!found.merged_into || !merge)
        throw new DomainError(
          'INVALID_TRANSITION',
          `Record No. ${found.register_number} is not merged into another`,
          {
            details: { refusal: 'not_merged', registerNumber: Number(found.register_number) },
          },
        )
      await ctx.lock('missing_persons', [merge.into_id, fromId])
      const into = await openRecord(ctx.tx, merge.into_id)
      const from = (await store.findMissing(ctx.tx, fromId))!
      const history = await store.listMissingEvents(ctx.tx, into.id)
      const replacedBy = replacements(history)
      let seq = history.reduce((m, e) => Math.max(m, e.seq), 0)
      const withdrawals: (MissingEvent & { corrects: number })[] = []
      for (const copied of merge.copied_seqs) {
        let last = copied
        while (replacedBy.has(last)) last = replacedBy.get(last)!
        const row = history.find((e) => e.seq === last)!
        if (row.retracted) continue
        withdrawals.push({ ...row, seq: ++seq, corrects: last, retracted: true })
      }
      const folded = foldMissing([...history, ...withdrawals])
      if (!folded.ok) {
        const { event, reason } = folded.conflict
        throw new DomainError(
          'INVALID_TRANSITION',
          `Record No. ${from.register_number} cannot be taken out of record No. ${into.register_number}: without its events ${missingEventWords(event)} is impossible (${reason})`,
          { details: { conflictsWith: { seq: event.seq, type: event.type, occurredOn: event.occurredOn } } },
        )
      }
      await store.insertMissingEvents(
        ctx.tx,
        withdrawals.map((e) => ({
          missing_person_id: into.id,
          seq: e.seq,
          type: e.type,
          occurred_on: e.occurredOn,
          source: e.source,
          confidence: e.confidence,
          details: JSON.stringify(e.details),
          author_id: actor.id,
          corrects: e.corrects,
          retracted: true,
          reason: `merge of record No. ${from.register_number} undone`,
        })),
      )
      const reports = await merges.returnReports(ctx.tx, into.id, fromId)
      const emptied: Record<string, null> = {}
      for (const [column, value] of Object.entries(merge.filled as Record<string, unknown>))
        if (comparable(into[column as Column]) === comparable(value)) emptied[column] = null
      const added = new Set(merge.disagreements)
      const updated = await store.updateMissing(ctx.tx, into.id, {
        ...emptied,
        disagreements: (into.disagreements ?? []).filter((f) => !added.has(f)),
        ...stateColumns(folded.state),
        updated_at: ctx.now,
        version: into.version + 1,
      })
      await store.updateMissing(ctx.tx, fromId, {
        merged_into: null,
        updated_at: ctx.now,
        version: from.version + 1,
      })
      await merges.closeMerge(ctx.tx, merge.id, actor.id, ctx.now)
      const summary = {
        into: { id: into.id, registerNumber: Number(into.register_number) },
        from: { id: fromId, registerNumber: Number(from.register_number) },
        eventsRetracted: withdrawals.length,
        reports,
        emptied: Object.keys(emptied),
      }
      return {
        result: presentMissing(updated),
        audit: [
          entry(actor, 'missing.unmerge', into.id, null, summary),
          entry(actor, 'missing.unmerged', fromId, { mergedInto: into.id }, summary),
        ],
      }
    })
  }

  return { mergeRecords, unmergeRecord }
}
