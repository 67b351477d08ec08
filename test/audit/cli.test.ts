import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PGLITE_EXTENSIONS } from '../../src/db/connection'
import { runParley } from '../support/cli'

let dir: string

/** Runs `parley ARGS` on a PGlite data folder of its own, as an operator would. */
const parley = (...args: string[]) => runParley(dir, args)

/** SQL straight into the data folder, triggers off, as an insider with the files would. */
async function tamper(statement: string) {
  const db = await PGlite.create(path.join(dir, 'db'), { extensions: PGLITE_EXTENSIONS })
  await db.exec(`set session_replication_role = replica; ${statement}`)
  await db.close()
}

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'parley-audit-cli-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('parley audit, check and rebuild-state', () => {
  it('signs, verifies, finds a drifted status, repairs it, and names a cut tail', async () => {
    const file = path.join(dir, 'persons.csv')
    writeFileSync(file, 'surname,first_name,date_of_birth\nМороз,Василь,1991-01-02\nЛисенко,Петро,1989\n')
    expect((await parley('import', 'persons', file)).code).toBe(0)

    const signed = await parley('audit', 'checkpoint')
    const head = Number(/^Signed: entry (\d+), hash [0-9a-f]{64}/.exec(signed.stdout)?.[1])
    expect(head).toBeGreaterThan(0)

    await tamper("update persons set status = 'released', facility_id = null where surname = 'Мороз'")
    const drift = await parley('check')
    expect(drift.code).toBe(3)
    expect(drift.stderr).toMatch(/1 of 2 persons: the stored state differs from their events/)
    expect(drift.stderr).toMatch(
      /person \d+ \(Мороз Василь, [0-9a-f-]{36}\): status is released, its events say captured/,
    )

    const rebuilt = await parley('rebuild-state')
    expect(rebuilt.code).toBe(0)
    expect(rebuilt.stdout).toContain('2 persons checked: 1 repaired from their events')
    const verified = await parley('audit', 'verify')
    expect(verified.stdout).toMatch(/Audit chain intact: \d+ entries verified; 1 signed checkpoints hold/)

    // the repair's audit entry is after the first checkpoint: sign it, then cut the tail from it
    const last = Number(/entry (\d+)/.exec((await parley('audit', 'checkpoint')).stdout)?.[1])
    expect(last).toBeGreaterThan(head)
    await tamper(`delete from audit_log where seq >= ${last}`)
    const cut = await parley('audit', 'verify')
    expect(cut.code).toBe(3)
    expect(cut.stderr).toContain(
      `Audit chain broken at entry ${last}: entries ${last} to ${last} are missing`,
    )
  }, 3_600_000) // seven command-line runs, each opening the database (slow on a busy machine)
})
