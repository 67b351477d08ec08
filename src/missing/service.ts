import type { AuditInput, appendAudit } from '../audit/store'
import type { Actor } from '../auth/actor'
import type { Clock } from '../core/clock'
import { DomainError, notFound, ValidationError } from '../core/errors'
import { parseInput } from '../core/validate'
import type { Romanize } from '../custody/person-row'
import type { Db } from '../db/connection'
import { createWritePipeline, type WriteContext } from '../db/write'
import { createCorrections } from './corrections'
import { possibleDuplicates } from './duplicates'
import { MissingEventInput, type MissingEventInput as MissingEventInputType } from './events'
import { replacements } from './history'
import { mergeParticulars } from './merge'
import { mergedInto } from './merge-store'
import { createMerges } from './merges'
import {
  AddReport,
  type AddReport as AddReportInput,
  CreateMissing,
  type CreateMissing as CreateMissingInput,
} from './model'
import { createPhotos } from './photos'
import { missingParticularsOf, presentMissing, presentMissingEvent, presentReport } from './present'
import { createReturnReviews } from './return-reviews'
import {
  detailsOf,
  eventRow,
  newRecordRow,
  particularColumns,
  particularsIn,
  reportedMissingEvent,
  reportRow,
} from './rows'
import { missingStateWith } from './state'
import * as store from './store'
import { openRecord } from './write-helpers'

export type MissingDeps = {
  db: Db
  audit: { appendAudit: typeof appendAudit }
  clock: Clock
  romanize: Romanize
}

const today = (clock: Clock) => clock().toISOString().slice(0, 10)

function entry(actor: Actor, action: string, id: string, before: unknown, after: unknown): AuditInput {
  return {
    actorId: actor.id,
    actorName: actor.name,
    action,
    entityType: 'missing_person',
    entityId: id,
    before,
    after,
  }
}

function notInFuture(date: string | undefined, path: string, now: string) {
  if (date && date > now) throw new ValidationError([{ path, message: `${date} is in the future` }])
}

/**
 * The missing-persons register: records made from reports, further reports merged into them, and
 * status events folded like custody's. Every write goes through the one write pipeline.
 */
