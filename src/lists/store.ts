import type { Db } from '../db/connection'
import type { LinkRecord } from '../linkage/record'

export type ListSummary = {
  id: string
  name: string
  counterpart: string | null
  fileName: string
  rowCount: number
  createdBy: string
  createdAt: Date
}

export async function insertList(
  tx: Db,
  list: { name: string; counterpart: string | null; fileName: string; sha256: string; createdBy: string },
  records: readonly LinkRecord[],
): Promise<string> {
  const { id } = await tx
    .insertInto('lists')
    .values({
      name: list.name,
      counterpart: list.counterpart,
      file_name: list.fileName,
      file_sha256: list.sha256,
      row_count: records.length,
      created_by: list.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  for (let i = 0; i < records.length; i += 1000) {
    await tx
      .insertInto('list_rows')
      .values(
        records.slice(i, i + 1000).map((r, k) => ({
          list_id: id,
          row_no: i + k + 1,
          row_ref: r.id,
          surname: r.surname,
          first_names: r.givenName,
          patronymic: r.patronymic,
          father_name: r.fatherName,
          date_of_birth: r.dateOfBirth,
          place_of_birth: r.placeOfBirth,
          service_number: r.serviceNumber,
          unit: r.unit,
        })),
      )
      .execute()
  }
  return id
}

export async function findListBySha(db: Db, sha256: string): Promise<ListSummary | undefined> {
  const row = await db.selectFrom('lists').selectAll().where('file_sha256', '=', sha256).executeTakeFirst()
  return row && summaryOf(row)
}

export async function getList(db: Db, id: string): Promise<ListSummary | undefined> {
  const row = await db.selectFrom('lists').selectAll().where('id', '=', id).executeTakeFirst()
  return row && summaryOf(row)
}

export async function listLists(db: Db): Promise<ListSummary[]> {
  const rows = await db.selectFrom('lists').selectAll().orderBy('created_at', 'desc').limit(500).execute()
  return rows.map(summaryOf)
}

/** Rows of a list in file order, `limit` after row `afterRow`. */
export async function listRows(db: Db, listId: string, afterRow: number, limit: number) {
  return db
    .selectFrom('list_rows')
    .selectAll()
    .where('list_id', '=', listId)
    .where('row_no', '>', afterRow)
    .orderBy('row_no')
    .limit(limit)
    .execute()
}

/** Every row of a list as linkage records, read in batches. */
export async function listRecords(db: Db, listId: string): Promise<LinkRecord[]> {
  const out: LinkRecord[] = []
  for (let after = 0; ; ) {
    const rows = await listRows(db, listId, after, 10_000)
    if (rows.length === 0) return out
    for (const r of rows)
      out.push({
        id: r.row_ref,
        surname: r.surname,
        givenName: r.first_names,
        patronymic: r.patronymic,
        fatherName: r.father_name,
        dateOfBirth: r.date_of_birth,
        placeOfBirth: r.place_of_birth,
        serviceNumber: r.service_number,
        unit: r.unit,
      })
    after = rows.at(-1)!.row_no
  }
}

function summaryOf(row: {
  id: string
  name: string
  counterpart: string | null
  file_name: string
  row_count: number
  created_by: string
  created_at: Date
}): ListSummary {
  return {
    id: row.id,
    name: row.name,
    counterpart: row.counterpart,
    fileName: row.file_name,
    rowCount: row.row_count,
    createdBy: row.created_by,
    createdAt: row.created_at,
  }
}
