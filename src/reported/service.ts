import type { AuditInput, appendAudit } from '../audit/store'
import type { Actor } from '../auth/actor'
import type { Clock } from '../core/clock'
import { DomainError, notFound, ValidationError } from '../core/errors'
import { parseInput } from '../core/validate'
import type { Db } from '../db/connection'
import { createWritePipeline } from '../db/write'
import { CorrectFigure, type ReportedShown, ReportFigure } from './model'
import * as store from './store'

export type ReportedDeps = { db: Db; audit: { appendAudit: typeof appendAudit }; clock: Clock }

const iso = (d: Date | string) => (d instanceof Date ? d.toISOString() : String(d))

export function presentFigure(r: store.ReportedRow): ReportedShown {
  return {
    id: r.id,
    question: r.question as ReportedShown['question'],
    claimed: r.claimed,
    low: r.low,
    high: r.high,
    source: r.source,
    channel: r.channel,
    link: r.link,
    document: r.document,
    claimedOn: r.claimed_on,
    aboutDate: r.about_date,
    assessment: r.assessment as ReportedShown['assessment'],
    note: r.note,
    createdBy: r.created_by,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
    version: r.version,
  }
}

/** What the audit entry keeps of a figure: every field a reader of the trail needs to see what changed. */
const audited = (f: ReportedShown) => {
  const { createdAt: _c, updatedAt: _u, createdBy: _b, ...rest } = f
  return rest
}

const entry = (actor: Actor, action: string, id: string, before: unknown, after: unknown): AuditInput => ({
  actorId: actor.id,
  actorName: actor.name,
  action,
  entityType: 'reported_figure',
  entityId: id,
  before,
  after,
})

function columnsOf(p: ReturnType<typeof ReportFigure.parse>) {
  return {
    question: p.question,
    claimed: p.claimed,
    low: p.low ?? null,
    high: p.high ?? null,
    source: p.source,
    channel: p.channel ?? null,
    link: p.link ?? null,
    document: p.document ?? null,
    claimed_on: p.claimedOn,
    about_date: p.aboutDate ?? null,
    assessment: p.assessment,
    note: p.note ?? null,
  }
}

function notInFuture(p: { claimedOn: string; aboutDate?: string | null }, today: string) {
  const issues = [
    p.claimedOn > today ? { path: 'claimedOn', message: `${p.claimedOn} is in the future` } : null,
    p.aboutDate && p.aboutDate > today
      ? { path: 'aboutDate', message: `${p.aboutDate} is in the future` }
      : null,
  ].filter((i) => i !== null)
  if (issues.length > 0) throw new ValidationError(issues)
}

/**
 * Figures others claimed in public, each with its source and the analyst's assessment. Every change
 * goes through the write pipeline with its audit entry; a correction names the version it read.
 */
export function createReportedService({ db, audit, clock }: ReportedDeps) {
  const write = createWritePipeline({ db, audit, clock })
  const today = () => clock().toISOString().slice(0, 10)

  return {
    async list(question?: string) {
      return (await store.listFigures(db, question)).map(presentFigure)
    },

    async get(id: string) {
      const row = await store.findFigure(db, id)
      if (!row) throw notFound('Reported figure', id)
      return presentFigure(row)
    },

    /** @throws ValidationError naming each field; nothing is stored then */
    async report(actor: Actor, input: unknown) {
      const p = parseInput(ReportFigure, input)
      notInFuture(p, today())
      return write(async ({ tx, now }) => {
        const row = await store.insertFigure(tx, {
          ...columnsOf(p),
          created_by: actor.name,
          created_at: now,
          updated_at: now,
        })
        const shown = presentFigure(row)
        return { result: shown, audit: [entry(actor, 'reported.add', row.id, null, audited(shown))] }
      })
    },

    /** @throws DomainError NOT_FOUND; CONFLICT when someone changed it since `expectedVersion` */
    async correct(actor: Actor, id: string, input: unknown) {
      const p = parseInput(CorrectFigure, input)
      notInFuture(p, today())
      return write(async ({ tx, now }) => {
        const row = await store.findFigure(tx, id, { forUpdate: true })
        if (!row) throw notFound('Reported figure', id)
        if (row.version !== p.expectedVersion)
          throw new DomainError(
            'CONFLICT',
            `The figure of ${row.source} ("${row.claimed}") was changed by someone else (version ${row.version}, you read ${p.expectedVersion}); nothing was saved: reload and try again`,
          )
        const before = presentFigure(row)
        const updated = await store.updateFigure(tx, id, {
          ...columnsOf(p),
          updated_at: now,
          version: row.version + 1,
        })
        const after = presentFigure(updated)
        return {
          result: after,
          audit: [entry(actor, 'reported.correct', id, audited(before), audited(after))],
        }
      })
    },

    /** Removes a figure entered by mistake; the audit trail keeps what it said. */
    async remove(actor: Actor, id: string) {
      return write(async ({ tx }) => {
        const row = await store.findFigure(tx, id, { forUpdate: true })
        if (!row) throw notFound('Reported figure', id)
        await store.deleteFigure(tx, id)
        return {
          result: { id },
          audit: [entry(actor, 'reported.remove', id, audited(presentFigure(row)), null)],
        }
      })
    },
  }
}
export type ReportedService = ReturnType<typeof createReportedService>
