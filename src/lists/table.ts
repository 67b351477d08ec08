import path from 'node:path'
import { parse } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import { ValidationError } from '../core/errors'
import { decodeText, refuseUnstorableCells } from '../core/text-decode'

/** A small received file as rows of text under a header: CSV, XLSX (first sheet) or JSON lines. */
export async function readTable(
  fileName: string,
  content: Buffer,
): Promise<{ header: string[]; rows: string[][] }> {
  const ext = path.extname(fileName).toLowerCase()
  let all: string[][]
  if (ext === '.csv') {
    // an office's UTF-16 or Windows-1251 file is read as such, or refused naming the file
    const text = decodeText(content, fileName).text
    try {
      all = parse(text, {
        bom: true,
        relax_column_count: true,
        skip_empty_lines: true,
      }) as string[][]
    } catch (err) {
      throw bad(`${fileName}: ${(err as Error).message}`)
    }
  } else if (ext === '.xlsx') {
    const book = new ExcelJS.Workbook()
    try {
      await book.xlsx.load(content as unknown as ArrayBuffer)
    } catch {
      throw bad(`${fileName}: not a readable XLSX workbook`)
    }
    all = []
    book.worksheets[0]?.eachRow((row) => {
      all.push((row.values as unknown[]).slice(1).map(cellText))
    })
  } else if (ext === '.jsonl' || ext === '.ndjson') {
    const docs = decodeText(content, fileName)
      .text.split('\n')
      .filter((l) => l.trim())
      .map((l, i) => {
        try {
          return JSON.parse(l) as Record<string, unknown>
        } catch {
          throw bad(`${fileName} line ${i + 1}: not JSON`)
        }
      })
    // every key any line uses, in the order first met: a later line may carry a field the first lacks
    const header = [...new Set(docs.flatMap((d) => Object.keys(d)))]
    all = [header, ...docs.map((d) => header.map((h) => (d[h] == null ? '' : String(d[h]))))]
  } else throw bad(`${fileName}: use a .csv, .xlsx or .jsonl file`)
  const [header, ...rows] = all
  if (!header) throw bad(`${fileName}: the file is empty`)
  refuseUnstorableCells(fileName, header, rows)
  return { header: header.map((h) => h.trim()), rows }
}

function bad(message: string) {
  return new ValidationError([{ path: 'file', message }], message)
}

/** A spreadsheet cell as the text a person sees in it. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return ''
  if (v instanceof Date) return v.toISOString().slice(0, 10)
  if (typeof v === 'object' && 'text' in (v as object)) return String((v as { text: unknown }).text)
  if (typeof v === 'object' && 'result' in (v as object)) return String((v as { result: unknown }).result)
  return String(v)
}
