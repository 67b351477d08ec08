import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Db } from '../db/connection'
import { readSetting } from '../settings/store'

/**
 * The session-signing secret, which also encrypts the TOTP secrets: PARLEY_SESSION_SECRET when set
 * (required in production, and for several instances on one PostgreSQL server), otherwise a file
 * `session-secret` in the data folder, made once with mode 0600. It is never kept in the database:
 * whoever reads a database copy must not be able to forge sessions or read TOTP secrets. A secret
 * an earlier version kept in the database is moved to the file once, so enrolled second factors
 * still decrypt.
 */
export async function resolveSessionSecret(
  db: Db,
  config: { sessionSecret: string | undefined; dataDir: string },
): Promise<string> {
  const file = path.join(config.dataDir, 'session-secret')
  const legacy = await readSetting(db, 'session_secret')
  let secret = config.sessionSecret ?? readSecretFile(file)
  if (!secret) {
    secret =
      typeof legacy === 'string' && legacy.length >= 32 ? legacy : randomBytes(32).toString('base64url')
    mkdirSync(config.dataDir, { recursive: true })
    try {
      writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' })
    } catch (e) {
      // another process made it first: use theirs
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
      secret = readSecretFile(file)!
    }
  }
  if (legacy !== undefined) await db.deleteFrom('settings').where('key', '=', 'session_secret').execute()
  return secret
}

function readSecretFile(file: string): string | undefined {
  try {
    const text = readFileSync(file, 'utf8').trim()
    return text.length >= 32 ? text : undefined
  } catch {
    return undefined
  }
}
