import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as auditStore from '../../src/audit/store'
import { safeCell } from '../../src/core/safe-cell'
import { decodeText } from '../../src/core/text-decode'
import { createPersonImportService } from '../../src/custody/import-service'
import * as store from '../../src/custody/store'
import type { Connection } from '../../src/db/connection'
import { writeRows } from '../../src/generate/write'
import { createListService } from '../../src/lists/service'
import { REGISTRAR } from '../support/factories'
import { createTestDatabase, dropTestTemplate } from '../support/test-db'

let conn: Connection
const clock = () => new Date('2026-11-01T10:00:00Z')
const importer = () =>
  createPersonImportService({ db: conn.db, store, audit: auditStore, clock, romanize: (t) => t })
const lists = () => createListService({ db: conn.db, audit: auditStore, clock })
const surnames = async () =>
  (await conn.db.selectFrom('persons').select('surname').orderBy('surname').execute()).map((r) => r.surname)
const auditLength = async () =>
  Number(
    (
      await conn.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

/** Windows-1251 bytes of Ukrainian text, as an office PC saves a CSV. */
function cp1251(text: string): Buffer {
  const special: Record<string, number> = {
    і: 0xb3,
    І: 0xb2,
    ї: 0xbf,
    Ї: 0xaf,
    є: 0xba,
    Є: 0xaa,
    ґ: 0xb4,
    Ґ: 0xa5,
  }
  return Buffer.from(
    [...text].map((ch) => {
      const c = ch.codePointAt(0)!
      if (c < 0x80) return c
      if (c >= 0x410 && c <= 0x44f) return 0xc0 + (c - 0x410)
      const b = special[ch]
      if (b === undefined) throw new Error(`no cp1251 byte for ${ch}`)
      return b
    }),
  )
}

beforeEach(async () => {
  conn = await createTestDatabase()
})
afterEach(async () => conn.close())
afterAll(dropTestTemplate)

describe('importing persons never drops one', () => {
  it('imports a new person whose id another file used, and each file again changes nothing', async () => {
    const a = 'id,surname,first_name\n1,Петренко,Іван\n'
    const b = 'id,surname,first_name\n1,Іваненко,Петро\n'
    expect(await importer().importPersons(REGISTRAR, { name: 'a.csv', content: a })).toMatchObject({
      created: 1,
    })
    expect(await importer().importPersons(REGISTRAR, { name: 'b.csv', content: b })).toMatchObject({
      created: 1,
    })
    expect(await surnames()).toEqual(['Іваненко', 'Петренко'])
    const length = await auditLength()
    expect(await importer().importPersons(REGISTRAR, { name: 'a.csv', content: a })).toMatchObject({
      created: 0,
      unchanged: 1,
    })
    expect(await importer().importPersons(REGISTRAR, { name: 'b.csv', content: b })).toMatchObject({
      created: 0,
    })
    expect(await auditLength()).toBe(length)
  })

  it('refuses an id repeated inside one file, naming both rows, and imports nothing', async () => {
    const file = 'id,surname\n1,Петренко\n2,Мельник\n1,Іваненко\n'
    await expect(importer().importPersons(REGISTRAR, { name: 'x.csv', content: file })).rejects.toMatchObject(
      {
        code: 'VALIDATION',
        issues: [
          { path: 'row 4.id', message: 'id 1 is also on row 2: each person needs an id of their own' },
        ],
      },
    )
    expect(await surnames()).toEqual([])
  })

  it('imports two identical rows without ids as two rows (each row is its own source)', async () => {
    const file = 'surname,first_name\nМельник,Андрій\nМельник,Андрій\n'
    expect(await importer().importPersons(REGISTRAR, { name: 'x.csv', content: file })).toMatchObject({
      created: 2,
    })
  })

  it('refuses a NUL in a cell naming row and column, and stores nothing', async () => {
    const file = Buffer.from('id,surname\n1,Петренко\n2,Мель\u0000ник\n', 'utf8')
    await expect(importer().importPersons(REGISTRAR, { name: 'x.csv', content: file })).rejects.toMatchObject(
      {
        issues: [{ path: 'row 3.surname', message: expect.stringContaining('NUL character') }],
      },
    )
    expect(await auditLength()).toBe(0)
  })
})

describe('file encodings', () => {
  const text = 'id,surname,first_name\n1,Ґонта,Їжак\n2,Єрмоленко,Ілля\n'

  it('reads a Windows-1251 file as the letters it holds', async () => {
    expect(decodeText(cp1251(text), 'x.csv')).toEqual({ text, encoding: 'windows-1251' })
    await importer().importPersons(REGISTRAR, { name: 'cp.csv', content: cp1251(text) })
    expect((await surnames()).sort()).toEqual(['Ґонта', 'Єрмоленко'].sort())
  })

  it('reads UTF-16 LE with a byte-order mark and UTF-16 BE without one', () => {
    const le = Buffer.from(`\ufeff${text}`, 'utf16le')
    expect(decodeText(le, 'x.csv').text.replace(/^\ufeff/, '')).toBe(text)
    const be = Buffer.from(text, 'utf16le').swap16()
    expect(decodeText(be, 'x.csv')).toEqual({ text, encoding: 'utf-16be' })
    expect(decodeText(Buffer.from(`\ufeff${text}`, 'utf8'), 'x.csv').encoding).toBe('utf-8')
  })

  it('refuses a file in no encoding it knows, naming the file, instead of reading U+FFFD', async () => {
    const garbage = Buffer.from([0x69, 0x64, 0x0a, 0x81, 0x83, 0x88, 0x8a, 0x8c, 0x90, 0x98, 0x9a, 0x0a])
    await expect(
      importer().importPersons(REGISTRAR, { name: 'odd.csv', content: garbage }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('odd.csv: the text encoding is not UTF-8, UTF-16 or Windows-1251'),
    })
  })

  it('stores a received list saved in Windows-1251 with its letters', async () => {
    const list = await lists().importList(REGISTRAR, { name: 'L', fileName: 'l.csv', content: cp1251(text) })
    const rows = await lists().listRows(list.id, 0, 10)
    expect(rows.rows.map((r) => r.surname)).toEqual(['Ґонта', 'Єрмоленко'])
  })
})

describe('spreadsheets', () => {
  it('refuses a broken XLSX as invalid input naming the file', async () => {
    const broken = Buffer.from('PK\u0003\u0004 this is not a workbook at all')
    await expect(
      lists().importList(REGISTRAR, { name: 'L', fileName: 'their-list.xlsx', content: broken }),
    ).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('their-list.xlsx') })
    expect(await auditLength()).toBe(0)
  })

  it('neutralises formula cells in every CSV and XLSX written, keeping numbers as numbers', async () => {
    expect(safeCell('=HYPERLINK("http://x","y")')).toBe(`'=HYPERLINK("http://x","y")`)
    for (const s of ['+1+1', '-1+cmd', '@SUM(A1)', '\tx', '\rx']) expect(safeCell(s)).toBe(`'${s}`)
    for (const s of ['-3.25', '12', 'Петренко', '', '1e-5']) expect(safeCell(s)).toBe(s)
    const dir = mkdtempSync(path.join(os.tmpdir(), 'parley-cells-'))
    try {
      const rows = [{ left_id: '=HYPERLINK("http://x")', match_weight: '-3.25' }]
      await writeRows(path.join(dir, 'p.csv'), 'csv', ['left_id', 'match_weight'], rows)
      expect(readFileSync(path.join(dir, 'p.csv'), 'utf8')).toBe(
        `left_id,match_weight\n"'=HYPERLINK(""http://x"")",-3.25\n`,
      )
      await writeRows(path.join(dir, 'p.xlsx'), 'xlsx', ['left_id', 'match_weight'], rows)
      const book = new ExcelJS.Workbook()
      await book.xlsx.readFile(path.join(dir, 'p.xlsx'))
      expect(book.worksheets[0]!.getRow(2).getCell(1).value).toBe(`'=HYPERLINK("http://x")`)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
