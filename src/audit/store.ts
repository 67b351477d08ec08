import { sql } from 'kysely'
import type { Db } from '../db/connection'
import { type AuditRecord, type ChainedAuditRecord, GENESIS_HASH, hashAuditRecord } from './chain'

/** What a service writes: the chain fields (seq, hashes) are added here. */
export type AuditInput = Omit<AuditRecord, 'seq' | 'at'>

// One writer at a time extends the chain: two transactions reading the same last hash would fork it.
const AUDIT_CHAIN_LOCK = 728_100_002

/**
 * Appends entries to the chain inside the caller's transaction `tx`, after the current last entry.
 * @returns the stored entries with their sequence numbers and hashes
 */
export async function appendAudit(tx: Db, inputs: AuditInput[], at: Date): Promise<ChainedAuditRecord[]> {
  if (inputs.length === 0) return []
  await sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`.execute(tx)
  const last = await tx
    .selectFrom('audit_log')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst()
  let seq = last ? Number(last.seq) : 0
  let prevHash = last?.hash ?? GENESIS_HASH
  const stored: ChainedAuditRecord[] = []
  for (const input of inputs) {
    seq += 1
    const record: AuditRecord = { ...input, seq, at }
    const hash = hashAuditRecord(prevHash, record)
    stored.push({ ...record, prevHash, hash })
    prevHash = hash
  }
  for (let i = 0; i < stored.length; i += 500) {
    await tx
      .insertInto('audit_log')
      .values(
        stored.slice(i, i + 500).map((r) => ({
          seq: r.seq,
          at: r.at,
          actor_id: r.actorId,
          actor_name: r.actorName,
          action: r.action,
          entity_type: r.entityType,
          entity_id: r.entityId,
          before: r.before === undefined || r.before === null ? null : JSON.stringify(r.before),
          after: r.after === undefined || r.after === null ? null : JSON.stringify(r.after),
          prev_hash: r.prevHash,
          hash: r.hash,
        })),
      )
      .execute()
  }
  return stored
}

type AuditRow = {
  seq: number
  at: Date
  actor_id: string | null
  actor_name: string
  action: string
  entity_type: string
  entity_id: string | null
  before: unknown
  after: unknown
  prev_hash: string
  hash: string
}

function toRecord(row: AuditRow): ChainedAuditRecord {
  return {
    seq: Number(row.seq),
    at: new Date(row.at),
    actorId: row.actor_id,
    actorName: row.actor_name,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    before: row.before,
    after: row.after,
    prevHash: row.prev_hash,
    hash: row.hash,
  }
}

/** Entries after `afterSeq`, in chain order, `limit` at a time (for verification and export). */
export async function readAuditBatch(db: Db, afterSeq: number, limit: number): Promise<ChainedAuditRecord[]> {
  const rows = await db
    .selectFrom('audit_log')
    .selectAll()
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute()
  return rows.map((r) => toRecord(r as AuditRow))
}

export type AuditFilter = {
  entityType?: string
  entityId?: string
  action?: string
  beforeSeq?: number
  limit: number
}

/** Newest first, for people reading the trail. */
export async function listAudit(db: Db, f: AuditFilter): Promise<ChainedAuditRecord[]> {
  let q = db.selectFrom('audit_log').selectAll()
  if (f.entityType) q = q.where('entity_type', '=', f.entityType)
  if (f.entityId) q = q.where('entity_id', '=', f.entityId)
  if (f.action) q = q.where('action', '=', f.action)
  if (f.beforeSeq !== undefined) q = q.where('seq', '<', f.beforeSeq)
  const rows = await q.orderBy('seq', 'desc').limit(f.limit).execute()
  return rows.map((r) => toRecord(r as AuditRow))
}

/** The last entry's sequence number and hash (0 and the genesis hash for an empty chain). */
export async function readAuditHead(db: Db): Promise<{ seq: number; hash: string }> {
  const last = await db
    .selectFrom('audit_log')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst()
  return last ? { seq: Number(last.seq), hash: last.hash } : { seq: 0, hash: GENESIS_HASH }
}
