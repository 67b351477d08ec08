import type { Clock } from '../core/clock'
import { systemClock } from '../core/clock'
import { DomainError } from '../core/errors'
import type { Db } from '../db/connection'
import {
  type AuditAnchorFiles,
  appendCheckpointLine,
  lastCheckpointLine,
  loadOrCreateSigningKey,
  readCheckpointFile,
  readPublicKey,
} from './anchor'
import { type ChainedAuditRecord, createChainVerifier, GENESIS_HASH } from './chain'
import {
  type Checkpoint,
  checkpointLine,
  keyFingerprint,
  readCheckpoints,
  signCheckpoint,
} from './checkpoint'
import { type NameLookup, namesOf, referencedIds } from './names'
import type { AuditFilter, listAudit, readAuditBatch, readAuditHead } from './store'

export type AuditVerification =
  | { ok: true; checked: number }
  | { ok: false; checked: number; firstBadSeq: number; reason: string }

/** What `verifyAnchored` found: the chain and its signed checkpoints, and where they part. */
export type AnchoredVerification = {
  ok: boolean
  checked: number
  /** The first entry that does not hold (absent when the checkpoint file itself is at fault). */
  firstBadSeq?: number
  reason?: string
  anchor: {
    key: string
    checkpoints: number
    lastSeq: number
    lastAt: string | null
    /** Entries after the last checkpoint: the chain alone vouches for them. */
    unanchored: number
  } | null
  warnings: string[]
}

/** An exported copy of the checkpoints, to keep where the server's operators cannot write. */
export type CheckpointExport = { key: string; publicKey: string; checkpoints: Checkpoint[] }

type AuditServiceDeps = {
  db: Db
  audit: {
    listAudit: typeof listAudit
    readAuditBatch: typeof readAuditBatch
    readAuditHead: typeof readAuditHead
  }
  /** Where the signing key and checkpoints live; without it the chain is verified unanchored. */
  anchor?: AuditAnchorFiles
  clock?: Clock
  warn?: (message: string) => void
  /** Who and what the ids in entries are (persons, facilities, users), so the trail reads in names. */
  names?: NameLookup[]
}

