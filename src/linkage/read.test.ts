import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { readLinkFile } from './read'

const dir = mkdtempSync(path.join(tmpdir(), 'parley-read-'))
const csv = 'id,surname,first_name,date_of_birth\n1,Петренко,Іван,1990-01-02\n2,Шевчук,Олена,1991-03-04\n'

function file(name: string, bytes: Uint8Array | string) {
  const p = path.join(dir, name)
  writeFileSync(p, bytes)
  return p
}

/** Windows-1251 bytes of a string of ASCII and Ukrainian Cyrillic letters. */
function cp1251(text: string): Uint8Array {
  const extra: Record<string, number> = {
    І: 0xb2,
    і: 0xb3,
    Ї: 0xaf,
    ї: 0xbf,
    Є: 0xaa,
    є: 0xba,
    Ґ: 0xa5,
    ґ: 0xb4,
  }
  return Uint8Array.from(
    [...text].map((ch) => {
      const c = ch.codePointAt(0)!
      if (c < 0x80) return c
      if (extra[ch] !== undefined) return extra[ch]!
      return c - 0x410 + 0xc0 // А..я
    }),
  )
}

describe('reading a list for linkage in the encoding its office saved', () => {
  it('reads Windows-1251 and UTF-16 files as the letters they hold', async () => {
    for (const [name, bytes] of [
      ['cp1251.csv', cp1251(csv)],
      ['utf16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv, 'utf16le')])],
      ['utf8bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv, 'utf8')])],
    ] as const) {
      const { records } = await readLinkFile(file(name, bytes))
      expect(
        records.map((r) => r.surname),
        name,
      ).toEqual(['Петренко', 'Шевчук'])
      expect(records[0]!.givenName, name).toBe('Іван')
    }
  })

  it('refuses a file in no known encoding, naming it, instead of reading U+FFFD', async () => {
    const bytes = Buffer.from('id,surname\n1,\x81\x83\x88\x98\x81\x83\n', 'latin1')
    await expect(readLinkFile(file('mystery.csv', bytes))).rejects.toMatchObject({
      code: 'VALIDATION',
      message: /mystery\.csv: .*encoding/,
    })
  })

  it('refuses a broken spreadsheet as invalid input naming the file', async () => {
    await expect(readLinkFile(file('broken.xlsx', 'this is not a zip file'))).rejects.toMatchObject({
      code: 'VALIDATION',
      message: /broken\.xlsx/,
    })
  })
})
