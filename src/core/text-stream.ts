import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs'
import { pipeline, Readable, Transform } from 'node:stream'
import { type Options as CsvOptions, parse } from 'csv-parse'
import { ValidationError } from './errors'
import { detectEncoding, type TextEncoding } from './text-decode'

/** A received file's bytes: a file on disk (read in pieces), or bytes or text already in memory. */
export type FileSource = { path: string } | { content: Buffer | string }

const SNIFF_BYTES = 64 * 1024
const PIECE = 1024 * 1024

function refusal(message: string) {
  return new ValidationError([{ path: 'file', message }], message)
}

/** The size of a source in bytes (a string counts as its UTF-8 bytes). */
export function sourceSize(source: FileSource): number {
  if ('path' in source) return statSync(source.path).size
  return typeof source.content === 'string' ? Buffer.byteLength(source.content) : source.content.length
}

/** The source's bytes in pieces of at most 1 MiB, without copying what is already in memory. */
export function byteStream(source: FileSource): Readable {
  if ('path' in source) return createReadStream(source.path, { highWaterMark: PIECE })
  const bytes = typeof source.content === 'string' ? Buffer.from(source.content) : source.content
  return Readable.from(
    (function* () {
      for (let at = 0; at < bytes.length; at += PIECE) yield bytes.subarray(at, at + PIECE)
    })(),
    { objectMode: false },
  )
}

function sample(source: FileSource): Buffer {
  if (!('path' in source)) {
    const bytes = typeof source.content === 'string' ? Buffer.from(source.content) : source.content
    return bytes.subarray(0, SNIFF_BYTES)
  }
  const fd = openSync(source.path, 'r')
  try {
    const buf = Buffer.alloc(SNIFF_BYTES)
    return buf.subarray(0, readSync(fd, buf, 0, SNIFF_BYTES, 0))
  } finally {
    closeSync(fd)
  }
}

/**
 * A received text file as a stream of text, decoded as it is read. Offices save in UTF-8, UTF-16
 * or Windows-1251: the encoding is judged on the first 64 KiB and the rest decoded strictly, so a
 * broken character anywhere refuses the file, naming it, instead of turning letters into U+FFFD.
 * `onBytes` sees every piece of the raw bytes (for a hash, or a progress bar).
 * @throws ValidationError naming the file, at once for an unknown encoding, or from the stream
 */
export function textStream(
  source: FileSource,
  fileName: string,
  onBytes?: (piece: Buffer) => void,
): { encoding: TextEncoding; text: Readable } {
  if (!('path' in source) && typeof source.content === 'string') {
    // already text: nothing to detect; its bytes are those of its UTF-8 form
    const content = source.content
    const pieces = function* () {
      onBytes?.(Buffer.from(content))
      yield content
    }
    return { encoding: 'utf-8', text: Readable.from(pieces(), { objectMode: false }) }
  }
  const head = sample(source)
  const encoding = detectEncoding(head, fileName, head.length < sourceSize(source))
  const decoder = new TextDecoder(encoding, { fatal: true })
  const broken = () =>
    refusal(`${fileName}: not readable as ${encoding.toUpperCase()} text (a broken character)`)
  const decode = new Transform({
    decodeStrings: true,
    transform(piece: Buffer, _enc, done) {
      onBytes?.(piece)
      try {
        done(null, decoder.decode(piece, { stream: true }))
      } catch {
        done(broken())
      }
    },
    flush(done) {
      try {
        done(null, decoder.decode())
      } catch {
        done(broken())
      }
    },
  })
  return { encoding, text: pipeline(byteStream(source), decode, () => {}) }
}

/**
 * The records of a CSV file, read as a stream (the file is never held whole), each with its row
 * number (the first record being row 1). A file that is not CSV is refused naming the row.
 * @throws ValidationError naming the file or the row
 */
export async function* csvRecords(
  source: FileSource,
  fileName: string,
  options: CsvOptions & { onBytes?: (piece: Buffer) => void } = {},
): AsyncGenerator<{ row: number; cells: string[] }> {
  const { onBytes, ...csv } = options
  const { text } = textStream(source, fileName, onBytes)
  const parser = parse({ bom: true, skip_empty_lines: true, ...csv })
  // an error in reading or decoding ends the parser with that error, and the loop below throws it
  pipeline(text, parser, () => {})
  let row = 0
  try {
    for await (const cells of parser) {
      row++
      yield { row, cells: cells as string[] }
    }
  } catch (e) {
    if (e instanceof ValidationError) throw e
    const line = (e as { lines?: number }).lines
    throw new ValidationError([
      {
        path: line ? `row ${line}` : 'file',
        message: `not a readable CSV file: ${(e as Error).message}`,
      },
    ])
  } finally {
    parser.destroy()
  }
}
