import { type Selectable, sql } from 'kysely'
import type { Db } from '../db/connection'
import type { MissingMergesTable } from '../db/schema'
import type { MissingRow } from './store'

export type MergeRow = Selectable<MissingMergesTable>

/** Moves every report of `fromId` onto `intoId`, numbered after its own, remembering where each was. */
export async function moveReports(tx: Db, fromId: string, intoId: string): Promise<number> {
  const last = await tx
    .selectFrom('missing_reports')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('missing_person_id', '=', intoId)
    .executeTakeFirst()
  const after = Number(last?.seq ?? 0)
  const moved = await tx
    .updateTable('missing_reports')
    .set({
      missing_person_id: intoId,
      moved_from: fromId,
      moved_from_seq: sql<number>`seq`,
      seq: sql<number>`seq + ${after}`,
    })
    .where('missing_person_id', '=', fromId)
    .executeTakeFirst()
  return Number(moved.numUpdatedRows)
}

/** Moves the reports a merge brought from `fromId` back to it, with their old numbers. */
export async function returnReports(tx: Db, intoId: string, fromId: string): Promise<number> {
  const moved = await tx
    .updateTable('missing_reports')
    .set({
      missing_person_id: fromId,
      seq: sql<number>`moved_from_seq`,
      moved_from: null,
      moved_from_seq: null,
    })
    .where('missing_person_id', '=', intoId)
    .where('moved_from', '=', fromId)
    .executeTakeFirst()
  return Number(moved.numUpdatedRows)
}

export async function insertMerge(
  tx: Db,
  m: Omit<MergeRow, 'id' | 'unmerged_by' | 'unmerged_at' | 'filled'> & { filled: Record<string, unknown> },
): Promise<void> {
  await tx
    .insertInto('missing_merges')
    .values({ ...m, filled: JSON.stringify(m.filled) })
    .execute()
}

/** The merge that made `fromId` a pointer, while it stands. */
export async function findStandingMerge(db: Db, fromId: string): Promise<MergeRow | undefined> {
  return db
    .selectFrom('missing_merges')
    .selectAll()
    .where('from_id', '=', fromId)
    .where('unmerged_at', 'is', null)
    .executeTakeFirst()
}

export async function closeMerge(tx: Db, id: string, by: string, at: Date): Promise<void> {
  await tx
    .updateTable('missing_merges')
    .set({ unmerged_by: by, unmerged_at: at })
    .where('id', '=', id)
    .execute()
}

/** Records merged into `intoId` while their merges stand (shown on its page, undoable there). */
export async function mergedInto(db: Db, intoId: string): Promise<MissingRow[]> {
  return db
    .selectFrom('missing_persons')
    .selectAll()
    .where('merged_into', '=', intoId)
    .orderBy('register_number')
    .execute()
}

/**
 * Records that could be the same person as `r`: open ones sharing the service number, the birth
 * year, or the first letters of the surname in Latin letters (so "Коваль" meets "Kovalʹ" and
 * "Ковалёв"); the name engine then decides. Bounded, so a common surname cannot scan the register.
 */
export async function recordsAlike(db: Db, r: MissingRow, limit = 2000): Promise<MissingRow[]> {
  const year = r.date_of_birth?.slice(0, 4)
  const stem = (r.surname_latin ?? '').toLowerCase().slice(0, 3)
  return db
    .selectFrom('missing_persons')
    .selectAll()
    .where('id', '!=', r.id)
    .where('merged_into', 'is', null)
    .where((eb) =>
      eb.or([
        ...(r.service_number ? [eb('service_number', '=', r.service_number)] : []),
        ...(year ? [eb(sql<string>`left(date_of_birth, 4)`, '=', year)] : []),
        ...(stem.length === 3 ? [eb(sql<string>`left(lower(surname_latin), 3)`, '=', stem)] : []),
      ]),
    )
    .limit(limit)
    .execute()
}

/** Where each record now lives: itself, or the record it was merged into (followed to the end). */
export async function followMerges(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const out = new Map(ids.map((id) => [id, id]))
  let open = [...new Set(ids)]
  for (let hop = 0; open.length && hop < 20; hop++) {
    const rows = await db
      .selectFrom('missing_persons')
      .select(['id', 'merged_into'])
      .where('id', 'in', open)
      .where('merged_into', 'is not', null)
      .execute()
    const next = new Map(rows.map((r) => [r.id, r.merged_into!]))
    for (const [id, at] of out) if (next.has(at)) out.set(id, next.get(at)!)
    open = [...new Set(next.values())]
  }
  return out
}
