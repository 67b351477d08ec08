import { once } from 'node:events'
import { createRequire } from 'node:module'
import type { Writable } from 'node:stream'
import ExcelJS from 'exceljs'
import { safeCell } from '../core/safe-cell'
import type { Cell } from './columns'
import type { ExportFormat } from './model'

/** What every writer is told besides the rows: the title line and the column headings. */
export type TableHead = {
  title: string
  /** the filters and the moment, in words, under the title */
  subtitle: string
  columns: { label: string; width: number; align?: 'left' | 'right' }[]
  /** "page 3" in the reader's language */
  pageLabel: (page: number) => string
}

/**
 * A writer that takes rows as they are read and writes them on at once: nothing holds the whole
 * list, so a 100,000-row export costs the memory of one page of rows and the writer's own buffer.
 */
export type TableWriter = { rows: (rows: Cell[][]) => Promise<void>; end: () => Promise<void> }

export function tableWriter(format: ExportFormat, head: TableHead, out: Writable): Promise<TableWriter> {
  if (format === 'csv') return csvWriter(head, out)
  if (format === 'xlsx') return xlsxWriter(head, out)
  return pdfWriter(head, out)
}

/** The Content-Type of each format. */
export const MEDIA_TYPE: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
}

/**
 * RFC 4180 quoting (a field with a comma, quote or line break is quoted, quotes doubled) and a
 * formula guard: a cell starting with = + - @ is a formula to a spreadsheet (safeCell).
 */
export function csvField(cell: Cell): string {
  if (cell === null) return ''
  if (typeof cell === 'number') return String(cell)
  const text = safeCell(cell)
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

async function write(out: Writable, text: string) {
  // waits when the reader is slower than the database: memory stays at one page of rows
  if (!out.write(text)) await once(out, 'drain')
}

async function csvWriter(head: TableHead, out: Writable): Promise<TableWriter> {
  // a byte-order mark, so that Excel opens UTF-8 Cyrillic as Cyrillic and not as mojibake
  await write(out, `\uFEFF${head.columns.map((c) => csvField(c.label)).join(',')}\r\n`)
  return {
    rows: async (rows) => {
      if (rows.length > 0) await write(out, rows.map((r) => `${r.map(csvField).join(',')}\r\n`).join(''))
    },
    end: async () => {
      out.end()
      await once(out, 'finish')
    },
  }
}

async function xlsxWriter(head: TableHead, out: Writable): Promise<TableWriter> {
  // the streaming writer: each committed row is zipped and written out, not kept (inline strings,
  // since a shared-string table would hold every distinct name until the end)
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useSharedStrings: false,
    useStyles: true,
  })
  workbook.creator = 'Parley'
  workbook.title = head.title
  const sheet = workbook.addWorksheet(head.title.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = head.columns.map((c) => ({ width: Math.max(8, Math.round(c.width * 1.6)) }))
  const top = sheet.addRow(head.columns.map((c) => safeCell(c.label)))
  top.font = { bold: true }
  top.commit()
  return {
    rows: async (rows) => {
      for (const r of rows) sheet.addRow(r.map((c) => (typeof c === 'string' ? safeCell(c) : c))).commit()
    },
    end: async () => {
      sheet.commit()
      const done = once(out, 'finish')
      await workbook.commit()
      await done
    },
  }
}

const require = createRequire(import.meta.url)
// DejaVu Sans Condensed: covers Ukrainian and Russian Cyrillic; the same font the exchange documents embed
const FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSansCondensed.ttf')
const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSansCondensed-Bold.ttf')
const MARGIN = 30
const CELL = 7.5
const PAD = 2

/**
 * A printable list: A4 landscape, the title and filters on top, the column headings repeated on
 * every page, "page N" at the foot. Pages are written as they fill (no "of M": that would keep
 * every page until the end, which a 100,000-row list cannot afford); a value too wide for its
 * column is cut with an ellipsis, so every row is one line and a page holds a known number.
 */
async function pdfWriter(head: TableHead, out: Writable): Promise<TableWriter> {
  const { default: PDFDocument } = await import('pdfkit')
  const pdf = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    info: { Title: head.title, Creator: 'Parley' },
  })
  pdf.pipe(out)
  pdf.registerFont('text', FONT)
  pdf.registerFont('bold', FONT_BOLD)
  const left = MARGIN
  const width = pdf.page.width - 2 * MARGIN
  const total = head.columns.reduce((s, c) => s + c.width, 0)
  const widths = head.columns.map((c) => (c.width / total) * width)
  const xs = widths.map((_, i) => left + widths.slice(0, i).reduce((s, w) => s + w, 0))
  pdf.font('text').fontSize(CELL)
  const lineHeight = pdf.currentLineHeight(true) + 2 * PAD
  const bottom = pdf.page.height - MARGIN - 14
  let page = 1

  const fit = (text: string, room: number) => {
    if (pdf.widthOfString(text) <= room) return text
    let cut = text
    while (cut.length > 1 && pdf.widthOfString(`${cut}…`) > room) cut = cut.slice(0, -1)
    return `${cut}…`
  }
  const line = (cells: string[], font: 'text' | 'bold', shade: boolean) => {
    const y = pdf.y
    if (shade) pdf.rect(left, y, width, lineHeight).fill('#eeeeee')
    pdf.fillColor('black').font(font).fontSize(CELL)
    cells.forEach((t, i) => {
      if (!t) return
      const room = widths[i]! - 2 * PAD
      const shown = fit(t, room)
      const x =
        head.columns[i]!.align === 'right' ? xs[i]! + PAD + room - pdf.widthOfString(shown) : xs[i]! + PAD
      pdf.text(shown, x, y + PAD, { lineBreak: false })
    })
    pdf
      .moveTo(left, y + lineHeight)
      .lineTo(left + width, y + lineHeight)
      .lineWidth(0.3)
      .strokeColor('#999999')
      .stroke()
    pdf.y = y + lineHeight
  }
  const footer = () => {
    pdf.font('text').fontSize(7).fillColor('#333333')
    pdf.text(`${head.title} · ${head.pageLabel(page)}`, left, pdf.page.height - MARGIN - 8, {
      lineBreak: false,
    })
    pdf.fillColor('black')
    pdf.y = MARGIN
  }
  const headings = head.columns.map((c) => c.label)

  pdf.font('bold').fontSize(13).text(head.title, left, MARGIN, { width })
  pdf.font('text').fontSize(8).text(head.subtitle, { width })
  pdf.moveDown(0.5)
  footer()
  pdf.y = MARGIN + 40
  line(headings, 'bold', true)

  return {
    rows: async (rows) => {
      for (const r of rows) {
        if (pdf.y + lineHeight > bottom) {
          pdf.addPage()
          page++
          footer()
          line(headings, 'bold', true)
        }
        line(
          r.map((c) => (c === null ? '' : String(c))),
          'text',
          false,
        )
      }
      if (out.writableNeedDrain) await once(out, 'drain')
    },
    end: async () => {
      const done = once(out, 'finish')
      pdf.end()
      await done
    },
  }
}
