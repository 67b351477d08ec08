import type { Db } from '../db/connection'

// The export tables are this capability's own (migration 0033), added to the schema here rather
// than in the shared src/db/schema.ts.
type ExportTables = {
  export_files: {
    job_id: string
    owner_id: string
    list: string
    format: string
    file_name: string
    rows: number
    bytes: number | string
    created_at: Date | string | undefined
  }
  export_file_chunks: { job_id: string; seq: number; bytes: Uint8Array }
}
const withExports = (db: Db) => db.withTables<ExportTables>()

export type ExportFileRow = ExportTables['export_files']

/** Drops what an earlier attempt of this job wrote, so a retry starts the file again. */
export async function clearChunks(db: Db, jobId: string) {
  await withExports(db).deleteFrom('export_file_chunks').where('job_id', '=', jobId).execute()
}

export async function insertChunk(db: Db, jobId: string, seq: number, bytes: Uint8Array) {
  await withExports(db).insertInto('export_file_chunks').values({ job_id: jobId, seq, bytes }).execute()
}

export async function insertFile(db: Db, row: Omit<ExportFileRow, 'created_at'>) {
  await withExports(db).insertInto('export_files').values(row).execute()
}

export async function findFile(db: Db, jobId: string): Promise<ExportFileRow | undefined> {
  return withExports(db).selectFrom('export_files').selectAll().where('job_id', '=', jobId).executeTakeFirst()
}

/** The file's bytes chunk by chunk, one query per chunk: a download never holds the whole file. */
export async function* readChunks(db: Db, jobId: string): AsyncGenerator<Uint8Array> {
  for (let seq = 0; ; seq++) {
    const row = await withExports(db)
      .selectFrom('export_file_chunks')
      .select('bytes')
      .where('job_id', '=', jobId)
      .where('seq', '=', seq)
      .executeTakeFirst()
    if (!row) return
    yield row.bytes
  }
}
