import type { Insertable, Selectable } from 'kysely'
import type { Db } from '../db/connection'
import type { MissingReturnReviewsTable } from '../db/schema'

export type ReviewRow = Selectable<MissingReturnReviewsTable>

export async function insertReviews(tx: Db, rows: Insertable<MissingReturnReviewsTable>[]) {
  if (rows.length) await tx.insertInto('missing_return_reviews').values(rows).execute()
}

/** Returns waiting for a tracer, oldest first, with the record they concern. */
export async function listReviews(db: Db, opts: { open: boolean; limit: number }) {
  return db
    .selectFrom('missing_return_reviews as r')
    .innerJoin('missing_persons as p', 'p.id', 'r.missing_person_id')
    .selectAll('r')
    .select(['p.register_number', 'p.status', 'p.merged_into'])
    .where('r.resolved_at', opts.open ? 'is' : 'is not', null)
    .orderBy('r.raised_at', opts.open ? 'asc' : 'desc')
    .limit(opts.limit)
    .execute()
}

export async function findReview(db: Db, id: string): Promise<ReviewRow | undefined> {
  return db.selectFrom('missing_return_reviews').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function resolveReview(
  tx: Db,
  id: string,
  r: { by: string; at: Date; resolution: 'returned' | 'dismissed'; note: string | null },
) {
  await tx
    .updateTable('missing_return_reviews')
    .set({ resolved_by: r.by, resolved_at: r.at, resolution: r.resolution, resolution_note: r.note })
    .where('id', '=', id)
    .execute()
}
