import { once } from 'node:events'
import { createWriteStream } from 'node:fs'
import { stringify } from 'csv-stringify/sync'
import ExcelJS from 'exceljs'
import { safeCell } from '../core/safe-cell'

export const FORMATS = ['csv', 'xlsx', 'jsonl'] as const
export type Format = (typeof FORMATS)[number]

type Row = Record<string, string>

/**
 * Writes rows to `file` in one format, streaming, so a million-row scenario never sits in memory
 * as text. Every CSV and XLSX cell goes through `safeCell`, so no cell is a formula.
 * `onRow` is called every 1,000 rows with the count so far (for a progress bar).
 */
export async function writeRows(
  file: string,
  format: Format,
  columns: string[],
  rows: Iterable<Row>,
  onRow?: (done: number) => void,
): Promise<number> {
  if (format === 'xlsx') return writeXlsx(file, columns, rows, onRow)
  const out = createWriteStream(file)
  let n = 0
  let chunk: string[][] = []
  const flush = async () => {
    if (chunk.length === 0) return
    const text =
      format === 'csv'
        ? stringify(chunk)
        : `${chunk.map((r) => JSON.stringify(Object.fromEntries(columns.map((c, i) => [c, r[i]])))).join('\n')}\n`
    chunk = []
    if (!out.write(text)) await once(out, 'drain')
  }
  if (format === 'csv') out.write(stringify([columns]))
  for (const row of rows) {
    // JSON lines are data, not a spreadsheet: only CSV cells are neutralised
    chunk.push(columns.map((c) => (format === 'csv' ? safeCell(row[c] ?? '') : (row[c] ?? ''))))
    n++
    if (chunk.length === 1000) {
      await flush()
      onRow?.(n)
    }
  }
  await flush()
  onRow?.(n)
  out.end()
  await once(out, 'finish')
  return n
}

async function writeXlsx(
  file: string,
  columns: string[],
  rows: Iterable<Row>,
  onRow?: (done: number) => void,
) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false })
  const sheet = workbook.addWorksheet('records')
  sheet.addRow(columns).commit()
  let n = 0
  for (const row of rows) {
    sheet.addRow(columns.map((c) => safeCell(row[c] ?? ''))).commit()
    n++
    if (n % 1000 === 0) onRow?.(n)
  }
  sheet.commit()
  await workbook.commit()
  onRow?.(n)
  return n
}
