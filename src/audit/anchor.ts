import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto'
import {
  appendFileSync,
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { dirname } from 'node:path'

/**
 * The files that anchor the audit chain outside the database: the Ed25519 signing key and the
 * append-only file of signed checkpoints beside it. The database superuser does not write here;
 * an operator can make the checkpoint file append-only at the file-system level (chattr +a).
 */
export type AuditAnchorFiles = { keyFile: string; checkpointFile: string }

export type SigningKey = { privateKey: KeyObject; publicKey: KeyObject; created: boolean }

/**
 * Reads the signing key, or makes one (mode 0600, its folder 0700) when the file is absent.
 * A key file that others can read is tightened to 0600 rather than refused, and said so.
 */
export function loadOrCreateSigningKey(keyFile: string, warn: (m: string) => void = () => {}): SigningKey {
  if (existsSync(keyFile)) {
    const mode = statSync(keyFile).mode & 0o777
    if (mode & 0o077) {
      chmodSync(keyFile, 0o600)
      warn(`${keyFile} was readable by others (mode ${mode.toString(8)}); it is now 0600`)
    }
    const privateKey = createPrivateKey(readFileSync(keyFile, 'utf8'))
    return { privateKey, publicKey: createPublicKey(privateKey), created: false }
  }
  mkdirSync(dirname(keyFile), { recursive: true, mode: 0o700 })
  const { privateKey, publicKey } = generateKeyPairSync('ed25519')
  // 'wx': two processes starting together do not overwrite each other's key
  writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' })
  return { privateKey, publicKey, created: true }
}

/** The public half only, for verifying; undefined when no key was ever made. */
export function readPublicKey(keyFile: string): KeyObject | undefined {
  if (!existsSync(keyFile)) return undefined
  return createPublicKey(createPrivateKey(readFileSync(keyFile, 'utf8')))
}

/** The checkpoint file's text; undefined when it does not exist. */
export function readCheckpointFile(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined
}

/** The last non-empty line of the checkpoint file (what the next checkpoint names). */
export function lastCheckpointLine(file: string): string | undefined {
  const text = readCheckpointFile(file)
  if (!text) return undefined
  const lines = text.split('\n').filter((l) => l.trim() !== '')
  return lines[lines.length - 1]
}

/** Appends one line; O_APPEND, so concurrent writers never interleave within a line. */
export function appendCheckpointLine(file: string, line: string) {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 })
  appendFileSync(file, `${line}\n`, { mode: 0o600, flag: 'a' })
}
