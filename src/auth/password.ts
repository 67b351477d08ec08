import { randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto'
import { dictionary } from '@zxcvbn-ts/language-common'
import { verifyPassword as verifyLegacyHash } from 'better-auth/crypto'
import type { FieldIssue } from '../core/errors'

/**
 * Password rules and hashing. A password is refused when it is short, is the username (also with digits or symbols around it),
 * is a common password (the 49,000 of zxcvbn's list, also with digits or symbols added around it),
 * or repeats a handful of characters ('aaaaaaaaaaaa'). Length, not composition, makes a password
 * strong (NIST SP 800-63B), so there is no rule about digits or capitals.
 */
export const MIN_PASSWORD_LENGTH = 12
export const MAX_PASSWORD_LENGTH = 256

const COMMON = new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()))

/** What is wrong with `password` for the account `username`, in the user's words; null when fine. */
export function passwordProblem(password: string, username: string | undefined): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `must be at least ${MIN_PASSWORD_LENGTH} characters`
  if (password.length > MAX_PASSWORD_LENGTH) return `must be at most ${MAX_PASSWORD_LENGTH} characters`
  const lower = password.toLowerCase()
  const name = username?.trim().toLowerCase()
  // the core: without digits and symbols around it ('Password2024!' is 'password')
  const core = lower.replace(/^[\d\W_]+/u, '').replace(/[\d\W_]+$/u, '')
  if (
    name &&
    (lower === name || core === name || lower.replace(/[\W_]+/gu, '') === name.replace(/[\W_]+/gu, ''))
  )
    return 'must not be the username'
  if (COMMON.has(lower) || COMMON.has(core) || COMMON.has(lower.replace(/\s+/g, '')))
    return 'is a commonly used password; choose another'
  if (new Set(lower).size < 5) return 'repeats too few different characters'
  return null
}

/** The problems as field issues for `field`, or none. */
export function passwordIssues(field: string, password: string, username: string | undefined): FieldIssue[] {
  const problem = passwordProblem(password, username)
  return problem ? [{ path: field, message: problem }] : []
}

/**
 * scrypt at OWASP's current minimum (N=2^17, r=8, p=1: 128 MiB and a few hundred ms per hash). The
 * parameters are written into each hash, so a later change leaves old hashes verifiable; tests
 * may pass a lower cost to stay fast on a busy machine.
 */
export type ScryptCost = { logN: number; r: number; p: number }
export const OWASP_SCRYPT: ScryptCost = { logN: 17, r: 8, p: 1 }
const KEY_LENGTH = 64

function scrypt(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  const N = 2 ** cost.logN
  return new Promise((resolve, reject) =>
    scryptCb(
      password.normalize('NFKC'),
      salt,
      KEY_LENGTH,
      { N, r: cost.r, p: cost.p, maxmem: 256 * N * cost.r },
      (err, key) => (err ? reject(err) : resolve(key)),
    ),
  )
}

/** `$scrypt$ln=17,r=8,p=1$<salt>$<key>` (base64url). */
export async function hashPassword(password: string, cost: ScryptCost = OWASP_SCRYPT): Promise<string> {
  const salt = randomBytes(16)
  const key = await scrypt(password, salt, cost)
  return `$scrypt$ln=${cost.logN},r=${cost.r},p=${cost.p}$${salt.toString('base64url')}$${key.toString('base64url')}`
}

const OURS = /^\$scrypt\$ln=(\d+),r=(\d+),p=(\d+)\$([\w-]+)\$([\w-]+)$/

/** Verifies our hashes and better-auth's older `salt:key` ones (accounts made before this change). */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  const m = OURS.exec(hash)
  if (!m) return verifyLegacyHash({ hash, password })
  const cost = { logN: Number(m[1]), r: Number(m[2]), p: Number(m[3]) }
  if (cost.logN > 20 || cost.r > 32 || cost.p > 16) return false
  const expected = Buffer.from(m[5]!, 'base64url')
  const key = await scrypt(password, Buffer.from(m[4]!, 'base64url'), cost)
  return key.length === expected.length && timingSafeEqual(key, expected)
}

/** True when a stored hash is weaker than `cost` (so it is rehashed at the next sign-in). */
export function needsRehash(hash: string, cost: ScryptCost = OWASP_SCRYPT): boolean {
  const m = OURS.exec(hash)
  return !m || Number(m[1]) < cost.logN || Number(m[2]) < cost.r
}
