import type { appendAudit } from '../audit/store'
import type { Actor } from '../auth/actor'
import type { Clock } from '../core/clock'
import { DomainError, type FieldIssue, notFound, ValidationError } from '../core/errors'
import type { Db } from '../db/connection'
import { createWritePipeline } from '../db/write'
import { type ColumnMapping, headerKey, type ListField, recogniseHeader } from './columns'
import { differenceOf } from './difference'
import type { ConfirmImport, SourceKind } from './model'
import { type ReadRow, readListRows } from './read-rows'
import * as store from './store'
import * as wizard from './store-wizard'
import { readTable } from './table'

const PREVIEW_ROWS = 20
const FLAGGED_SHOWN = 200
/** Rows of each kind of change the list's page shows; the counts are always whole. */
const DIFFERENCE_SHOWN = 200

export type MappingProposal = {
  /** each column with the field proposed for it and the field its header alone names */
  columns: { header: string; field: ListField | null; recognised: ListField | null }[]
  /** saved: the mapping chosen last time for this source's file with these headers */
  from: 'saved' | 'headers'
  source: string | null
}

export type UploadAnalysis = {
  upload: wizard.Upload
  created: boolean
  importedAs: { id: string; name: string } | null
  mapping: MappingProposal
  preview: ReadRow[]
  flagged: ReadRow[]
  counts: { rows: number; flaggedRows: number; byCode: Record<string, number> }
}

const today = (clock: Clock) => clock().toISOString().slice(0, 10)

/**
 * The import wizard's use cases: a received file uploaded and stored once by its hash, read under a
 * proposed (or chosen) column mapping with every doubtful value flagged, then confirmed with its
 * provenance into a stored list, all or nothing, audited, once per file.
 */
