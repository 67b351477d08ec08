import type { ColumnType, Kysely } from 'kysely'
import type { Db } from '../db/connection'
import type { Database } from '../db/schema'
import type { Side } from './model'

type Json = ColumnType<unknown, string, string>
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>

/** The tables of migration 0016, typed here so the shared schema file stays untouched. */
type ListsTables = {
  exchange_received_rows: {
    exchange_id: string
    line: number
    ref: string
    written: Json
    attrs: Json
    flags: Json
  }
  exchange_duplicates: {
    exchange_id: string
    group_key: string
    refs: Json
    evidence: Json
    decision: 'merge' | 'keep_both' | null
    keep_ref: string | null
    decided_by: string | null
    decided_at: Timestamp | null
  }
  exchange_pairings: {
    exchange_id: string
    n: number
    side: Side
    out_ref: string
    in_ref: string
    source: 'operator' | 'list'
    created_by: string
    created_at: ColumnType<Date, undefined, never>
  }
  exchanges: Database['exchanges'] & {
    agreed_reason: ColumnType<string | null, never, string | null>
    agreed_breaches: ColumnType<unknown, never, string | null>
  }
}
const lists = (db: Db) => db as unknown as Kysely<ListsTables>

export type ReceivedRowRecord = {
  line: number
  ref: string
  written: unknown
  attrs: unknown
  flags: unknown[]
}

/** Replaces the list as received and its duplicate groups (a new list makes the old decisions moot). */
export async function replaceReceived(
  tx: Db,
  exchangeId: string,
  rows: ReceivedRowRecord[],
  groups: { key: string; refs: string[]; evidence: unknown }[],
) {
  const db = lists(tx)
  await db.deleteFrom('exchange_received_rows').where('exchange_id', '=', exchangeId).execute()
  await db.deleteFrom('exchange_duplicates').where('exchange_id', '=', exchangeId).execute()
  for (let i = 0; i < rows.length; i += 1000)
    await db
      .insertInto('exchange_received_rows')
      .values(
        rows.slice(i, i + 1000).map((r) => ({
          exchange_id: exchangeId,
          line: r.line,
          ref: r.ref,
          written: JSON.stringify(r.written),
          attrs: JSON.stringify(r.attrs),
          flags: JSON.stringify(r.flags),
        })),
      )
      .execute()
  for (let i = 0; i < groups.length; i += 1000)
    await db
      .insertInto('exchange_duplicates')
      .values(
        groups.slice(i, i + 1000).map((g) => ({
          exchange_id: exchangeId,
          group_key: g.key,
          refs: JSON.stringify(g.refs),
          evidence: JSON.stringify(g.evidence),
        })),
      )
      .execute()
}

export async function receivedRows(db: Db, exchangeId: string) {
  return lists(db)
    .selectFrom('exchange_received_rows')
    .selectAll()
    .where('exchange_id', '=', exchangeId)
    .orderBy('line')
    .execute()
}

export async function duplicateGroups(db: Db, exchangeId: string) {
  return lists(db)
    .selectFrom('exchange_duplicates')
    .selectAll()
    .where('exchange_id', '=', exchangeId)
    .orderBy('group_key')
    .execute()
}

export async function decideGroup(
  tx: Db,
  exchangeId: string,
  key: string,
  d: { decision: 'merge' | 'keep_both' | null; keepRef: string | null; by: string | null },
) {
  await lists(tx)
    .updateTable('exchange_duplicates')
    .set({
      decision: d.decision,
      keep_ref: d.keepRef,
      decided_by: d.by,
      decided_at: d.decision ? new Date() : null,
    })
    .where('exchange_id', '=', exchangeId)
    .where('group_key', '=', key)
    .execute()
}

export async function deletePoolRefs(tx: Db, exchangeId: string, side: Side, refs: string[]) {
  if (refs.length === 0) return
  await tx
    .deleteFrom('exchange_pool')
    .where('exchange_id', '=', exchangeId)
    .where('side', '=', side)
    .where('ref', 'in', refs)
    .execute()
}

export async function pairingsOf(db: Db, exchangeId: string) {
  return lists(db)
    .selectFrom('exchange_pairings')
    .selectAll()
    .where('exchange_id', '=', exchangeId)
    .orderBy('n')
    .execute()
}

/** Records a substitution; pairing the same person out again replaces the earlier pairing. */
export async function upsertPairing(
  tx: Db,
  p: {
    exchangeId: string
    n: number
    side: Side
    outRef: string
    inRef: string
    source: 'operator' | 'list'
    by: string
  },
) {
  await lists(tx)
    .insertInto('exchange_pairings')
    .values({
      exchange_id: p.exchangeId,
      n: p.n,
      side: p.side,
      out_ref: p.outRef,
      in_ref: p.inRef,
      source: p.source,
      created_by: p.by,
    })
    .onConflict((oc) =>
      oc
        .columns(['exchange_id', 'n', 'side', 'out_ref'])
        .doUpdateSet({ in_ref: p.inRef, source: p.source, created_by: p.by }),
    )
    .execute()
}

export async function deletePairing(tx: Db, exchangeId: string, n: number, side: Side, outRef: string) {
  const r = await lists(tx)
    .deleteFrom('exchange_pairings')
    .where('exchange_id', '=', exchangeId)
    .where('n', '=', n)
    .where('side', '=', side)
    .where('out_ref', '=', outRef)
    .executeTakeFirst()
  return Number(r.numDeletedRows)
}

export async function setAgreement(
  tx: Db,
  exchangeId: string,
  reason: string | null,
  breaches: unknown[] | null,
) {
  await lists(tx)
    .updateTable('exchanges')
    .set({ agreed_reason: reason, agreed_breaches: breaches ? JSON.stringify(breaches) : null })
    .where('id', '=', exchangeId)
    .execute()
}

export async function roundOf(db: Db, exchangeId: string, n: number) {
  return db
    .selectFrom('exchange_rounds')
    .selectAll()
    .where('exchange_id', '=', exchangeId)
    .where('n', '=', n)
    .executeTakeFirst()
}
