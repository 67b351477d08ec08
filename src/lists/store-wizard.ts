import type { ColumnType, Kysely } from 'kysely'
import type { Db } from '../db/connection'
import type { Database } from '../db/schema'
import type { ColumnMapping, ListField } from './columns'
import type { ReadRow, RowFlag } from './read-rows'

type Json = ColumnType<unknown, string, string>
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>

/** The tables and columns of migration 0025, typed here so the shared schema file stays untouched. */
type WizardTables = {
  list_uploads: {
    id: ColumnType<string, string | undefined, never>
    file_sha256: string
    file_name: string
    size_bytes: number
    content: Buffer
    header: Json
    row_count: number
    uploaded_by: string
    uploaded_at: Timestamp
  }
  list_mappings: { source: string; header_key: string; mapping: Json; saved_by: string; saved_at: Timestamp }
  lists: Database['lists'] & {
    upload_id: string | null
    source_kind: string | null
    via: string | null
    received_on: ColumnType<string | null, string | null, string | null>
    period_from: ColumnType<string | null, string | null, string | null>
    period_to: ColumnType<string | null, string | null, string | null>
    replaces_list_id: string | null
    note: string | null
    mapping: Json | null
    flagged_rows: ColumnType<number, number | undefined, number>
  }
  list_rows: Database['list_rows'] & {
    sex: string
    rank: string
    citizenship: string
    captured_on: string
    capture_place: string
    written: Json | null
    flags: Json
  }
}
const typed = (db: Db) => db as unknown as Kysely<WizardTables>

export type Upload = {
  id: string
  fileName: string
  sha256: string
  sizeBytes: number
  header: string[]
  rowCount: number
  uploadedBy: string
  uploadedAt: Date
}

const UPLOAD_COLUMNS = [
  'id',
  'file_name',
  'file_sha256',
  'size_bytes',
  'header',
  'row_count',
  'uploaded_by',
  'uploaded_at',
] as const

function uploadOf(r: {
  id: string
  file_name: string
  file_sha256: string
  size_bytes: number
  header: unknown
  row_count: number
  uploaded_by: string
  uploaded_at: Date
}): Upload {
  return {
    id: r.id,
    fileName: r.file_name,
    sha256: r.file_sha256,
    sizeBytes: r.size_bytes,
    header: r.header as string[],
    rowCount: r.row_count,
    uploadedBy: r.uploaded_by,
    uploadedAt: r.uploaded_at,
  }
}

export async function findUploadBySha(db: Db, sha256: string): Promise<Upload | undefined> {
  const r = await typed(db)
    .selectFrom('list_uploads')
    .select(UPLOAD_COLUMNS)
    .where('file_sha256', '=', sha256)
    .executeTakeFirst()
  return r && uploadOf(r)
}

export async function getUpload(db: Db, id: string): Promise<Upload | undefined> {
  const r = await typed(db)
    .selectFrom('list_uploads')
    .select(UPLOAD_COLUMNS)
    .where('id', '=', id)
    .executeTakeFirst()
  return r && uploadOf(r)
}

export async function uploadContent(db: Db, id: string): Promise<Buffer> {
  const r = await typed(db)
    .selectFrom('list_uploads')
    .select('content')
    .where('id', '=', id)
    .executeTakeFirstOrThrow()
  return Buffer.from(r.content)
}

/** Stores an uploaded file; a rival that stored the same bytes first wins, and its row is returned. */
export async function insertUpload(
  tx: Db,
  u: { fileName: string; sha256: string; content: Buffer; header: string[]; rowCount: number; by: string },
): Promise<{ id: string; created: boolean }> {
  const inserted = await typed(tx)
    .insertInto('list_uploads')
    .values({
      file_sha256: u.sha256,
      file_name: u.fileName,
      size_bytes: u.content.length,
      content: u.content,
      header: JSON.stringify(u.header),
      row_count: u.rowCount,
      uploaded_by: u.by,
    })
    .onConflict((oc) => oc.column('file_sha256').doNothing())
    .returning('id')
    .executeTakeFirst()
  if (inserted) return { id: inserted.id, created: true }
  const existing = await findUploadBySha(tx, u.sha256)
  return { id: existing!.id, created: false }
}