export function createListWizard(deps: { db: Db; audit: { appendAudit: typeof appendAudit }; clock: Clock }) {
  const { db, clock } = deps
  const write = createWritePipeline(deps)

  async function table(upload: wizard.Upload) {
    return readTable(upload.fileName, await wizard.uploadContent(db, upload.id))
  }

  async function propose(header: string[], source: string | undefined): Promise<MappingProposal> {
    const recognised = recogniseHeader(header)
    const saved = source ? await wizard.savedMapping(db, source, headerKey(header)) : undefined
    const chosen = saved && saved.length === header.length ? saved : recognised
    return {
      columns: header.map((h, i) => ({
        header: h,
        field: chosen[i] ?? null,
        recognised: recognised[i] ?? null,
      })),
      from: chosen === saved ? 'saved' : 'headers',
      source: source ?? null,
    }
  }

  async function analyse(
    upload: wizard.Upload,
    created: boolean,
    o: { mapping?: ColumnMapping; source?: string },
  ): Promise<UploadAnalysis> {
    const { header, rows } = await table(upload)
    const proposal = await propose(header, o.source?.trim() || undefined)
    if (o.mapping) for (const [i, c] of proposal.columns.entries()) c.field = o.mapping[i] ?? null
    const mapping = o.mapping ?? proposal.columns.map((c) => c.field)
    let read: ReadRow[] = []
    try {
      read = readListRows(header, rows, mapping, today(clock))
    } catch (e) {
      // a proposal that reads no name is still shown, for the person to complete
      if (o.mapping || !(e instanceof ValidationError)) throw e
    }
    const flagged = read.filter((r) => r.flags.length > 0)
    const byCode: Record<string, number> = {}
    for (const r of flagged)
      for (const c of new Set(r.flags.map((f) => f.code))) byCode[c] = (byCode[c] ?? 0) + 1
    return {
      upload,
      created,
      importedAs: (await wizard.listOfUpload(db, upload)) ?? null,
      mapping: proposal,
      preview: read.slice(0, PREVIEW_ROWS),
      flagged: flagged.slice(0, FLAGGED_SHOWN),
      counts: { rows: read.length, flaggedRows: flagged.length, byCode },
    }
  }

  async function getUpload(id: string) {
    const upload = await wizard.getUpload(db, id)
    if (!upload) throw notFound('upload', id)
    return upload
  }

  return {
    /**
     * Stores a received file once by its SHA-256 (the same bytes again are the same upload) and
     * answers with the mapping proposed for its headers, the first rows and the flagged ones.
     * @throws ValidationError naming the file, row and column when it cannot be read or stored
     */
    async uploadList(
      actor: Actor,
      file: { fileName: string; content: Buffer; sha256: string },
      source?: string,
    ): Promise<UploadAnalysis> {
      const known = await wizard.findUploadBySha(db, file.sha256)
      if (known) return analyse(known, false, { source })
      // read before storing: a file that cannot be read is refused naming why, and not kept
      const { header, rows } = await readTable(file.fileName, file.content)
      const { id, created } = await write(async ({ tx }) => {
        const stored = await wizard.insertUpload(tx, {
          fileName: file.fileName,
          sha256: file.sha256,
          content: file.content,
          header,
          rowCount: rows.length,
          by: actor.id,
        })
        const audit = stored.created
          ? [
              {
                actorId: actor.id,
                actorName: actor.name,
                action: 'lists.upload',
                entityType: 'list_upload',
                entityId: stored.id,
                before: null,
                after: {
                  file: file.fileName,
                  sha256: file.sha256,
                  rows: rows.length,
                  bytes: file.content.length,
                },
              },
            ]
          : []
        return { result: stored, audit }
      })
      return analyse(await getUpload(id), created, { source })
    },

    /** The upload read again under another mapping, or with the mapping saved for a source. */
    async previewUpload(id: string, o: { mapping?: ColumnMapping; source?: string }) {
      return analyse(await getUpload(id), false, o)
    },

    /**
     * Imports an upload as a list with its provenance, all rows or none, in one audited write, and
     * saves the mapping for the source. Confirming a file already imported changes nothing and
     * answers with that list.
     * @throws ValidationError naming the field (provenance.receivedOn, column X...); NOT_FOUND
     */
    async confirmImport(
      actor: Actor,
      id: string,
      input: ConfirmImport,
      onProgress?: (done: number, total: number) => void,
    ) {
      const upload = await getUpload(id)
      const earlier = await wizard.listOfUpload(db, upload)
      if (earlier) return { id: earlier.id, created: false }
      const p = input.provenance
      const now = today(clock)
      const issues: FieldIssue[] = []
      if (p.receivedOn > now)
        issues.push({ path: 'provenance.receivedOn', message: `${p.receivedOn} is in the future` })
      if (p.periodFrom && p.periodTo && p.periodFrom > p.periodTo)
        issues.push({
          path: 'provenance.periodTo',
          message: `the period ends (${p.periodTo}) before it begins (${p.periodFrom})`,
        })
      if (p.replaces && !(await store.getList(db, p.replaces)))
        issues.push({ path: 'provenance.replaces', message: `no stored list has the id ${p.replaces}` })
      if (issues.length > 0) throw new ValidationError(issues)
      const { header, rows } = await table(upload)
      const mapping = input.mapping as ColumnMapping
      const read = readListRows(header, rows, mapping, now)
      if (read.length === 0)
        throw new ValidationError([{ path: 'file', message: `${upload.fileName} has no rows to import` }])
      const name = input.name?.trim() || `${p.from}, ${p.receivedOn}`
      return write(async ({ tx }) => {
        const again = await wizard.listOfUpload(tx, upload)
        if (again) return { result: { id: again.id, created: false }, audit: [] }
        const listId = await wizard.insertReceivedList(
          tx,
          {
            name,
            from: p.from,
            fileName: upload.fileName,
            sha256: upload.sha256,
            uploadId: upload.id,
            createdBy: actor.id,
            mapping,
            source_kind: p.fromKind,
            via: p.via || null,
            received_on: p.receivedOn,
            period_from: p.periodFrom ?? null,
            period_to: p.periodTo ?? null,
            replaces_list_id: p.replaces ?? null,
            note: p.note || null,
          },
          read,
          onProgress,
        )
        await wizard.saveMapping(tx, p.from, headerKey(header), mapping, actor.id)
        const flagged = read.filter((r) => r.flags.length > 0).length
        return {
          result: { id: listId, created: true },
          audit: [
            {
              actorId: actor.id,
              actorName: actor.name,
              action: 'lists.import',
              entityType: 'list',
              entityId: listId,
              before: null,
              after: {
                name,
                file: upload.fileName,
                sha256: upload.sha256,
                rows: read.length,
                flagged,
                provenance: p,
                mapping: Object.fromEntries(header.map((h, i) => [h, mapping[i] ?? null])),
              },
            },
          ],
        }
      })
    },

    /**
     * A list's page: its provenance and counts, the earlier version it replaces with what changed
     * from it (rows added, removed, changed, by service number or particulars), and later versions.
     * @throws NOT_FOUND
     */
    async listPage(id: string) {
      const list = await store.getList(db, id)
      if (!list) throw notFound('list', id)
      const p = await wizard.provenanceOf(db, id)
      if (!p) throw new DomainError('NOT_FOUND', `list ${id} was not found`)
      const [byCode, later] = await Promise.all([wizard.flagCounts(db, id), wizard.laterVersions(db, id)])
      const replaced = p.replaces_list_id ? await store.getList(db, p.replaces_list_id) : undefined
      let difference = null
      if (replaced) {
        const [before, after] = await Promise.all([
          wizard.allShownRows(db, replaced.id),
          wizard.allShownRows(db, id),
        ])
        const d = differenceOf(before, after)
        difference = {
          counts: {
            added: d.added.length,
            removed: d.removed.length,
            changed: d.changed.length,
            unchanged: d.unchanged,
          },
          added: d.added.slice(0, DIFFERENCE_SHOWN) as wizard.ShownRow[],
          removed: d.removed.slice(0, DIFFERENCE_SHOWN) as wizard.ShownRow[],
          changed: d.changed.slice(0, DIFFERENCE_SHOWN).map((c) => ({
            key: c.key,
            fields: c.fields,
            before: c.before as wizard.ShownRow,
            after: c.after as wizard.ShownRow,
          })),
        }
      }
      return {
        list,
        provenance: {
          fromKind: p.source_kind,
          via: p.via,
          receivedOn: p.received_on,
          periodFrom: p.period_from,
          periodTo: p.period_to,
          note: p.note,
          mapping: p.mapping as ColumnMapping | null,
        },
        counts: { rows: list.rowCount, flaggedRows: p.flagged_rows, byCode },
        replaces: replaced ? { id: replaced.id, name: replaced.name } : null,
        replacedBy: later.map((l) => ({ id: l.id, name: l.name, receivedOn: l.received_on })),
        difference,
      }
    },

    /** Stored lists, newest first, each with where it came from and how many rows are flagged. */
    async listIndex() {
      return (await wizard.listIndex(db)).map((r) => ({
        id: r.id,
        name: r.name,
        counterpart: r.counterpart,
        fileName: r.file_name,
        rowCount: r.row_count,
        createdBy: r.created_by,
        createdAt: r.created_at,
        fromKind: r.source_kind as SourceKind | null,
        receivedOn: r.received_on,
        flaggedRows: r.flagged_rows,
        replacesListId: r.replaces_list_id,
      }))
    },

    /** A page of a list's flagged rows (or all rows), in file order. */
    async shownRows(id: string, o: { afterRow: number; limit: number; flagged: boolean }) {
      if (!(await store.getList(db, id))) throw notFound('list', id)
      const rows = await wizard.shownRows(db, id, o)
      return { rows, nextAfter: rows.length === o.limit ? rows.at(-1)!.rowNo : null }
    },
  }
}
export type ListWizard = ReturnType<typeof createListWizard>
