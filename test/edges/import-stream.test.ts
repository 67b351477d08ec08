import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { stringify } from 'csv-stringify/sync'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import * as auditStore from '../../src/audit/store'
import { createPersonImportService } from '../../src/custody/import-service'
import * as store from '../../src/custody/store'
import type { Connection } from '../../src/db/connection'
import { generatePersons } from '../../src/generate'
import { REGISTER_COLUMNS, registerRow } from '../../src/generate/scenarios'
import { REGISTRAR } from '../support/factories'
import { createTestDatabase, dropTestTemplate } from '../support/test-db'

// A register file read from disk in pieces: more rows than one written chunk (2,000) and more
// bytes than one piece read (1 MiB), so rows, chunks and characters cross the boundaries.
const ROWS = 4500

let conn: Connection
let dir: string
const clock = () => new Date('2026-11-01T10:00:00Z')
const importer = () =>
  createPersonImportService({ db: conn.db, store, audit: auditStore, clock, romanize: (t) => t })
const count = async (table: 'persons' | 'person_events' | 'audit_log' | 'imports') =>
  Number(
    (
      await conn.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

function registerRows(): string[][] {
  return [...generatePersons({ seed: 11, count: ROWS, nationality: 'UA', firstId: 1 })].map((p) => {
    const row = registerRow(p, 11)
    return REGISTER_COLUMNS.map((c) => row[c] ?? '')
  })
}

function writeCsv(name: string, rows: string[][]): string {
  const file = path.join(dir, name)
  writeFileSync(file, stringify([REGISTER_COLUMNS as unknown as string[], ...rows]))
  return file
}

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'parley-import-stream-'))
})
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true })
  await dropTestTemplate()
})
beforeEach(async () => {
  conn = await createTestDatabase()
})
afterEach(async () => conn.close())

describe('importing persons from a file on disk, read as a stream', () => {
  it('registers every row with its letters, and the same file again changes nothing', async () => {
    const rows = registerRows()
    const file = writeCsv('register.csv', rows)
    const seen: number[] = []
    const report = await importer().importPersons(REGISTRAR, { name: 'register.csv', path: file }, (done) =>
      seen.push(done),
    )
    expect(report).toMatchObject({ rows: ROWS, created: ROWS, unchanged: 0 })
    expect(await count('persons')).toBe(ROWS)
    // progress went up in pieces, to the whole file
    expect(seen.length).toBeGreaterThan(1)
    expect(seen.at(-1)).toBeGreaterThan(1024 * 1024)
    // a Cyrillic name from the middle of the file reads as written, not cut at a piece's edge
    const surnameAt = REGISTER_COLUMNS.indexOf('surname')
    const middle = rows.slice(2000, 2600).map((r) => r[surnameAt])
    const stored = new Set(
      (await conn.db.selectFrom('persons').select('surname').execute()).map((r) => r.surname),
    )
    for (const s of middle) expect(stored).toContain(s)
    expect([...stored].join('')).not.toContain('\ufffd')

    const again = await importer().importPersons(REGISTRAR, { name: 'register.csv', path: file })
    expect(again).toMatchObject({ rows: ROWS, created: 0, unchanged: ROWS })
    expect(await count('persons')).toBe(ROWS)
  }, 240_000)

  it('refuses the file for a bad row after two chunks were written, naming every bad row, and stores nothing', async () => {
    const rows = registerRows()
    const dob = REGISTER_COLUMNS.indexOf('date_of_birth')
    const idAt = REGISTER_COLUMNS.indexOf('id')
    rows[4200]![dob] = 'not a date'
    rows[4400]![idAt] = rows[10]![idAt]!
    const file = writeCsv('late-error.csv', rows)
    const auditBefore = await count('audit_log')
    const refused = await importer()
      .importPersons(REGISTRAR, { name: 'late-error.csv', path: file })
      .then(
        () => null,
        (e) => e,
      )
    expect(refused).toMatchObject({ code: 'VALIDATION' })
    const paths = (refused.issues as { path: string }[]).map((i) => i.path)
    // the header is row 1, so the 4,201st data row is row 4202
    expect(paths).toEqual(['row 4202.date_of_birth', 'row 4402.id'])
    expect((refused.issues as { message: string }[])[1]!.message).toContain('row 12')
    expect(await count('persons')).toBe(0)
    expect(await count('person_events')).toBe(0)
    expect(await count('imports')).toBe(0)
    expect(await count('audit_log')).toBe(auditBefore)
  }, 240_000)

  it('refuses a broken character past the part the encoding is judged on, naming the file, and stores nothing', async () => {
    const rows = registerRows()
    const file = writeCsv('broken.csv', rows)
    // a byte that starts no UTF-8 character, far beyond the first 64 KiB
    const bytes = Buffer.from(stringify([REGISTER_COLUMNS as unknown as string[], ...rows]))
    bytes[bytes.length - 100] = 0xff
    writeFileSync(file, bytes)
    await expect(
      importer().importPersons(REGISTRAR, { name: 'broken.csv', path: file }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('broken.csv: not readable as UTF-8'),
    })
    expect(await count('persons')).toBe(0)
    expect(await count('imports')).toBe(0)
  }, 240_000)

  it('registers each person once when the same file is imported twice at the same moment', async () => {
    const file = writeCsv('twice.csv', registerRows().slice(0, 2500))
    const [a, b] = await Promise.all([
      importer().importPersons(REGISTRAR, { name: 'twice.csv', path: file }),
      importer().importPersons(REGISTRAR, { name: 'twice-copy.csv', path: file }),
    ])
    // one of them wrote, the other found the file imported (on PostgreSQL after a retry)
    expect([a.created, b.created].sort()).toEqual([0, 2500])
    expect(await count('persons')).toBe(2500)
    expect(await count('imports')).toBe(1)
  }, 240_000)

  it('refuses an empty file and a file with only a header row as it did when read whole', async () => {
    const empty = path.join(dir, 'empty.csv')
    writeFileSync(empty, '')
    await expect(
      importer().importPersons(REGISTRAR, { name: 'empty.csv', path: empty }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('empty'),
    })
    const header = writeCsv('header.csv', [])
    expect(await importer().importPersons(REGISTRAR, { name: 'header.csv', path: header })).toMatchObject({
      rows: 0,
      created: 0,
    })
    expect(await count('persons')).toBe(0)
  }, 120_000)
})
