import { ValidationError } from './errors'
import { unstorableReason } from './storable-text'

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1251'

/** Letters and the usual punctuation of Windows-1251 above 0x7F: Cyrillic, Ёё Іі Її Єє Ґґ, №, dashes, quotes. */
function isCp1251Text(byte: number): boolean {
  return (
    byte >= 0xc0 ||
    [
      0xa8, 0xb8, 0xb2, 0xb3, 0xaf, 0xbf, 0xaa, 0xba, 0xa5, 0xb4, 0xb9, 0x96, 0x97, 0xab, 0xbb, 0xa0, 0x93,
      0x94, 0x84, 0x85,
    ].includes(byte)
  )
}

/** UTF-16 without a byte-order mark: Latin and Cyrillic text puts a zero (or 0x04) in every other byte. */
function guessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length - (bytes.length % 2), 4096)
  if (n < 4) return null
  let zeroOdd = 0
  let zeroEven = 0
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) zeroEven++
    if (bytes[i + 1] === 0) zeroOdd++
  }
  const pairs = n / 2
  if (zeroOdd > pairs * 0.3 && zeroEven < pairs * 0.05) return 'utf-16le'
  if (zeroEven > pairs * 0.3 && zeroOdd < pairs * 0.05) return 'utf-16be'
  return null
}

function decodeStrict(bytes: Uint8Array, encoding: TextEncoding, partial = false): string | null {
  try {
    // `stream` lets a sample cut in the middle of a character decode as far as it goes
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes, { stream: partial })
  } catch {
    return null
  }
}

function refusal(fileName: string, why: string) {
  return new ValidationError([{ path: 'file', message: `${fileName}: ${why}` }], `${fileName}: ${why}`)
}

/**
 * The encoding a received text file was saved in: UTF-8, UTF-16 LE or BE (with or without a
 * byte-order mark) or Windows-1251. `partial` says `bytes` is only the file's beginning (a
 * streamed file is judged by its first part and decoded strictly after that).
 * @throws ValidationError naming the file, when it is none of these
 */
export function detectEncoding(bytes: Uint8Array, fileName: string, partial = false): TextEncoding {
  let encoding: TextEncoding | null = null
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) encoding = 'utf-8'
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) encoding = 'utf-16le'
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) encoding = 'utf-16be'
  else encoding = guessUtf16(bytes)
  if (encoding) {
    if (decodeStrict(bytes, encoding, partial) === null)
      throw refusal(fileName, `not readable as ${encoding.toUpperCase()} text (a broken character)`)
    return encoding
  }
  if (decodeStrict(bytes, 'utf-8', partial) !== null) return 'utf-8'
  let high = 0
  let letters = 0
  for (const b of bytes) {
    if (b < 0x80) continue
    high++
    if (isCp1251Text(b)) letters++
  }
  if (letters >= high * 0.9 && decodeStrict(bytes, 'windows-1251', partial) !== null) return 'windows-1251'
  throw refusal(
    fileName,
    'the text encoding is not UTF-8, UTF-16 or Windows-1251; save the file as UTF-8 and send it again',
  )
}

/**
 * Reads a received text file (a CSV) in whatever encoding its office saved it. A file that is none
 * of the known encodings is refused rather than read with U+FFFD in place of letters: a name with
 * its letters replaced is a person no one will find.
 * @throws ValidationError naming the file
 */
export function decodeText(bytes: Uint8Array, fileName: string): { text: string; encoding: TextEncoding } {
  const encoding = detectEncoding(bytes, fileName)
  const text = decodeStrict(bytes, encoding)
  if (text === null)
    throw refusal(fileName, `not readable as ${encoding.toUpperCase()} text (a broken character)`)
  return { text, encoding }
}

/**
 * Refuses a table read from a received file when a cell holds text the database cannot store
 * (NUL, half of a character), naming the file, row (the header being row 1) and column.
 * @throws ValidationError naming up to 100 cells
 */
export function refuseUnstorableCells(fileName: string, header: string[], rows: string[][]): void {
  const issues: { path: string; message: string }[] = []
  const check = (cells: string[], row: number) => {
    cells.forEach((cell, k) => {
      const why = issues.length < 100 ? unstorableReason(cell) : null
      if (why) issues.push({ path: `row ${row}.${header[k] || `column ${k + 1}`}`, message: why })
    })
  }
  check(header, 1)
  for (const [i, cells] of rows.entries()) check(cells, i + 2)
  if (issues.length > 0)
    throw new ValidationError(
      issues,
      `${fileName}: ${issues[0]!.path} ${issues[0]!.message}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''}; nothing was stored`,
    )
}
