import { closeSync, createReadStream, existsSync, openSync, readSync, statSync } from 'node:fs'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { Transform } from 'node:stream'
import { parse } from 'csv-parse'
import ExcelJS from 'exceljs'
import { ValidationError } from '../core/errors'
import { detectEncoding } from '../core/text-decode'
import { cellText } from '../lists/table'
import { badInput, type HeaderMap, type LinkRecord, mapLinkHeader, recordFromRow } from './record'

export type ReadOptions = {
  /** columns to hand back beside the records (a truth column, say), by header */
  extraColumns?: string[]
  /** called now and then with the bytes (CSV, JSON lines) or rows (XLSX) read so far */
  onProgress?: (done: number, total: number) => void
}

export type ReadResult = {
  records: LinkRecord[]
  /** headers the engine does not use: kept in the file, ignored here */
  ignored: string[]
  warnings: string[]
  extras: Record<string, string[]>
}

/**
 * Reads a CSV, XLSX or JSON-lines file of persons for linkage, recognising columns by header in
 * English, Ukrainian or Russian. A row without an id is an error naming the row: pairs must point
 * back to rows a person can find.
 */
export async function readLinkFile(file: string, o: ReadOptions = {}): Promise<ReadResult> {
  if (!existsSync(file)) throw badInput(`${file}: no such file`)
  const ext = path.extname(file).toLowerCase()
  const rows =
    ext === '.csv'
      ? csvRows(file, o.onProgress)
      : ext === '.xlsx'
        ? xlsxRows(file)
        : ext === '.jsonl' || ext === '.ndjson'
          ? jsonLines(file, o.onProgress)
          : null
  if (!rows) throw badInput(`${file}: unknown format (use .csv, .xlsx or .jsonl)`)
  const name = path.basename(file)
  let map: HeaderMap | undefined
  let extraAt: number[] = []
  const out: ReadResult = { records: [], ignored: [], warnings: [], extras: {} }
  const ids = new Set<string>()
  let line = 1
  for await (const values of rows) {
    if (!map) {
      map = mapLinkHeader(values, name)
      out.ignored = map.ignored
      extraAt = (o.extraColumns ?? []).map((c) => values.indexOf(c))
      for (const c of o.extraColumns ?? []) out.extras[c] = []
      continue
    }
    line++
    const { record, warning } = recordFromRow(values, map)
    if (!record.id && values.every((v) => v.trim() === '')) continue
    if (!record.id) throw badInput(`${name} row ${line}: id is empty`)
    if (ids.has(record.id)) throw badInput(`${name} row ${line}: id ${record.id} appears twice`)
    ids.add(record.id)
    if (warning && out.warnings.length < 100) out.warnings.push(`${name} row ${line}: ${warning}`)
    out.records.push(record)
    ;(o.extraColumns ?? []).forEach((c, k) => {
      out.extras[c]!.push(extraAt[k]! >= 0 ? (values[extraAt[k]!] ?? '') : '')
    })
  }
  if (!map) throw badInput(`${name}: the file is empty`)
  return out
}

const SNIFF_BYTES = 64 * 1024

/**
 * The file as a stream of text that reports the bytes read so far, for a progress bar. Lists come
 * from offices that save in UTF-8, UTF-16 or Windows-1251: the encoding is judged on the first
 * 64 KiB and the rest decoded strictly, so a broken character anywhere refuses the file, naming
 * it, instead of turning letters into U+FFFD.
 */
function readWithProgress(file: string, onProgress?: (done: number, total: number) => void) {
  const total = statSync(file).size
  const name = path.basename(file)
  const sample = Buffer.alloc(Math.min(total, SNIFF_BYTES))
  const fd = openSync(file, 'r')
  try {
    readSync(fd, sample, 0, sample.length, 0)
  } finally {
    closeSync(fd)
  }
  let encoding: ReturnType<typeof detectEncoding>
  try {
    encoding = detectEncoding(sample, name, sample.length < total)
  } catch (err) {
    throw err instanceof ValidationError ? badInput(err.message) : err
  }
  const decoder = new TextDecoder(encoding, { fatal: true })
  const broken = () =>
    badInput(`${name}: not readable as ${encoding.toUpperCase()} text (a broken character)`)
  let bytes = 0
  const text = new Transform({
    readableObjectMode: false,
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length
      onProgress?.(bytes, total)
      try {
        done(null, decoder.decode(chunk, { stream: true }))
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
  return createReadStream(file).pipe(text)
}

async function* csvRows(file: string, onProgress?: (done: number, total: number) => void) {
  const input = readWithProgress(file, onProgress)
  const parser = input.pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true }))
  input.on('error', (err) => parser.destroy(err))
  try {
    for await (const row of parser) yield row as string[]
  } catch (err) {
    if ((err as { code?: string }).code === 'VALIDATION') throw err
    throw badInput(`${path.basename(file)}: ${(err as Error).message}`)
  }
}

async function* jsonLines(file: string, onProgress?: (done: number, total: number) => void) {
  const input = readWithProgress(file, onProgress)
  let header: string[] | undefined
  let n = 0
  for await (const line of createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })) {
    n++
    if (!line.trim()) continue
    let doc: Record<string, unknown>
    try {
      doc = JSON.parse(line)
    } catch {
      throw badInput(`${path.basename(file)} line ${n}: not JSON`)
    }
    if (!header) {
      header = Object.keys(doc)
      yield header
    }
    yield header.map((h) => (doc[h] === null || doc[h] === undefined ? '' : String(doc[h])))
  }
}

async function* xlsxRows(file: string) {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', worksheets: 'emit' })
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const values = (row.values as unknown[]).slice(1)
        yield values.map(cellText)
      }
      break // the first sheet holds the list
    }
  } catch (err) {
    throw badInput(`${path.basename(file)}: not a readable spreadsheet (${(err as Error).message})`)
  }
}
