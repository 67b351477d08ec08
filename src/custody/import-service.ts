import { createHash } from 'node:crypto'
import { sql } from 'kysely'
import type { AuditInput, appendAudit } from '../audit/store'
import type { Actor } from '../auth/actor'
import type { Clock } from '../core/clock'
import { ValidationError } from '../core/errors'
import type { Db } from '../db/connection'
import { readPersonsCsv } from './import-persons'
import type { Romanize } from './person-row'
import { particularsOf } from './present'
import { planRegistration } from './registration'
import type * as store from './store'

type Deps = {
  db: Db
  store: Pick<
    typeof store,
    'insertPersons' | 'insertEvents' | 'findExistingSourceKeys' | 'findFacilityByName'
  >
  audit: { appendAudit: typeof appendAudit }
  clock: Clock
  romanize: Romanize
}

export type ImportReport = { rows: number; created: number; unchanged: number; importId: string | null }

const CHUNK = 2000

/**
 * Imports a CSV of persons: every row is checked before anything is written, then all new rows
 * land in one transaction (persons, their first events, their audit entries, the import record).
 * Rows already registered by an earlier import (same source key) are left as they are, so the same
 * file imported twice changes nothing.
 * @throws ValidationError naming each bad row and column; nothing is stored then
 */
export function createPersonImportService({ db, store, audit, clock, romanize }: Deps) {
  async function importPersons(
    actor: Actor,
    file: { name: string; content: Buffer | string },
    onProgress?: (done: number, total: number) => void,
  ): Promise<ImportReport> {
    const rows = readPersonsCsv(file.content, file.name)
    const sha256 = createHash('sha256').update(file.content).digest('hex')
    // A row is known by its file and its place in it, never by a bare id: two offices both
    // number their rows from 1, and a person with a reused id must not be taken for another.
    const keyed = rows.map((r) => ({ ...r, sourceKey: `file:${sha256.slice(0, 32)}:${r.rowKey}` }))
    const today = clock().toISOString().slice(0, 10)
    const report = await db.transaction().execute(async (tx): Promise<ImportReport> => {
      const facilityIds = new Map<string, string>()
      const missing = new Set<string>()
      for (const name of new Set(rows.map((r) => r.facilityName).filter((n): n is string => !!n))) {
        const f = await store.findFacilityByName(tx, name)
        if (f) facilityIds.set(name, f.id)
        else missing.add(name)
      }
      if (missing.size > 0) {
        const issues = rows.filter((r) => r.facilityName && missing.has(r.facilityName)).slice(0, 1000)
        throw new ValidationError(
          issues.map((r) => ({
            path: `row ${r.line}.facility`,
            message: `no facility named ${r.facilityName}`,
          })),
        )
      }
      // this file imported before (also before row keys named their file): nothing to do
      const before = await tx
        .selectFrom('imports')
        .select('id')
        .where('kind', '=', 'persons')
        .where('file_sha256', '=', sha256)
        .executeTakeFirst()
      if (before) return { rows: rows.length, created: 0, unchanged: rows.length, importId: null }
      const existing = await store.findExistingSourceKeys(
        tx,
        keyed.map((r) => r.sourceKey),
      )
      const fresh = keyed.filter((r) => !existing.has(r.sourceKey))
      const plans = fresh.map((r) => {
        const input = { ...r.input, facilityId: r.facilityName ? facilityIds.get(r.facilityName) : undefined }
        return planRegistration(
          input,
          { today, actorId: actor.id, romanize, sourceKey: r.sourceKey },
          `row ${r.line}.`,
        )
      })
      let created = 0
      for (let i = 0; i < plans.length; i += CHUNK) {
        const chunk = plans.slice(i, i + CHUNK)
        const inserted = await store.insertPersons(
          tx,
          chunk.map((p) => p.person),
        )
        await store.insertEvents(
          tx,
          inserted.flatMap((row, k) =>
            chunk[k]!.events.map((e, j) => ({
              person_id: row.id,
              seq: j + 1,
              type: e.type,
              occurred_on: e.occurredOn,
              facility_id: e.facilityId,
              details: JSON.stringify(e.details),
              source: `import ${file.name}`,
              author_id: actor.id,
            })),
          ),
        )
        const entries: AuditInput[] = inserted.map((row) => ({
          actorId: actor.id,
          actorName: actor.name,
          action: 'person.register',
          entityType: 'person',
          entityId: row.id,
          before: null,
          after: { ...particularsOf(row), importedFrom: file.name },
        }))
        await audit.appendAudit(tx, entries, clock())
        created += inserted.length
        onProgress?.(created, plans.length)
      }
      if (created === 0) return { rows: rows.length, created: 0, unchanged: rows.length, importId: null }
      const record = await tx
        .insertInto('imports')
        .values({
          kind: 'persons',
          file_name: file.name,
          file_sha256: sha256,
          row_count: rows.length,
          created_count: created,
          unchanged_count: rows.length - created,
          imported_by: actor.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await audit.appendAudit(
        tx,
        [
          {
            actorId: actor.id,
            actorName: actor.name,
            action: 'persons.import',
            entityType: 'import',
            entityId: record.id,
            before: null,
            after: { file: file.name, sha256, rows: rows.length, created },
          },
        ],
        clock(),
      )
      return { rows: rows.length, created, unchanged: rows.length - created, importId: record.id }
    })
    // The embedded database has no autovacuum to refresh the planner's statistics; after a large
    // import, stale ones make it scan the whole register for a page of a hundred.
    if (report.created >= 1000) await sql`analyze persons`.execute(db)
    return report
  }
  return { importPersons }
}
export type PersonImportService = ReturnType<typeof createPersonImportService>
