import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { appendAudit } from '../audit/store'
import type { Actor } from '../auth/actor'
import type { Clock } from '../core/clock'
import { isDomainError, notFound, ValidationError } from '../core/errors'
import { unstorableTextIssues } from '../core/storable-text'
import { decodeText } from '../core/text-decode'
import type { Db } from '../db/connection'
import type { JobService } from '../jobs/service'
import { readLinkFile } from '../linkage/read'
import { createListImportJobs } from './import-job'
import * as store from './store'
import { createListWizard } from './wizard'

export type ListService = ReturnType<typeof createListService>

const NAME_MAX = 200

/**
 * Lists received from outside, stored as received so that linkage and reconciliation work on the
 * same rows a person can look up. A file already stored is not stored twice.
 */
export function createListService(deps: {
  db: Db
  audit: { appendAudit: typeof appendAudit }
  clock: Clock
  /** with jobs, a large file's confirm is stored by a worker (import-job.ts) */
  jobs?: JobService
}) {
  const { db, audit, clock } = deps
  const wizard = createListWizard(deps)
  const imports = deps.jobs && createListImportJobs({ db, jobs: deps.jobs, wizard })
  return {
    // the import wizard: upload, mapping with flags, provenance, confirm, the list's page
    ...wizard,
    confirmOrQueue: (actor: Actor, id: string, input: Parameters<typeof wizard.confirmImport>[2]) =>
      imports ? imports.confirmOrQueue(actor, id, input) : wizard.confirmImport(actor, id, input),

    async importList(
      actor: Actor,
      input: {
        name: string
        counterpart?: string | null
        fileName: string
        /** the bytes, or a received file already on disk with its hash (an upload streamed there) */
        content: Buffer | { path: string; sha256: string }
      },
    ): Promise<store.ListSummary & { created: boolean; warnings: string[] }> {
      const name = input.name.trim()
      if (!name || name.length > NAME_MAX)
        throw new ValidationError([
          { path: 'name', message: `give the list a name of 1 to ${NAME_MAX} characters` },
        ])
      const ext = path.extname(input.fileName).toLowerCase()
      if (!['.csv', '.xlsx', '.jsonl', '.ndjson'].includes(ext))
        throw new ValidationError([{ path: 'file', message: 'the file must be .csv, .xlsx or .jsonl' }])
      const received = Buffer.isBuffer(input.content) ? null : input.content
      const sha256 =
        received?.sha256 ??
        createHash('sha256')
          .update(input.content as Buffer)
          .digest('hex')
      const existing = await store.findListBySha(db, sha256)
      if (existing) return { ...existing, created: false, warnings: [] }
      // the reader works on files, so XLSX and CSV take one path whether from the CLI or the API
      const dir = mkdtempSync(path.join(os.tmpdir(), 'parley-list-'))
      let read: Awaited<ReturnType<typeof readLinkFile>>
      try {
        if (received) read = await readLinkFile(received.path)
        else {
          const file = path.join(dir, path.basename(input.fileName))
          // text files in any encoding an office saves (UTF-16, Windows-1251) are read as UTF-8
          const content = input.content as Buffer
          const text = ext === '.xlsx' ? null : decodeText(content, input.fileName).text
          writeFileSync(file, text ?? content)
          read = await readLinkFile(file)
        }
      } catch (e) {
        if (isDomainError(e)) throw e
        // a damaged workbook or file is the sender's problem to fix, not a server failure
        const why = `${input.fileName}: not a readable ${ext === '.xlsx' ? 'XLSX workbook' : 'file'} (${String((e as Error).message).slice(0, 120)})`
        throw new ValidationError([{ path: 'file', message: why }], why)
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
      const issues = read.records.flatMap((r, i) => unstorableTextIssues(r, `row ${i + 2}`, 1)).slice(0, 100)
      if (issues.length > 0) throw new ValidationError(issues)
      const id = await db.transaction().execute(async (tx) => {
        const listId = await store.insertList(
          tx,
          {
            name,
            counterpart: input.counterpart?.trim() || null,
            fileName: input.fileName,
            sha256,
            createdBy: actor.id,
          },
          read.records,
        )
        await audit.appendAudit(
          tx,
          [
            {
              actorId: actor.id,
              actorName: actor.name,
              action: 'lists.import',
              entityType: 'list',
              entityId: listId,
              before: null,
              after: {
                name,
                counterpart: input.counterpart ?? null,
                file: input.fileName,
                sha256,
                rows: read.records.length,
              },
            },
          ],
          clock(),
        )
        return listId
      })
      const list = await store.getList(db, id)
      return { ...list!, created: true, warnings: read.warnings }
    },

    listLists: () => store.listLists(db),

    async getList(id: string) {
      const list = await store.getList(db, id)
      if (!list) throw notFound('list', id)
      return list
    },

    async listRows(id: string, afterRow: number, limit: number) {
      await this.getList(id)
      const rows = await store.listRows(db, id, afterRow, limit)
      return { rows, nextAfter: rows.length === limit ? rows.at(-1)!.row_no : null }
    },

    async records(id: string) {
      await this.getList(id)
      return store.listRecords(db, id)
    },
  }
}
