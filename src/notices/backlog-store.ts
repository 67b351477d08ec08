import { type ExpressionBuilder, sql } from 'kysely'
import type { Db } from '../db/connection'
import type { Database } from '../db/schema'

/** Which due notices a backlog means: raised by events before a date, and/or about one import's persons. */
export type BacklogChoice = { before?: string; importSha256?: string; recipient: string }

function chosen(c: BacklogChoice) {
  return (eb: ExpressionBuilder<Database, 'notices'>) => {
    const conds = [eb('notices.state', '=', 'due'), eb('notices.recipient', '=', c.recipient)]
    if (c.before) conds.push(eb('notices.occurred_on', '<', c.before))
    if (c.importSha256) {
      // an imported person is known by its row key: file:<first 32 hex of the file's sha256>:<row>
      const prefix = `file:${c.importSha256.slice(0, 32)}:`
      conds.push(
        eb(
          'notices.person_id',
          'in',
          eb
            .selectFrom('persons')
            .select('persons.id')
            .where(sql<boolean>`starts_with(persons.source_key, ${prefix})`),
        ),
      )
    }
    return eb.and(conds)
  }
}

/** How many notices, about how many persons, and the span of their events. */
export async function previewBacklog(db: Db, c: BacklogChoice) {
  const r = await db
    .selectFrom('notices')
    .select((eb) => [
      eb.fn.countAll<number>().as('count'),
      sql<number>`count(distinct notices.person_id)`.as('persons'),
      eb.fn.min('notices.occurred_on').as('earliest'),
      eb.fn.max('notices.occurred_on').as('latest'),
    ])
    .where(chosen(c))
    .executeTakeFirstOrThrow()
  return {
    count: Number(r.count),
    persons: Number(r.persons),
    earliest: (r.earliest as string | null) ?? null,
    latest: (r.latest as string | null) ?? null,
  }
}

/** Puts the chosen notices, as sent, into `batchId`; returns their numbers, smallest first. */
export async function markBacklogSent(tx: Db, c: BacklogChoice, batchId: string, now: Date) {
  const rows = await tx
    .updateTable('notices')
    .set({ state: 'sent', batch_id: batchId, updated_at: now })
    .where(chosen(c))
    .returning(['number', 'person_id'])
    .execute()
  return {
    numbers: rows.map((r) => Number(r.number)).sort((a, b) => a - b),
    persons: new Set(rows.map((r) => r.person_id)).size,
  }
}

/** Person imports, newest first: what a backlog can be chosen by. */
export async function personImports(db: Db, limit: number) {
  return db
    .selectFrom('imports')
    .select(['id', 'file_name', 'file_sha256', 'row_count', 'created_count', 'imported_by', 'imported_at'])
    .where('kind', '=', 'persons')
    .orderBy('imported_at', 'desc')
    .limit(limit)
    .execute()
}

export async function findImport(db: Db, id: string) {
  return db
    .selectFrom('imports')
    .select(['id', 'file_name', 'file_sha256'])
    .where('id', '=', id)
    .where('kind', '=', 'persons')
    .executeTakeFirst()
}
