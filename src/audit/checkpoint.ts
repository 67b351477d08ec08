import { createHash, createPublicKey, type KeyObject, sign, verify } from 'node:crypto'
import { canonicalJson } from '../core/canonical-json'

/**
 * A signed statement "the audit chain had `seq` entries and its last hash was `hash` at `at`".
 * Kept outside the database, so that whoever can rewrite the database cannot rewrite what was
 * signed: a chain re-hashed after a change, or cut short, no longer matches its checkpoints.
 * Each checkpoint names the one before it (`prev`), so a checkpoint removed from the middle of
 * the file is seen too.
 */
export type Checkpoint = {
  seq: number
  hash: string
  at: string
  /** SHA-256 of the previous checkpoint's line ('' for the first). */
  prev: string
  /** Fingerprint of the public key that signed it. */
  key: string
  sig: string
}

type Unsigned = Omit<Checkpoint, 'sig'>

function signedBytes(c: Unsigned): Buffer {
  return Buffer.from(
    canonicalJson({ seq: c.seq, hash: c.hash, at: c.at, prev: c.prev, key: c.key, v: 'parley-audit-1' }),
  )
}

/** Short, stable name of a public key: what an operator writes down to recognise it later. */
export function keyFingerprint(publicKey: KeyObject): string {
  const der = publicKey.export({ type: 'spki', format: 'der' })
  return createHash('sha256').update(der).digest('hex').slice(0, 32)
}

/** The line a checkpoint is stored as (one JSON object per line). */
export function checkpointLine(c: Checkpoint): string {
  return canonicalJson(c)
}

export function lineHash(line: string): string {
  return createHash('sha256').update(line).digest('hex')
}

export function signCheckpoint(
  privateKey: KeyObject,
  head: { seq: number; hash: string },
  at: Date,
  previousLine: string | undefined,
): Checkpoint {
  const unsigned: Unsigned = {
    seq: head.seq,
    hash: head.hash,
    at: at.toISOString(),
    prev: previousLine === undefined ? '' : lineHash(previousLine),
    key: keyFingerprint(createPublicKey(privateKey)),
  }
  return { ...unsigned, sig: sign(null, signedBytes(unsigned), privateKey).toString('base64') }
}

/** A problem with the checkpoint file, naming its line (1-based). */
export type CheckpointProblem = { line: number; reason: string }

/**
 * Parses and checks every line of a checkpoint file against the public key: each must parse, be
 * signed by that key, name the line before it, and not go backwards. Returns the checkpoints in
 * file order and the first problem.
 */
export function readCheckpoints(
  text: string,
  publicKey: KeyObject,
): { checkpoints: Checkpoint[]; problem?: CheckpointProblem } {
  const lines = text.split('\n').filter((l) => l.trim() !== '')
  const fingerprint = keyFingerprint(publicKey)
  const checkpoints: Checkpoint[] = []
  let previous: string | undefined
  for (const [i, line] of lines.entries()) {
    const n = i + 1
    let c: Checkpoint
    try {
      c = JSON.parse(line) as Checkpoint
    } catch {
      return { checkpoints, problem: { line: n, reason: 'is not a checkpoint (not JSON)' } }
    }
    if (
      !Number.isInteger(c.seq) ||
      typeof c.hash !== 'string' ||
      typeof c.sig !== 'string' ||
      typeof c.at !== 'string'
    )
      return { checkpoints, problem: { line: n, reason: 'is not a checkpoint (fields missing)' } }
    if (c.key !== fingerprint)
      return {
        checkpoints,
        problem: {
          line: n,
          reason: `was signed by another key (${c.key}, not this server's ${fingerprint})`,
        },
      }
    const { sig, ...unsigned } = c
    if (!verify(null, signedBytes(unsigned), publicKey, Buffer.from(sig, 'base64')))
      return {
        checkpoints,
        problem: { line: n, reason: 'has a signature that does not hold (it was altered)' },
      }
    const expectedPrev = previous === undefined ? '' : lineHash(previous)
    if (c.prev !== expectedPrev)
      return {
        checkpoints,
        problem: {
          line: n,
          reason:
            previous === undefined
              ? 'names a checkpoint before it, but it is the first (checkpoints were removed from the start)'
              : 'does not name the line before it (a checkpoint was removed or reordered)',
        },
      }
    const last = checkpoints[checkpoints.length - 1]
    if (last && c.seq < last.seq)
      return {
        checkpoints,
        problem: { line: n, reason: `goes back from entry ${last.seq} to entry ${c.seq}` },
      }
    checkpoints.push(c)
    previous = line
  }
  return { checkpoints }
}
