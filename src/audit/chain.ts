import { createHash } from 'node:crypto'
import { canonicalJson } from '../core/canonical-json'

/** An audit entry as hashed: every field that a reader of the trail relies on. */
export type AuditRecord = {
  seq: number
  at: Date
  actorId: string | null
  actorName: string
  action: string
  entityType: string
  entityId: string | null
  before: unknown
  after: unknown
}

export type ChainedAuditRecord = AuditRecord & { prevHash: string; hash: string }

/** The "previous hash" of the first entry. */
export const GENESIS_HASH = '0'.repeat(64)

/**
 * SHA-256 over the previous entry's hash and the canonical JSON of this entry, so that changing,
 * removing or reordering any entry breaks every hash after it.
 */
export function hashAuditRecord(prevHash: string, record: AuditRecord): string {
  const body = canonicalJson({
    seq: record.seq,
    at: record.at.toISOString(),
    actorId: record.actorId,
    actorName: record.actorName,
    action: record.action,
    entityType: record.entityType,
    entityId: record.entityId,
    before: record.before ?? null,
    after: record.after ?? null,
  })
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex')
}

export type ChainBreak = { seq: number; reason: string }

/**
 * Checks entries in sequence order, one at a time, so a chain of millions is verified in bounded
 * memory. `check` returns the first break it sees; after a break the verifier stays broken.
 */
export function createChainVerifier(startPrevHash = GENESIS_HASH, startSeq = 0) {
  let prevHash = startPrevHash
  let expectedSeq = startSeq + 1
  let checked = 0
  return {
    check(entry: ChainedAuditRecord): ChainBreak | undefined {
      if (entry.seq !== expectedSeq) {
        return {
          seq: entry.seq,
          reason: `expected entry ${expectedSeq} next, found ${entry.seq} (an entry is missing)`,
        }
      }
      if (entry.prevHash !== prevHash) {
        return { seq: entry.seq, reason: 'its previous-hash does not match the hash of the entry before it' }
      }
      if (hashAuditRecord(prevHash, entry) !== entry.hash) {
        return { seq: entry.seq, reason: 'its content does not match its hash (the entry was altered)' }
      }
      prevHash = entry.hash
      expectedSeq += 1
      checked += 1
      return undefined
    },
    get checked() {
      return checked
    },
  }
}
