import type { Generated, Insertable, Selectable, Updateable } from 'kysely'
import type { Db } from '../db/connection'

// The only SQL of reported figures. The table is this capability's own, so its type is declared
// here and added to the database's with withTables.
export type ReportedFiguresTable = {
  id: Generated<string>
  question: string
  claimed: string
  low: number | null
  high: number | null
  source: string
  channel: string | null
  link: string | null
  document: string | null
  claimed_on: string
  about_date: string | null
  assessment: string
  note: string | null
  created_by: string
  created_at: Date
  updated_at: Date
  version: Generated<number>
}
export type ReportedRow = Selectable<ReportedFiguresTable>

const table = (db: Db) => db.withTables<{ reported_figures: ReportedFiguresTable }>()

export async function insertFigure(tx: Db, row: Insertable<ReportedFiguresTable>) {
  return table(tx).insertInto('reported_figures').values(row).returningAll().executeTakeFirstOrThrow()
}

export async function findFigure(db: Db, id: string, opts: { forUpdate?: boolean } = {}) {
  let q = table(db).selectFrom('reported_figures').selectAll().where('id', '=', id)
  if (opts.forUpdate) q = q.forUpdate()
  return q.executeTakeFirst()
}

export async function updateFigure(tx: Db, id: string, row: Updateable<ReportedFiguresTable>) {
  return table(tx)
    .updateTable('reported_figures')
    .set(row)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()
}

export async function deleteFigure(tx: Db, id: string) {
  await table(tx).deleteFrom('reported_figures').where('id', '=', id).execute()
}

/** Newest claim first; one question's or all. */
export async function listFigures(db: Db, question?: string) {
  let q = table(db).selectFrom('reported_figures').selectAll()
  if (question) q = q.where('question', '=', question)
  return q.orderBy('claimed_on', 'desc').orderBy('created_at', 'desc').limit(1000).execute()
}
