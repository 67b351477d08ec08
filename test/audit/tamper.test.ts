import { generateKeyPairSync } from 'node:crypto'
import { copyFileSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { openParley, type Parley } from '../../src/app/container'
import { hashAuditRecord } from '../../src/audit/chain'
import { checkpointLine, signCheckpoint } from '../../src/audit/checkpoint'
import * as auditStore from '../../src/audit/store'
import { loadConfig } from '../../src/core/config'
import { createStateCheck } from '../../src/custody/check'
import * as checkStore from '../../src/custody/check-store'
import type { Connection } from '../../src/db/connection'
import { buildPerson, REGISTRAR } from '../support/factories'
import { createTestDatabase, dropTestTemplate } from '../support/test-db'

// a fresh migrated database per test takes long on a busy machine: wait, do not fail
vi.setConfig({ testTimeout: 600_000, hookTimeout: 600_000 })

let conn: Connection
let parley: Parley
let dir: string
const audit = () => parley.services.audit
const stateCheck = () =>
  createStateCheck({ db: conn.db, store: checkStore, audit: auditStore, clock: () => new Date() })

beforeEach(async () => {
  conn = await createTestDatabase()
  dir = mkdtempSync(path.join(os.tmpdir(), 'parley-anchor-'))
  const config = loadConfig({ NODE_ENV: 'test', PARLEY_LOG_LEVEL: 'silent', PARLEY_DATA_DIR: dir })
  parley = await openParley(config, { connection: conn })
  // four persons: each registration writes one audit entry
  for (let i = 0; i < 4; i++) await parley.services.custody.registerPerson(REGISTRAR, buildPerson())
})
afterEach(async () => {
  await conn?.close()
  rmSync(dir, { recursive: true, force: true })
})
afterAll(dropTestTemplate)

/** What an insider with the database superuser's rights does: triggers off, then SQL. */
async function asSuperuser(statements: string[]) {
  await conn.db.connection().execute(async (c) => {
    await sql`set session_replication_role = replica`.execute(c)
    for (const s of statements) await sql.raw(s).execute(c)
    await sql`set session_replication_role = default`.execute(c)
  })
}

/** Re-hashes every entry from `fromSeq` on, as an insider covering a change would. */
async function rehashFrom(fromSeq: number) {
  const entries = await auditStore.readAuditBatch(conn.db, 0, 100_000)
  let prev = entries.find((e) => e.seq === fromSeq - 1)?.hash ?? '0'.repeat(64)
  const updates: string[] = []
  for (const e of entries.filter((x) => x.seq >= fromSeq)) {
    const hash = hashAuditRecord(prev, e)
    updates.push(`update audit_log set prev_hash = '${prev}', hash = '${hash}' where seq = ${e.seq}`)
    prev = hash
  }
  await asSuperuser(updates)
}

async function headSeq() {
  return (await auditStore.readAuditHead(conn.db)).seq
}

describe('signed checkpoints', () => {
  it('makes the key with mode 0600 and verifies an untouched chain up to the checkpoint', async () => {
    const { checkpoint, written } = await audit().writeCheckpoint()
    expect(written).toBe(true)
    expect(checkpoint.seq).toBe(await headSeq())
    const { statSync } = await import('node:fs')
    expect(statSync(path.join(dir, 'audit', 'signing-key.pem')).mode & 0o777).toBe(0o600)
    expect((await audit().writeCheckpoint()).written).toBe(false)
    const result = await audit().verifyAnchored()
    expect(result).toMatchObject({
      ok: true,
      checked: 4,
      anchor: { checkpoints: 1, lastSeq: 4, unanchored: 0 },
    })
  })

  it('a chain with no key at all verifies, with a warning that it is not anchored', async () => {
    const result = await audit().verifyAnchored()
    expect(result.ok).toBe(true)
    expect(result.warnings.join()).toMatch(/not anchored/)
  })
})

describe('the single alterations an insider can make', () => {
  beforeEach(async () => {
    await audit().writeCheckpoint()
  })

  it('1. change an entry: named by the chain', async () => {
    await asSuperuser(["update audit_log set actor_name = 'someone else' where seq = 2"])
    expect(await audit().verifyAnchored()).toMatchObject({ ok: false, firstBadSeq: 2, reason: /altered/ })
  })

  it('2. delete a middle entry: named as missing', async () => {
    await asSuperuser(['delete from audit_log where seq = 2'])
    expect(await audit().verifyAnchored()).toMatchObject({
      ok: false,
      firstBadSeq: 3,
      reason: /expected entry 2/,
    })
  })

  it('3. delete the last entry: the checkpoint names it missing', async () => {
    expect((await audit().verifyChain()).ok).toBe(true)
    await asSuperuser(['delete from audit_log where seq = 4'])
    expect((await audit().verifyChain()).ok).toBe(true) // the chain alone cannot tell
    expect(await audit().verifyAnchored()).toMatchObject({
      ok: false,
      firstBadSeq: 4,
      reason: /entries 4 to 4 are missing/,
    })
  })

  it('4. truncate the tail: the checkpoint names the first missing entry', async () => {
    await asSuperuser(['delete from audit_log where seq > 1'])
    expect(await audit().verifyAnchored()).toMatchObject({
      ok: false,
      firstBadSeq: 2,
      reason: /entries 2 to 4/,
    })
  })

  it('5. swap two entries: named by the chain', async () => {
    await asSuperuser([
      'update audit_log set seq = -2 where seq = 2',
      'update audit_log set seq = 2 where seq = 3',
      'update audit_log set seq = 3 where seq = -2',
    ])
    expect(await audit().verifyAnchored()).toMatchObject({ ok: false, firstBadSeq: 2 })
  })

  it('6. forge an entry in the signed part and re-hash: the checkpoint no longer holds', async () => {
    await asSuperuser([
      `update audit_log set actor_name = 'Forged', action = 'person.registered', after = '{"surname":"Інший"}' where seq = 3`,
    ])
    await rehashFrom(3)
    expect((await audit().verifyChain()).ok).toBe(true)
    expect(await audit().verifyAnchored()).toMatchObject({
      ok: false,
      firstBadSeq: 4,
      reason: /an entry from 1 to 4 was rewritten/,
    })
  })

  it('6b. forge an entry after the last checkpoint: out of reach (only the chain vouches for it)', async () => {
    const [last] = await auditStore.readAuditBatch(conn.db, 3, 1)
    const forged = { ...last!, seq: 5, actorName: 'Forged', prevHash: last!.hash }
    const hash = hashAuditRecord(last!.hash, forged)
    await asSuperuser([
      `insert into audit_log (seq, at, actor_id, actor_name, action, entity_type, entity_id, before, after, prev_hash, hash)
       values (5, now(), null, 'Forged', 'person.registered', 'person', null, null, null, '${last!.hash}', '${hashAuditRecord(last!.hash, { ...forged, at: new Date(0), actorId: null, entityId: null, before: null, after: null, action: 'person.registered', entityType: 'person' })}')`,
    ])
    expect(hash).toBeTruthy()
    // the forged row's hash was computed for at = epoch; correct that too, as a careful forger would
    await rehashFrom(5)
    const result = await audit().verifyAnchored()
    expect(result.ok).toBe(true)
    expect(result.warnings.join()).toMatch(/entries 5 to 5 come after the last checkpoint/)
  })

  it('7. re-hash the chain after a change: the checkpoint names the range', async () => {
    await asSuperuser(["update audit_log set actor_name = 'someone else' where seq = 2"])
    await rehashFrom(2)
    expect((await audit().verifyChain()).ok).toBe(true)
    expect(await audit().verifyAnchored()).toMatchObject({ ok: false, firstBadSeq: 4, reason: /rewritten/ })
  })

  it('8. truncate the table: refused by the trigger; with triggers off, the checkpoint names it', async () => {
    await expect(sql`truncate audit_log`.execute(conn.db)).rejects.toThrow(/append-only/)
    await asSuperuser(['truncate audit_log'])
    expect(await audit().verifyAnchored()).toMatchObject({
      ok: false,
      firstBadSeq: 1,
      reason: /entries 1 to 4 are missing.*the database holds 0/,
    })
  })

  it('9. alter a person row without an entry: `check` names the person, `rebuild-state` repairs it, audited', async () => {
    const [p] = await checkStore.readStoredStates(conn.db, null, 1)
    await asSuperuser([`update persons set status = 'released' where id = '${p!.id}'`])
    const report = await stateCheck().check()
    expect(report.differing).toBe(1)
    expect(report.differences[0]).toMatchObject({
      personId: p!.id,
      fields: [{ field: 'status', stored: 'released', fromEvents: 'captured' }],
    })
    const rebuilt = await stateCheck().rebuild(REGISTRAR)
    expect(rebuilt.repaired).toBe(1)
    expect((await stateCheck().check()).differing).toBe(0)
    const [entry] = await auditStore.listAudit(conn.db, { action: 'person.state.rebuilt', limit: 5 })
    expect(entry).toMatchObject({
      entityId: p!.id,
      before: { status: 'released' },
      after: { status: 'captured' },
    })
    expect((await audit().verifyAnchored()).ok).toBe(true)
  })

  it('10. delete an event with the trigger off: `check` names the person', async () => {
    const [p] = await checkStore.readStoredStates(conn.db, null, 1)
    await asSuperuser([`delete from person_events where person_id = '${p!.id}' and seq = 2`])
    const report = await stateCheck().check()
    expect(report.differences.map((d) => d.personId)).toEqual([p!.id])
    expect(report.differences[0]!.fields).toContainEqual({ field: 'event_count', stored: 2, fromEvents: 1 })
  })

  it('11a. replace the checkpoint file with one signed by another key: refused', async () => {
    const file = path.join(dir, 'audit', 'checkpoints.jsonl')
    const { privateKey } = generateKeyPairSync('ed25519')
    writeFileSync(
      file,
      `${checkpointLine(signCheckpoint(privateKey, { seq: 0, hash: '0'.repeat(64) }, new Date(), undefined))}\n`,
    )
    expect(await audit().verifyAnchored()).toMatchObject({
      ok: false,
      reason: /line 1 was signed by another key/,
    })
  })

  it('11b. alter a line of the checkpoint file: its signature fails', async () => {
    const file = path.join(dir, 'audit', 'checkpoints.jsonl')
    writeFileSync(file, readFileSync(file, 'utf8').replace(/"seq":4/, '"seq":1'))
    expect(await audit().verifyAnchored()).toMatchObject({
      ok: false,
      reason: /line 1 has a signature that does not hold/,
    })
  })

  it('11c. delete the checkpoint file: refused while the key exists', async () => {
    unlinkSync(path.join(dir, 'audit', 'checkpoints.jsonl'))
    expect(await audit().verifyAnchored()).toMatchObject({ ok: false, reason: /missing or empty/ })
  })

  it('11d. remove a checkpoint from the middle of the file: the next one names it', async () => {
    await parley.services.custody.registerPerson(REGISTRAR, buildPerson())
    await audit().writeCheckpoint()
    await parley.services.custody.registerPerson(REGISTRAR, buildPerson())
    await audit().writeCheckpoint()
    const file = path.join(dir, 'audit', 'checkpoints.jsonl')
    const lines = readFileSync(file, 'utf8').trim().split('\n')
    writeFileSync(file, `${[lines[0], lines[2]].join('\n')}\n`)
    expect(await audit().verifyAnchored()).toMatchObject({
      ok: false,
      reason: /line 2 does not name the line before it/,
    })
  })

  it('11e. put back an older copy of the file and cut the tail: only an exported copy catches it', async () => {
    const file = path.join(dir, 'audit', 'checkpoints.jsonl')
    copyFileSync(file, `${file}.old`)
    await parley.services.custody.registerPerson(REGISTRAR, buildPerson())
    await audit().writeCheckpoint()
    const exported = audit().exportCheckpoints()
    copyFileSync(`${file}.old`, file)
    await asSuperuser(['delete from audit_log where seq = 5'])
    expect((await audit().verifyAnchored()).ok).toBe(true) // out of reach of the local files
    expect(await audit().verifyAnchored({ against: exported })).toMatchObject({
      ok: false,
      firstBadSeq: 5,
      reason: /entries 5 to 5 are missing/,
    })
  })

  it('the server will not sign a chain that no longer holds its last checkpoint', async () => {
    await asSuperuser(["update audit_log set actor_name = 'x' where seq = 4"])
    await rehashFrom(4)
    await parley.services.custody.registerPerson(REGISTRAR, buildPerson())
    await expect(audit().writeCheckpoint()).rejects.toMatchObject({ code: 'INTEGRITY', message: /entry 4/ })
  })
})