export function createAuditService({
  db,
  audit,
  anchor,
  clock = systemClock,
  warn,
  names = [],
}: AuditServiceDeps) {
  /** Lists entries newest first; `limit` is capped at 500. */
  async function listEntries(filter: AuditFilter) {
    return audit.listAudit(db, { ...filter, limit: Math.min(filter.limit, 500) })
  }

  /** The names of the persons, facilities, captures and users the entries point at, by id. */
  async function namesFor(entries: ChainedAuditRecord[]) {
    return namesOf(referencedIds(entries), names)
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

  function requireAnchor(): AuditAnchorFiles {
    if (!anchor) throw new DomainError('CONFLICT', 'No audit signing key is configured for this server')
    return anchor
  }

  /**
   * Signs the current head of the chain and appends it to the checkpoint file (making the key on
   * first use). A head already checkpointed is not signed again.
   */
  async function writeCheckpoint(): Promise<{ checkpoint: Checkpoint; written: boolean }> {
    const files = requireAnchor()
    const key = loadOrCreateSigningKey(files.keyFile, warn)
    const head = await audit.readAuditHead(db)
    const previous = lastCheckpointLine(files.checkpointFile)
    if (previous) {
      const last = JSON.parse(previous) as Checkpoint
      if (last.seq === head.seq && last.hash === head.hash) return { checkpoint: last, written: false }
      // never sign a chain that no longer holds what was signed last (or is another database's)
      const [signed] = last.seq > 0 ? await audit.readAuditBatch(db, last.seq - 1, 1) : []
      const holds =
        last.seq === 0 ? last.hash === GENESIS_HASH : signed?.seq === last.seq && signed.hash === last.hash
      if (!holds)
        throw new DomainError(
          'INTEGRITY',
          `No checkpoint written: the audit chain no longer holds entry ${last.seq} as signed on ${last.at} in ${files.checkpointFile} (run \`parley audit verify\`)`,
        )
    }
    const checkpoint = signCheckpoint(key.privateKey, head, clock(), previous)
    appendCheckpointLine(files.checkpointFile, checkpointLine(checkpoint))
    return { checkpoint, written: true }
  }

  /**
   * Writes a checkpoint when `everyEntries` entries or `everyMinutes` minutes have passed since the
   * last one and the chain has grown (the server calls this on a timer).
   */
  async function checkpointIfDue(policy: { everyEntries: number; everyMinutes: number }) {
    const files = requireAnchor()
    const previous = lastCheckpointLine(files.checkpointFile)
    if (!previous) return writeCheckpoint()
    const last = JSON.parse(previous) as Checkpoint
    const head = await audit.readAuditHead(db)
    if (head.seq === last.seq) return { checkpoint: last, written: false }
    const minutes = (clock().getTime() - Date.parse(last.at)) / 60_000
    if (head.seq - last.seq >= policy.everyEntries || minutes >= policy.everyMinutes) return writeCheckpoint()
    return { checkpoint: last, written: false }
  }

  /** The public key and every checkpoint, to copy somewhere the server's operators cannot write. */
  function exportCheckpoints(): CheckpointExport {
    const files = requireAnchor()
    const publicKey = readPublicKey(files.keyFile)
    if (!publicKey) throw new DomainError('NOT_FOUND', `No audit signing key at ${files.keyFile} yet`)
    const { checkpoints, problem } = readCheckpoints(
      readCheckpointFile(files.checkpointFile) ?? '',
      publicKey,
    )
    if (problem)
      throw new DomainError(
        'INTEGRITY',
        `Checkpoint file ${files.checkpointFile} line ${problem.line} ${problem.reason}`,
      )
    return {
      key: keyFingerprint(publicKey),
      publicKey: String(publicKey.export({ type: 'spki', format: 'pem' })),
      checkpoints,
    }
  }

  /**
   * Walks the chain as `verifyChain` does and also holds it against the signed checkpoints: every
   * checkpointed entry must still have the hash that was signed, and the chain must reach the last
   * checkpoint. `against` verifies with an exported copy instead of the local files.
   */
  async function verifyAnchored(
    opts: { against?: CheckpointExport; onProgress?: (checked: number, total: number) => void } = {},
  ): Promise<AnchoredVerification> {
    const warnings: string[] = []
    let checkpoints: Checkpoint[] = []
    let key = ''
    const fail = (r: Omit<AnchoredVerification, 'ok' | 'warnings' | 'anchor'>): AnchoredVerification => ({
      ok: false,
      ...r,
      anchor: null,
      warnings,
    })
    if (opts.against) {
      const { createPublicKey } = await import('node:crypto')
      const publicKey = createPublicKey(opts.against.publicKey)
      const text = opts.against.checkpoints.map(checkpointLine).join('\n')
      const read = readCheckpoints(text, publicKey)
      if (read.problem)
        return fail({ checked: 0, reason: `exported checkpoint ${read.problem.line} ${read.problem.reason}` })
      checkpoints = read.checkpoints
      key = keyFingerprint(publicKey)
    } else if (anchor) {
      const publicKey = readPublicKey(anchor.keyFile)
      const text = readCheckpointFile(anchor.checkpointFile)
      if (!publicKey) {
        if (text) return fail({ checked: 0, reason: `the signing key ${anchor.keyFile} is missing` })
        warnings.push(
          `no signing key at ${anchor.keyFile}: the chain is not anchored (the server makes one when it starts)`,
        )
      } else {
        key = keyFingerprint(publicKey)
        if (!text?.trim())
          return fail({
            checked: 0,
            reason: `the checkpoint file ${anchor.checkpointFile} is missing or empty, though the signing key exists (it was deleted or replaced)`,
          })
        const read = readCheckpoints(text, publicKey)
        if (read.problem)
          return fail({
            checked: 0,
            reason: `checkpoint file ${anchor.checkpointFile} line ${read.problem.line} ${read.problem.reason}`,
          })
        checkpoints = read.checkpoints
      }
    } else {
      warnings.push('no signing key is configured: the chain is not anchored')
    }

    const bySeq = new Map<number, Checkpoint[]>()
    for (const c of checkpoints) bySeq.set(c.seq, [...(bySeq.get(c.seq) ?? []), c])
    const last = checkpoints[checkpoints.length - 1]
    const total = Math.max((await audit.readAuditHead(db)).seq, last?.seq ?? 0)
    for (const c of bySeq.get(0) ?? [])
      if (c.hash !== GENESIS_HASH)
        return fail({
          checked: 0,
          firstBadSeq: 1,
          reason: `the checkpoint signed ${c.at} for an empty chain does not hold`,
        })

    const verifier = createChainVerifier()
    let lastMatched = 0
    let after = 0
    for (;;) {
      const batch = await audit.readAuditBatch(db, after, 5000)
      if (batch.length === 0) break
      for (const entry of batch) {
        const broken = verifier.check(entry)
        if (broken) return fail({ checked: verifier.checked, firstBadSeq: broken.seq, reason: broken.reason })
        for (const c of bySeq.get(entry.seq) ?? []) {
          if (c.hash !== entry.hash)
            return fail({
              checked: verifier.checked,
              firstBadSeq: entry.seq,
              reason: `its hash differs from the one signed in the checkpoint of ${c.at}: an entry from ${lastMatched + 1} to ${entry.seq} was rewritten and the chain re-hashed after it`,
            })
          lastMatched = entry.seq
        }
      }
      after = batch[batch.length - 1]!.seq
      opts.onProgress?.(verifier.checked, total)
    }
    if (last && last.seq > after)
      return fail({
        checked: verifier.checked,
        firstBadSeq: after + 1,
        reason: `entries ${after + 1} to ${last.seq} are missing: the checkpoint of ${last.at} signed a chain of ${last.seq} entries, the database holds ${after}`,
      })
    if (last && after > last.seq)
      warnings.push(
        `entries ${last.seq + 1} to ${after} come after the last checkpoint: only the chain vouches for them`,
      )
    return {
      ok: true,
      checked: verifier.checked,
      anchor: last
        ? {
            key,
            checkpoints: checkpoints.length,
            lastSeq: last.seq,
            lastAt: last.at,
            unanchored: after - last.seq,
          }
        : null,
      warnings,
    }
  }

  return {
    listEntries,
    namesFor,
    verifyChain,
    assertChainIntact,
    writeCheckpoint,
    checkpointIfDue,
    exportCheckpoints,
    verifyAnchored,
    anchored: anchor !== undefined,
  }
}

export type AuditService = ReturnType<typeof createAuditService>
