import type { Db } from '../db/connection'

/** Stores a photograph once: the same bytes sent again find the row already there. */
export async function keepPhoto(
  tx: Db,
  p: { sha256: string; contentType: string; bytes: Uint8Array; storedBy: string },
): Promise<void> {
  await tx
    .insertInto('missing_photos')
    .values({
      sha256: p.sha256,
      content_type: p.contentType,
      size: p.bytes.length,
      bytes: p.bytes,
      stored_by: p.storedBy,
    })
    .onConflict((oc) => oc.column('sha256').doNothing())
    .execute()
}

export async function findPhoto(db: Db, sha256: string) {
  return db
    .selectFrom('missing_photos')
    .select(['sha256', 'content_type', 'size', 'bytes'])
    .where('sha256', '=', sha256)
    .executeTakeFirst()
}