export function createMissingService(deps: MissingDeps) {
  const { db, clock, romanize } = deps
  const write = createWritePipeline({ db, audit: deps.audit, clock })

  /**
   * A new record from its first report, with the reported_missing event.
   * @throws ValidationError naming each bad field; nothing is stored then
   */
  async function createMissing(actor: Actor, input: CreateMissingInput) {
    const parsed = checkedNew(input)
    return write((ctx) => registerWithin(ctx, actor, parsed))
  }

  function checkedNew(input: CreateMissingInput) {
    const parsed = parseInput(CreateMissing, input)
    const now = today(clock)
    notInFuture(parsed.lastSeen.on, 'lastSeen.on', now)
    notInFuture(parsed.receivedOn, 'receivedOn', now)
    return parsed
  }

  async function registerWithin(ctx: WriteContext, actor: Actor, parsed: ReturnType<typeof checkedNew>) {
    const now = today(clock)
    const [row] = await store.insertMissing(ctx.tx, [
      newRecordRow(parsed, { romanize, actorId: actor.id, today: now }),
    ])
    await store.insertReports(ctx.tx, [
      reportRow(row!.id, 1, parsed, particularsIn(parsed), { actorId: actor.id, today: now }),
    ])
    await store.insertMissingEvents(ctx.tx, [
      eventRow(row!.id, 1, reportedMissingEvent(parsed, now), actor.id),
    ])
    return {
      result: presentMissing(row!),
      audit: [
        entry(actor, 'missing.register', row!.id, null, {
          ...missingParticularsOf(row!),
          source: parsed.source,
        }),
      ],
    }
  }

  /**
   * A new record inside another capability's write (a family enquiry about someone not yet in the
   * register): the record, its report and its first event land or fail with that write.
   * @throws ValidationError naming each bad field, before anything is written
   */
  async function createMissingWithin(ctx: WriteContext, actor: Actor, input: CreateMissingInput) {
    return registerWithin(ctx, actor, checkedNew(input))
  }

  /**
   * Merges another report into a record: each report keeps what it said, the record takes what it
   * did not know, and fields the reports disagree on are named for a tracer.
   */
  async function addReport(actor: Actor, id: string, input: AddReportInput) {
    const parsed = parseInput(AddReport, input)
    const now = today(clock)
    notInFuture(parsed.lastSeen.on, 'lastSeen.on', now)
    notInFuture(parsed.receivedOn, 'receivedOn', now)
    return write(async (ctx) => {
      await ctx.lock('missing_persons', [id])
      const record = await openRecord(ctx.tx, id)
      const before = presentMissing(record)
      const { merged, filled, disagreements } = mergeParticulars(
        Object.fromEntries(Object.entries(before).filter(([, v]) => v !== null)),
        parsed.particulars,
      )
      const reports = await store.listReports(ctx.tx, id)
      await store.insertReports(ctx.tx, [
        reportRow(id, reports.length + 1, parsed, particularsIn(parsed.particulars), {
          actorId: actor.id,
          today: now,
        }),
      ])
      const lastSeen = {
        last_seen_on: record.last_seen_on ?? parsed.lastSeen.on ?? null,
        last_seen_place: record.last_seen_place ?? parsed.lastSeen.place ?? null,
        last_seen_circumstances: record.last_seen_circumstances ?? parsed.lastSeen.circumstances ?? null,
        last_seen_witness: record.last_seen_witness ?? parsed.lastSeen.witness ?? null,
      }
      const updated = await store.updateMissing(ctx.tx, id, {
        ...particularColumns(merged, romanize),
        ...lastSeen,
        disagreements: [...new Set([...(record.disagreements ?? []), ...disagreements])],
        updated_at: ctx.now,
        version: record.version + 1,
      })
      return {
        result: presentMissing(updated),
        audit: [
          entry(actor, 'missing.report.add', id, null, {
            report: reports.length + 1,
            source: parsed.source,
            filled,
            disagreements,
          }),
        ],
      }
    })
  }

  /**
   * Records what became known: the event takes its place by date and is refused only if it makes
   * the history impossible, naming the event it conflicts with.
   * @throws DomainError INVALID_TRANSITION; NOT_FOUND
   */
  async function recordEvent(actor: Actor, id: string, input: MissingEventInputType) {
    const parsed = parseInput(MissingEventInput, input)
    notInFuture(parsed.occurredOn, 'occurredOn', today(clock))
    return write(async (ctx) => {
      await ctx.lock('missing_persons', [id])
      const record = await openRecord(ctx.tx, id)
      const history = await store.listMissingEvents(ctx.tx, id)
      const details = detailsOf(parsed)
      const after = missingStateWith(history, { ...parsed, details })
      const seq = history.reduce((m, e) => Math.max(m, e.seq), 0) + 1
      await store.insertMissingEvents(ctx.tx, [eventRow(id, seq, parsed, actor.id)])
      const updated = await store.updateMissing(ctx.tx, id, {
        status: after.status === 'none' ? 'missing' : after.status,
        captivity: after.captivity,
        death_reported: after.deathReported,
        body_repatriated: after.bodyRepatriated,
        last_facility: after.lastFacility,
        last_event_on: after.lastEventOn,
        event_count: after.eventCount,
        updated_at: ctx.now,
        version: record.version + 1,
      })
      return {
        result: presentMissing(updated),
        audit: [
          entry(
            actor,
            `missing.event.${parsed.type}`,
            id,
            { status: record.status, captivity: record.captivity },
            {
              status: updated.status,
              captivity: updated.captivity,
              occurredOn: parsed.occurredOn,
              source: parsed.source,
              confidence: parsed.confidence,
              ...details,
            },
          ),
        ],
      }
    })
  }

  /** One record with its reports and its history in date order. @throws NOT_FOUND */
  async function getMissing(id: string) {
    const row = await store.findMissing(db, id)
    if (!row) throw notFound('Missing person', id)
    const [reports, events, absorbed] = await Promise.all([
      store.listReports(db, id),
      store.listMissingEvents(db, id),
      mergedInto(db, id),
    ])
    const replacedBy = replacements(events)
    return {
      person: presentMissing(row),
      reports: reports.map(presentReport),
      events: events.map((e) => ({ ...presentMissingEvent(e), replacedBy: replacedBy.get(e.seq) ?? null })),
      merged: absorbed.map((r) => ({
        id: r.id,
        registerNumber: Number(r.register_number),
        surname: r.surname,
      })),
    }
  }

  /**
   * The record an operator names by its register number (as the CLI takes it).
   * @throws DomainError NOT_FOUND naming the number
   */
  async function recordNumbered(n: number) {
    const row = await store.findMissingByNumber(db, n)
    if (!row) throw new DomainError('NOT_FOUND', `Record No. ${n} is not in the missing-persons register`)
    return presentMissing(row)
  }

  async function listMissing(filter: store.MissingFilter, page: { limit: number; before?: number }) {
    const rows = await store.listMissing(db, filter, { limit: page.limit + 1, before: page.before })
    const items = rows.slice(0, page.limit).map(presentMissing)
    const next = rows.length > page.limit ? items[items.length - 1]!.registerNumber : null
    return { items, nextBefore: next }
  }

  return {
    createMissing,
    createMissingWithin,
    addReport,
    recordEvent,
    getMissing,
    recordNumbered,
    listMissing,
    possibleDuplicates: (id: string) => possibleDuplicates(db, id),
    ...createCorrections(deps),
    ...createMerges(deps),
    ...createPhotos(deps),
    ...createReturnReviews(deps),
  }
}
export type MissingService = ReturnType<typeof createMissingService>
