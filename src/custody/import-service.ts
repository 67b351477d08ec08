import { createHash } from 'node:crypto'
import { sql } from 'kysely'
import type { AuditInput, appendAudit } from '../audit/store'
import type { Actor } from '../auth/actor'
import type { Clock } from '../core/clock'
import { type FieldIssue, ValidationError } from '../core/errors'
import { byteStream, type FileSource, sourceSize } from '../core/text-stream'
import type { Db } from '../db/connection'
import { createWritePipeline } from '../db/write'
import { readPersonRows, refuseFileIssues } from './import-persons'
import type { Romanize } from './person-row'
import { particularsOf } from './present'
import { type PlannedRegistration, planRegistration } from './registration'
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

/** A file to import: on disk (read as a stream, never held whole) or in memory. */
export type ImportFile = { name: string } & FileSource

const CHUNK = 2000

async function sha256Of(source: FileSource): Promise<string> {
  const hash = createHash('sha256')
  for await (const piece of byteStream(source)) hash.update(piece as Buffer)
  return hash.digest('hex')
}

/**
 * Imports a CSV of persons: all rows or none. The file is read as a stream, in one pass inside
 * one transaction: rows are checked as they come and written in chunks (persons, their first
 * events, their audit entries); the first bad row stops the writing, the rest is still checked so
 * that every issue is named, and the refusal rolls the transaction back. Memory stays at a chunk
 * of rows whatever the file's size.
 * Rows already registered by an earlier import (same source key) are left as they are, so the same
 * file imported twice changes nothing.
 * @throws ValidationError naming each bad row and column; nothing is stored then
 */
export function createPersonImportService({ db, store, audit, clock, romanize }: Deps) {
  const write = createWritePipeline({ db, audit, clock })
  async function importPersons(
    actor: Actor,
    file: ImportFile,
    /** bytes of the file read so far, of its size */
    onProgress?: (done: number, total: number) => void,
  ): Promise<ImportReport> {
    const total = sourceSize(file)
    const sha256 = await sha256Of(file)
    const today = clock().toISOString().slice(0, 10)
    // Through the one write pipeline: a rival import of the same file waits on the rows this one
    // inserts and fails on their keys (unique_violation) when it commits; the pipeline runs it
    // again, and it then finds the file imported and changes nothing.
    const report = await write(async ({ tx, appendAudit }) => {
      const result = await importIn(tx, appendAudit)
      return { result, audit: [] }
    })
    // The embedded database has no autovacuum to refresh the planner's statistics; after a large
    // import, stale ones make it scan the whole register for a page of a hundred.
    if (report.created >= 1000) await sql`analyze persons`.execute(db)
    return report

    async function importIn(
      tx: Db,
      appendAudit: (entries: AuditInput[]) => Promise<void>,
    ): Promise<ImportReport> {
      // this file imported before (also before row keys named their file): nothing to do
      const before = await tx
        .selectFrom('imports')
        .select(['id', 'row_count'])
        .where('kind', '=', 'persons')
        .where('file_sha256', '=', sha256)
        .executeTakeFirst()
      if (before) return { rows: before.row_count, created: 0, unchanged: before.row_count, importId: null }

      const issues: FieldIssue[] = []
      const facilityIds = new Map<string, string | null>()
      const facilityOf = async (name: string) => {
        if (!facilityIds.has(name))
          facilityIds.set(name, (await store.findFacilityByName(tx, name))?.id ?? null)
        return facilityIds.get(name)
      }
      let rows = 0
      let created = 0
      let chunk: { plan: PlannedRegistration; sourceKey: string }[] = []
      const writeChunk = async () => {
        const existing = await store.findExistingSourceKeys(
          tx,
          chunk.map((c) => c.sourceKey),
        )
        const plans = chunk.filter((c) => !existing.has(c.sourceKey)).map((c) => c.plan)
        chunk = []
        if (plans.length === 0) return
        const inserted = await store.insertPersons(
          tx,
          plans.map((p) => p.person),
        )
        await store.insertEvents(
          tx,
          inserted.flatMap((row, k) =>
            plans[k]!.events.map((e, j) => ({
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
        await appendAudit(entries)
        created += inserted.length
      }

      let read = 0
      const check = createHash('sha256')
      const onBytes = (piece: Buffer) => {
        check.update(piece)
        read += piece.length
        onProgress?.(read, total)
      }
      for await (const r of readPersonRows(file, file.name, issues, onBytes)) {
        rows++
        let facilityId: string | undefined
        if (r.facilityName) {
          const id = await facilityOf(r.facilityName)
          if (!id) {
            issues.push({ path: `row ${r.line}.facility`, message: `no facility named ${r.facilityName}` })
            continue
          }
          facilityId = id
        }
        let plan: PlannedRegistration
        try {
          // A row is known by its file and its place in it, never by a bare id: two offices both
          // number their rows from 1, and a person with a reused id must not be taken for another.
          const sourceKey = `file:${sha256.slice(0, 32)}:${r.rowKey}`
          plan = planRegistration(
            { ...r.input, facilityId },
            { today, actorId: actor.id, romanize, sourceKey },
            `row ${r.line}.`,
          )
          // once a row is refused nothing more is written: the rest is only checked
          if (issues.length === 0) chunk.push({ plan, sourceKey })
        } catch (e) {
          if (!(e instanceof ValidationError)) throw e
          issues.push(...e.issues)
          continue
        }
        if (chunk.length >= CHUNK) await writeChunk()
      }
      refuseFileIssues(issues)
      if (check.digest('hex') !== sha256)
        throw new ValidationError([
          { path: 'file', message: `${file.name} changed while it was being imported; nothing was imported` },
        ])
      await writeChunk()
      if (created === 0) return { rows, created: 0, unchanged: rows, importId: null }
      const record = await tx
        .insertInto('imports')
        .values({
          kind: 'persons',
          file_name: file.name,
          file_sha256: sha256,
          row_count: rows,
          created_count: created,
          unchanged_count: rows - created,
          imported_by: actor.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await appendAudit([
        {
          actorId: actor.id,
          actorName: actor.name,
          action: 'persons.import',
          entityType: 'import',
          entityId: record.id,
          before: null,
          after: { file: file.name, sha256, rows, created },
        },
      ])
      return { rows, created, unchanged: rows - created, importId: record.id }
    }
  }
  return { importPersons }
}
export type PersonImportService = ReturnType<typeof createPersonImportService>
