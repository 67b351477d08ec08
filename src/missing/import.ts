import { createHash } from 'node:crypto'
import { sql } from 'kysely'
import type { AuditInput } from '../audit/store'
import type { Actor } from '../auth/actor'
import { createWritePipeline } from '../db/write'
import { readTable } from '../lists/table'
import { readMissingRows } from './import-rows'
import { missingParticularsOf } from './present'
import { eventRow, newRecordRow, particularsIn, reportedMissingEvent, reportRow } from './rows'
import type { MissingDeps } from './service'
import { missingStateWith } from './state'
import * as store from './store'

export type MissingImportReport = { rows: number; created: number; unchanged: number; source: string }

const CHUNK = 1000

/**
 * Imports an existing missing-persons register (CSV or XLSX), all or nothing: every row is checked
 * before anything is written, then the new rows land in one write with their reports, first events
 * and audit entries. A row is known by its source and its id (or line): the same source imported
 * again changes nothing, and a later version of it adds only the rows it did not have.
 * @throws ValidationError naming each bad row and column; nothing is stored then
 */
export function createMissingImport(deps: MissingDeps) {
  const { db, clock, romanize } = deps
  const write = createWritePipeline({ db, audit: deps.audit, clock })

  return async function importMissing(
    actor: Actor,
    file: { name: string; content: Buffer; source?: string },
    onProgress?: (done: number, total: number) => void,
  ): Promise<MissingImportReport> {
    const { header, rows } = await readTable(file.name, file.content)
    const source = file.source?.trim() || file.name
    const now = clock().toISOString().slice(0, 10)
    const read = readMissingRows(header, rows, source, now)
    const report = await write(async ({ tx }) => {
      const keyed = read.map((r) => ({ ...r, sourceKey: `${source}|${r.rowKey}` }))
      const existing = await store.findExistingReportKeys(
        tx,
        keyed.map((r) => r.sourceKey),
      )
      const fresh = keyed.filter((r) => !existing.has(r.sourceKey))
      const audit: AuditInput[] = []
      for (let i = 0; i < fresh.length; i += CHUNK) {
        const chunk = fresh.slice(i, i + CHUNK)
        const inserted = await store.insertMissing(
          tx,
          chunk.map((r) => {
            const row = newRecordRow(r.input, { romanize, actorId: actor.id, today: now })
            if (!r.status) return row
            const first = reportedMissingEvent(r.input, now)
            // the register's status, folded like any event: an impossible one is refused naming the row
            const state = missingStateWith([{ ...first, seq: 1, details: {} }], {
              ...r.status,
              details: {},
            })
            return {
              ...row,
              status: state.status === 'none' ? 'missing' : state.status,
              captivity: state.captivity,
              death_reported: state.deathReported,
              last_event_on: state.lastEventOn,
              event_count: state.eventCount,
            }
          }),
        )
        await store.insertReports(
          tx,
          inserted.map((row, k) =>
            reportRow(row.id, 1, chunk[k]!.input, particularsIn(chunk[k]!.input), {
              actorId: actor.id,
              today: now,
              sourceKey: chunk[k]!.sourceKey,
            }),
          ),
        )
        await store.insertMissingEvents(
          tx,
          inserted.flatMap((row, k) => {
            const r = chunk[k]!
            const first = eventRow(row.id, 1, reportedMissingEvent(r.input, now), actor.id)
            return r.status ? [first, eventRow(row.id, 2, r.status, actor.id)] : [first]
          }),
        )
        for (const [k, row] of inserted.entries())
          audit.push({
            actorId: actor.id,
            actorName: actor.name,
            action: 'missing.register',
            entityType: 'missing_person',
            entityId: row.id,
            before: null,
            after: { ...missingParticularsOf(row), source, row: chunk[k]!.line },
          })
        onProgress?.(i + chunk.length, fresh.length)
      }
      const sha256 = createHash('sha256').update(file.content).digest('hex')
      audit.push({
        actorId: actor.id,
        actorName: actor.name,
        action: 'missing.import',
        entityType: 'import',
        entityId: null,
        before: null,
        after: { file: file.name, sha256, source, rows: read.length, created: fresh.length },
      })
      return {
        result: { rows: read.length, created: fresh.length, unchanged: read.length - fresh.length, source },
        audit: fresh.length > 0 ? audit : [],
      }
    })
    // PGlite has no autovacuum: fresh statistics keep a page of the register from scanning it all
    if (report.created >= 1000) await sql`analyze missing_persons`.execute(db)
    return report
  }
}
export type MissingImport = ReturnType<typeof createMissingImport>