/** The list an upload was imported as, or the list stored earlier from the same bytes. */
export async function listOfUpload(
  db: Db,
  upload: Upload,
): Promise<{ id: string; name: string } | undefined> {
  return typed(db)
    .selectFrom('lists')
    .select(['id', 'name'])
    .where((eb) => eb.or([eb('upload_id', '=', upload.id), eb('file_sha256', '=', upload.sha256)]))
    .orderBy('created_at')
    .executeTakeFirst()
}

export async function savedMapping(
  db: Db,
  source: string,
  headerKey: string,
): Promise<ColumnMapping | undefined> {
  const r = await typed(db)
    .selectFrom('list_mappings')
    .select('mapping')
    .where('source', '=', source)
    .where('header_key', '=', headerKey)
    .executeTakeFirst()
  return r?.mapping as ColumnMapping | undefined
}

export async function saveMapping(
  tx: Db,
  source: string,
  headerKey: string,
  mapping: ColumnMapping,
  by: string,
) {
  await typed(tx)
    .insertInto('list_mappings')
    .values({ source, header_key: headerKey, mapping: JSON.stringify(mapping), saved_by: by })
    .onConflict((oc) =>
      oc.columns(['source', 'header_key']).doUpdateSet({
        mapping: JSON.stringify(mapping),
        saved_by: by,
        saved_at: new Date(),
      }),
    )
    .execute()
}

export type ProvenanceRow = {
  source_kind: string | null
  via: string | null
  received_on: string | null
  period_from: string | null
  period_to: string | null
  replaces_list_id: string | null
  note: string | null
}

