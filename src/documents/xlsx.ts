import { PassThrough, type Writable } from 'node:stream'
import ExcelJS from 'exceljs'
import { safeCell } from '../core/safe-cell'
import type { Cell, TableDocument } from './table'

/**
 * The document as a workbook, written row by row with exceljs' streaming writer: a first sheet
 * with the title, header lines, generated-at line and signature lines, then one sheet per
 * section with its column labels as the first row, bold and frozen. Every text cell goes through
 * safeCell: names come from the other side's lists, and `=HYPERLINK(...)` is a formula to Excel.
 */
export async function writeXlsx(doc: TableDocument, out: Writable): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useSharedStrings: false,
    // without styles the header row's bold would be dropped
    useStyles: true,
  })
  workbook.creator = 'Parley'
  workbook.title = doc.title

  const used = new Set<string>()
  const cover = workbook.addWorksheet(sheetName(doc.coverSheet, used))
  cover.columns = [{ width: 60 }, { width: 40 }]
  const title = cover.addRow([safeCell(doc.title)])
  title.font = { bold: true, size: 14 }
  title.commit()
  for (const line of [doc.subtitle ?? '', ...doc.headerLines, doc.generatedAt])
    if (line) cover.addRow([safeCell(line)]).commit()
  cover.addRow([]).commit()
  for (const who of doc.signatures)
    cover.addRow([safeCell(who), `${doc.signatureLabel}: ____________`]).commit()
  cover.commit()

  for (const section of doc.sections) {
    const sheet = workbook.addWorksheet(sheetName(section.heading, used), {
      views: [{ state: 'frozen', ySplit: 1 }],
    })
    sheet.columns = section.columns.map((c) => ({ width: Math.max(8, Math.round(c.width * 1.6)) }))
    const header = sheet.addRow(section.columns.map((c) => safeCell(c.label)))
    header.font = { bold: true }
    header.commit()
    for (const row of section.rows) sheet.addRow(row.map(cellOf)).commit()
    sheet.commit()
  }
  await workbook.commit()
}

/** The workbook in memory, for an HTTP response of known length. */
export async function renderXlsx(doc: TableDocument): Promise<Buffer> {
  const out = new PassThrough()
  const chunks: Buffer[] = []
  out.on('data', (c: Buffer) => chunks.push(c))
  const ended = new Promise<void>((resolve, reject) => {
    out.on('end', resolve)
    out.on('error', reject)
  })
  await writeXlsx(doc, out)
  await ended
  return Buffer.concat(chunks)
}

const cellOf = (c: Cell) => (typeof c === 'number' ? c : safeCell(c))

/** A worksheet name Excel accepts: no []:*?/\, at most 31 characters, unique in the workbook. */
function sheetName(wanted: string, used: Set<string>): string {
  const base =
    wanted
      .replace(/[[\]:*?/\\]/g, ' ')
      .trim()
      .slice(0, 28) || 'Sheet'
  let name = base
  for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base} ${n}`
  used.add(name.toLowerCase())
  return name
}
