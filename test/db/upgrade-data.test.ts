import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { PGlite } from '@electric-sql/pglite'
import { sql } from 'kysely'
import { PGlite as PGlite04 } from 'pglite-v04'
import { fuzzystrmatch } from 'pglite-v04/contrib/fuzzystrmatch'
import { pg_trgm } from 'pglite-v04/contrib/pg_trgm'
import { unaccent } from 'pglite-v04/contrib/unaccent'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openParley } from '../../src/app/container'
import { fillDemo } from '../../src/app/demo'
import { loadConfig } from '../../src/core/config'
import { connectionFromPglite } from '../../src/db/connection'
import { upgradeDataFolder, upgradingFolder } from '../../src/db/upgrade/upgrade-data'
import { runParley } from '../support/cli'
import { TEST_PASSWORD_COST } from '../support/test-app'

let dir: string
const dbDir = () => path.join(dir, 'db')
const config = () => loadConfig({ NODE_ENV: 'test', PARLEY_LOG_LEVEL: 'silent', PARLEY_DATA_DIR: dir })

/** Runs `parley ARGS` on the test's data folder, as an operator would. */
const parley = (...args: string[]) => runParley(dir, args)

/** What the register held before the upgrade, read with the engine that wrote it. */
let before: { persons: number; audit: number; first: { id: string; surname: string; date_of_birth: string } }

// A data folder as the previous Parley left it: PGlite 0.4 (PostgreSQL 17), migrated, with a
// generated register (fictitious persons), its counterpart list and their audit entries.
beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'parley-upgrade-'))
  const old = await PGlite04.create(dbDir(), { extensions: { pg_trgm, unaccent, fuzzystrmatch } })
  const p = await openParley(config(), {
    connection: connectionFromPglite(old as unknown as PGlite),
    passwordCost: TEST_PASSWORD_COST,
  })
  await p.services.users.ensureFirstAdmin()
  await fillDemo(p, { persons: 120, seed: 7 })
  const q = async <T>(text: string) => (await sql.raw<T>(text).execute(p.conn.db)).rows
  const [persons] = await q<{ n: number }>('select count(*)::int as n from persons')
  const [audit] = await q<{ n: number }>('select count(*)::int as n from audit_log')
  const [first] = await q<{ id: string; surname: string; date_of_birth: string }>(
    'select id, surname, date_of_birth::text from persons order by id limit 1',
  )
  before = { persons: persons?.n ?? 0, audit: audit?.n ?? 0, first: first! }
  await p.close()
}, 600_000)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('a data folder written by PGlite 0.4 (PostgreSQL 17)', { timeout: 600_000 }, () => {
  it('is refused on open in one line that names the command to convert it, with exit 5', async () => {
    expect(readFileSync(path.join(dbDir(), 'PG_VERSION'), 'utf8').trim()).toBe('17')
    const verify = await parley('audit', 'verify')
    expect(verify.code).toBe(5)
    expect(verify.stderr.trim().split('\n')).toEqual([
      `error: The data folder ${dbDir()} was written by an older Parley (PostgreSQL 17); convert it once with \`parley upgrade-data --data ${dir}\` (the old folder is kept as a backup)`,
    ])
  })

  it('stays whole and openable when the upgrade stops in the middle of the copy', async () => {
    const stop = new Error('stopped mid-copy')
    await expect(
      upgradeDataFolder(dbDir(), (done) => {
        if (done > 0) throw stop
      }),
    ).rejects.toBe(stop)
    expect(existsSync(upgradingFolder(dbDir()))).toBe(false)
    expect(readFileSync(path.join(dbDir(), 'PG_VERSION'), 'utf8').trim()).toBe('17')
    const old = await PGlite04.create(dbDir(), { extensions: { pg_trgm, unaccent, fuzzystrmatch } })
    const { rows } = await old.query<{ n: number }>('select count(*)::int as n from persons')
    await old.close()
    expect(rows[0]?.n).toBe(before.persons)
  })

  it('is converted by `parley upgrade-data`, keeps the old folder as a backup, and the audit chain verifies', async () => {
    const upgraded = await parley('upgrade-data', '--data', dir)
    expect(upgraded.stderr).not.toMatch(/error/)
    expect(upgraded.code).toBe(0)
    const backup = `${dbDir()}.pg17-backup`
    expect(upgraded.stdout).toMatch(
      new RegExp(
        `^Upgraded ${dbDir()} from PostgreSQL 17 to 18: \\d+ rows in \\d+ tables, the same count in each; the old folder is kept as ${backup}`,
      ),
    )
    expect(readFileSync(path.join(backup, 'PG_VERSION'), 'utf8').trim()).toBe('17')
    expect(readFileSync(path.join(dbDir(), 'PG_VERSION'), 'utf8').trim()).toBe('18')

    const verify = await parley('audit', 'verify')
    expect(verify.code).toBe(0)
    expect(verify.stdout).toContain(`Audit chain intact: ${before.audit} entries verified`)

    const p = await openParley(config(), { passwordCost: TEST_PASSWORD_COST })
    try {
      expect((await p.services.custody.countPersons({ confirmation: 'all' })).total).toBe(before.persons)
      const first = await p.conn.db
        .selectFrom('persons')
        .select(['id', 'surname', 'date_of_birth'])
        .orderBy('id')
        .limit(1)
        .executeTakeFirstOrThrow()
      expect(first).toEqual(before.first)
      expect((await p.services.audit.verifyChain()).ok).toBe(true)
    } finally {
      await p.close()
    }

    const again = await parley('upgrade-data', '--data', dir)
    expect(again.stdout).toContain('is already PostgreSQL 18: nothing to do')
  })
})
