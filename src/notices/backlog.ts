import type { Actor } from '../auth/actor'
import type { Clock } from '../core/clock'
import { notFound, ValidationError } from '../core/errors'
import type { Db } from '../db/connection'
import type { WritePipeline } from '../db/write'
import {
  type BacklogChoice,
  findImport,
  markBacklogSent,
  personImports,
  previewBacklog,
} from './backlog-store'
import type { Recipient } from './rules'

/** How a backlog batch says it went: the bureau sent these before it used Parley. */
export const SENT_BEFORE_PARLEY = 'sent before Parley'

export type BacklogInput = {
  /** notices raised by events before this day */
  before?: string
  /** notices about the persons of this import (GC III Art. 122's duties of a register brought in) */
  importId?: string
  recipient?: Recipient
  /** the day they were sent; default today */
  on?: string
  reference: string
}

/** "1-500, 502, 504-900": a batch's notice numbers, short enough for one audit entry of a large import. */
export function numberRanges(sorted: readonly number[]): string {
  const out: string[] = []
  for (let i = 0; i < sorted.length; ) {
    let j = i
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++
    out.push(i === j ? `${sorted[i]}` : `${sorted[i]}-${sorted[j]}`)
    i = j + 1
  }
  return out.join(', ')
}

/**
 * Recording a backlog as already sent. Importing a register of persons held for months raises
 * every notice they ever owed, all overdue, though the bureau sent them on paper long ago: the
 * liaison chooses them (by the date of their event and/or by the import) and marks them sent in
 * one action, as a batch marked `backlog`, how "sent before Parley", with a reference, audited once.
 */
export function createBacklog(deps: { db: Db; clock: Clock; write: WritePipeline }) {
  const { db, clock, write } = deps
  const today = () => clock().toISOString().slice(0, 10)

  async function choiceOf(input: BacklogInput): Promise<BacklogChoice & { importFile?: string }> {
    const issues = []
    if (!input.before && !input.importId)
      issues.push({ path: 'before', message: 'choose the notices: events before a date, an import, or both' })
    if (input.before && input.before > today())
      issues.push({ path: 'before', message: `${input.before} is in the future` })
    if (input.on && input.on > today()) issues.push({ path: 'on', message: `${input.on} is in the future` })
    if (issues.length > 0) throw new ValidationError(issues)
    const imp = input.importId ? await findImport(db, input.importId) : undefined
    if (input.importId && !imp) throw notFound('Import', input.importId)
    return {
      before: input.before,
      importSha256: imp?.file_sha256,
      importFile: imp?.file_name,
      recipient: input.recipient ?? 'agency',
    }
  }

  /** What a backlog would mark, changing nothing. */
  async function previewBacklogSent(input: Omit<BacklogInput, 'reference'>) {
    const choice = await choiceOf({ ...input, reference: '' })
    return { ...(await previewBacklog(db, choice)), importFile: choice.importFile ?? null }
  }

  /** Marks the chosen due notices sent before Parley, in one batch; refuses (changing nothing) when none is chosen. */
  async function markBacklogAsSent(actor: Actor, input: BacklogInput) {
    const choice = await choiceOf(input)
    const on = input.on ?? today()
    return write(async ({ tx, now }) => {
      const batch = await tx
        .insertInto('notice_batches')
        .values({
          recipient: choice.recipient,
          state: 'sent',
          backlog: true,
          prepared_by: actor.name,
          prepared_at: now,
          sent_by: actor.name,
          sent_at: new Date(`${on}T12:00:00Z`),
          sent_how: SENT_BEFORE_PARLEY,
          sent_reference: input.reference,
        })
        .returningAll()
        .executeTakeFirstOrThrow()
      const marked = await markBacklogSent(tx, choice, batch.id, now)
      if (marked.numbers.length === 0)
        throw new ValidationError([
          {
            path: input.before ? 'before' : 'importId',
            message: `no due notices ${[
              input.before && `raised by events before ${input.before}`,
              choice.importFile && `about the persons imported from ${choice.importFile}`,
            ]
              .filter(Boolean)
              .join(' and ')}`,
          },
        ])
      return {
        result: {
          batchId: batch.id,
          batchNumber: Number(batch.number),
          count: marked.numbers.length,
          persons: marked.persons,
        },
        audit: [
          {
            actorId: actor.id,
            actorName: actor.name,
            action: 'notices.backlog.sent',
            entityType: 'notice_batch',
            entityId: batch.id,
            before: { state: 'due' },
            after: {
              state: 'sent',
              how: SENT_BEFORE_PARLEY,
              on,
              reference: input.reference,
              before: input.before,
              import: choice.importFile,
              count: marked.numbers.length,
              persons: marked.persons,
              notices: numberRanges(marked.numbers),
            },
          },
        ],
      }
    })
  }

  async function imports(limit = 50) {
    const rows = await personImports(db, limit)
    return rows.map((r) => ({
      id: r.id,
      fileName: r.file_name,
      rows: r.row_count,
      created: r.created_count,
      importedBy: r.imported_by,
      importedAt: new Date(r.imported_at).toISOString(),
    }))
  }

  return { previewBacklogSent, markBacklogAsSent, imports }
}
