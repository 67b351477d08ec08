import { DomainError } from '../core/errors'
import type { Db } from '../db/connection'
import { createChainVerifier } from './chain'
import type { AuditFilter, listAudit, readAuditBatch } from './store'

export type AuditVerification =
  | { ok: true; checked: number }
  | { ok: false; checked: number; firstBadSeq: number; reason: string }

type AuditServiceDeps = {
  db: Db
  audit: { listAudit: typeof listAudit; readAuditBatch: typeof readAuditBatch }
}

export function createAuditService({ db, audit }: AuditServiceDeps) {
  /** Lists entries newest first; `limit` is capped at 500. */
  async function listEntries(filter: AuditFilter) {
    return audit.listAudit(db, { ...filter, limit: Math.min(filter.limit, 500) })
  }

  /**
   * Walks the whole chain from the first entry and names the first entry that does not hold.
   * Reads in batches so memory stays flat however long the chain is.
   */
  async function verifyChain(onProgress?: (checked: number) => void): Promise<AuditVerification> {
    const verifier = createChainVerifier()
    let after = 0
    for (;;) {
      const batch = await audit.readAuditBatch(db, after, 5000)
      if (batch.length === 0) return { ok: true, checked: verifier.checked }
      for (const entry of batch) {
        const broken = verifier.check(entry)
        if (broken)
          return { ok: false, checked: verifier.checked, firstBadSeq: broken.seq, reason: broken.reason }
      }
      after = batch[batch.length - 1]!.seq
      onProgress?.(verifier.checked)
    }
  }

  /** As verifyChain, but a broken chain is an INTEGRITY error (for callers that must stop). */
  async function assertChainIntact() {
    const result = await verifyChain()
    if (!result.ok)
      throw new DomainError('INTEGRITY', `Audit entry ${result.firstBadSeq} does not hold: ${result.reason}`)
    return result
  }

  return { listEntries, verifyChain, assertChainIntact }
}

export type AuditService = ReturnType<typeof createAuditService>