/** Stores a confirmed list with its provenance and its rows, each with its cells as written and flags. */
export async function insertReceivedList(
  tx: Db,
  list: {
    name: string
    from: string
    fileName: string
    sha256: string
    uploadId: string
    createdBy: string
    mapping: ColumnMapping
  } & ProvenanceRow,
  rows: readonly ReadRow[],
  onProgress?: (done: number, total: number) => void,
): Promise<string> {
  const { id } = await typed(tx)
    .insertInto('lists')
    .values({
      name: list.name,
      counterpart: list.from,
      file_name: list.fileName,
      file_sha256: list.sha256,
      row_count: rows.length,
      created_by: list.createdBy,
      upload_id: list.uploadId,
      source_kind: list.source_kind,
      via: list.via,
      received_on: list.received_on,
      period_from: list.period_from,
      period_to: list.period_to,
      replaces_list_id: list.replaces_list_id,
      note: list.note,
      mapping: JSON.stringify(list.mapping),
      flagged_rows: rows.filter((r) => r.flags.length > 0).length,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  for (let i = 0; i < rows.length; i += 500) {
    await typed(tx)
      .insertInto('list_rows')
      .values(
        rows.slice(i, i + 500).map((r, k) => ({
          list_id: id,
          row_no: i + k + 1,
          row_ref: r.ref,
          surname: r.values.surname,
          first_names: r.values.givenName,
          patronymic: r.values.patronymic,
          father_name: r.values.fatherName,
          date_of_birth: r.values.dateOfBirth,
          place_of_birth: r.values.placeOfBirth,
          service_number: r.values.serviceNumber,
          unit: r.values.unit,
          sex: r.values.sex,
          rank: r.values.rank,
          citizenship: r.values.citizenship,
          captured_on: r.values.capturedOn,
          capture_place: r.values.capturePlace,
          written: JSON.stringify({ line: r.line, ...r.written }),
          flags: JSON.stringify(r.flags),
        })),
      )
      .execute()
    onProgress?.(Math.min(i + 500, rows.length), rows.length)
  }
  return id
}

export type StoredProvenance = ProvenanceRow & {
  upload_id: string | null
  flagged_rows: number
  mapping: unknown
}

export async function provenanceOf(db: Db, id: string): Promise<StoredProvenance | undefined> {
  return typed(db)
    .selectFrom('lists')
    .select([
      'upload_id',
      'source_kind',
      'via',
      'received_on',
      'period_from',
      'period_to',
      'replaces_list_id',
      'note',
      'flagged_rows',
      'mapping',
    ])
    .where('id', '=', id)
    .executeTakeFirst()
}

/** Lists that name this one as the version they replace. */
export async function laterVersions(db: Db, id: string) {
  return typed(db)
    .selectFrom('lists')
    .select(['id', 'name', 'received_on'])
    .where('replaces_list_id', '=', id)
    .orderBy('created_at')
    .execute()
}

/** A stored row as the list's page shows it: the values read, the cells as written, the flags. */
export type ShownRow = {
  rowNo: number
  ref: string
  line: number | null
  values: Record<ListField, string>
  written: Partial<Record<ListField, string>>
  flags: RowFlag[]
}

type StoredRow = Omit<WizardTables['list_rows'], 'written' | 'flags'> & { written: unknown; flags: unknown }

function shownOf(r: StoredRow): ShownRow {
  const { line, ...written } = (r.written ?? {}) as { line?: number } & Partial<Record<ListField, string>>
  return {
    rowNo: r.row_no,
    ref: r.row_ref,
    line: line ?? null,
    values: {
      id: r.row_ref,
      surname: r.surname,
      givenName: r.first_names,
      patronymic: r.patronymic,
      fatherName: r.father_name,
      dateOfBirth: r.date_of_birth,
      placeOfBirth: r.place_of_birth,
      serviceNumber: r.service_number,
      rank: r.rank,
      unit: r.unit,
      sex: r.sex,
      citizenship: r.citizenship,
      capturedOn: r.captured_on,
      capturePlace: r.capture_place,
    },
    written,
    flags: (r.flags ?? []) as RowFlag[],
  }
}

/** Rows of a list in file order after `afterRow`; only the flagged ones when asked. */
export async function shownRows(
  db: Db,
  listId: string,
  o: { afterRow: number; limit: number; flagged?: boolean },
) {
  let q = typed(db)
    .selectFrom('list_rows')
    .selectAll()
    .where('list_id', '=', listId)
    .where('row_no', '>', o.afterRow)
  if (o.flagged) q = q.where('flags', '<>', '[]' as never)
  const rows = await q.orderBy('row_no').limit(o.limit).execute()
  return rows.map(shownOf)
}

/** Every row of a list, for comparing two versions. */
export async function allShownRows(db: Db, listId: string): Promise<ShownRow[]> {
  const out: ShownRow[] = []
  for (let after = 0; ; ) {
    const rows = await shownRows(db, listId, { afterRow: after, limit: 10_000 })
    if (rows.length === 0) return out
    out.push(...rows)
    after = rows.at(-1)!.rowNo
  }
}

/** How many rows carry each kind of flag. */
export async function flagCounts(db: Db, listId: string): Promise<Record<string, number>> {
  const rows = await typed(db)
    .selectFrom('list_rows')
    .select('flags')
    .where('list_id', '=', listId)
    .where('flags', '<>', '[]' as never)
    .execute()
  const out: Record<string, number> = {}
  for (const r of rows)
    for (const code of new Set((r.flags as unknown as RowFlag[]).map((f) => f.code)))
      out[code] = (out[code] ?? 0) + 1
  return out
}

/** The stored lists with their provenance, newest first, for the lists' index. */
export async function listIndex(db: Db) {
  return typed(db)
    .selectFrom('lists')
    .select([
      'id',
      'name',
      'counterpart',
      'file_name',
      'row_count',
      'created_by',
      'created_at',
      'source_kind',
      'received_on',
      'flagged_rows',
      'replaces_list_id',
    ])
    .orderBy('created_at', 'desc')
    .limit(500)
    .execute()
}
