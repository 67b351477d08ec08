import { createRequire } from 'node:module'
import type { Cell, Column, TableDocument } from './table'

/**
 * DejaVu Sans Condensed (Bitstream Vera licence, from the dejavu-fonts-ttf package): it covers
 * Ukrainian and Russian Cyrillic (і ї є ґ ё ъ ы) and Latin with diacritics, and a fresh server has
 * no system fonts to rely on. pdfkit embeds only the glyphs used, so a file stays small.
 */
const require = createRequire(import.meta.url)
const FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSansCondensed.ttf')
const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSansCondensed-Bold.ttf')

const MARGIN = 36
const FOOTER = 24
const PAD = 2.5
const SIZE = { title: 15, subtitle: 11, line: 9, heading: 11, cell: 8.5, footer: 8 }

/**
 * The document as a PDF: A4 landscape, title, subtitle and header lines on the first page, each
 * section a table whose column header row is repeated on every page it runs over, the signature
 * lines at the end, and on every page the generated-at line and "page N of M". Written with
 * pdfkit (not pdfmake): a table of thousands of rows is drawn row by row in one pass, where
 * pdfmake lays the whole document tree out in memory first.
 */
export async function renderPdf(doc: TableDocument): Promise<Buffer> {
  // loaded on first use: half a second of start-up that no other command should pay
  const { default: PDFDocument } = await import('pdfkit')
  const pdf = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margins: { top: MARGIN, bottom: MARGIN + FOOTER, left: MARGIN, right: MARGIN },
    // every page is kept until the end so that "of M" can be written on each
    bufferPages: true,
    info: { Title: doc.title, Subject: doc.subtitle ?? '', Creator: 'Parley' },
  })
  const chunks: Buffer[] = []
  pdf.on('data', (c: Buffer) => chunks.push(c))
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)))
    pdf.on('error', reject)
  })
  pdf.registerFont('text', FONT)
  pdf.registerFont('bold', FONT_BOLD)

  const left = pdf.page.margins.left
  const width = pdf.page.width - left - pdf.page.margins.right
  pdf.font('bold').fontSize(SIZE.title).text(doc.title, { width })
  if (doc.subtitle) pdf.font('text').fontSize(SIZE.subtitle).text(doc.subtitle, { width })
  pdf.moveDown(0.3).font('text').fontSize(SIZE.line)
  for (const line of doc.headerLines) pdf.text(line, { width })

  for (const section of doc.sections) {
    pdf.moveDown(0.8)
    ensureRoom(pdf, 60)
    pdf.font('bold').fontSize(SIZE.heading).text(section.heading, left, pdf.y, { width })
    pdf.moveDown(0.3)
    drawTable(pdf, section.columns, section.rows, left, width)
  }

  if (doc.signatures.length > 0) {
    pdf.moveDown(1.5)
    for (const who of doc.signatures) {
      ensureRoom(pdf, 40)
      const y = pdf.y + 18
      pdf
        .font('text')
        .fontSize(SIZE.line)
        .text(who, left, y, { width: width * 0.45 })
      const x = left + width * 0.5
      pdf.text(doc.signatureLabel, x, y, { width: width * 0.5 })
      pdf
        .moveTo(x, y + 22)
        .lineTo(left + width, y + 22)
        .lineWidth(0.5)
        .stroke()
      pdf.y = y + 28
    }
  }

  writeFooters(pdf, doc)
  pdf.end()
  return done
}

type Pdf = PDFKit.PDFDocument

function bottomOf(pdf: Pdf) {
  return pdf.page.height - pdf.page.margins.bottom
}

function ensureRoom(pdf: Pdf, height: number) {
  if (pdf.y + height > bottomOf(pdf)) pdf.addPage()
}

function drawTable(pdf: Pdf, columns: Column[], rows: Cell[][], left: number, width: number) {
  const total = columns.reduce((s, c) => s + c.width, 0)
  const widths = columns.map((c) => (c.width / total) * width)
  const xs = widths.map((_, i) => left + widths.slice(0, i).reduce((s, w) => s + w, 0))
  // most cells fit on one line: measuring the width alone, and writing such a cell without the
  // line wrapper, is several times faster than laying every cell out (thousands of rows)
  const layout = (cells: string[], font: string) => {
    pdf.font(font).fontSize(SIZE.cell)
    const line = pdf.currentLineHeight(true)
    const fits = cells.map((t, i) => pdf.widthOfString(t) <= widths[i]! - 2 * PAD)
    const heights = cells.map((t, i) =>
      fits[i] ? line : pdf.heightOfString(t, { width: widths[i]! - 2 * PAD }),
    )
    return { fits, height: Math.max(line, ...heights) + 2 * PAD }
  }
  const drawRow = (
    cells: string[],
    y: number,
    row: ReturnType<typeof layout>,
    font: string,
    shade: boolean,
  ) => {
    const h = row.height
    if (shade) pdf.rect(left, y, width, h).fill('#eeeeee')
    pdf.fillColor('black').font(font).fontSize(SIZE.cell)
    cells.forEach((t, i) => {
      if (t === '') return
      const align = columns[i]!.align ?? 'left'
      const room = widths[i]! - 2 * PAD
      if (row.fits[i] && align === 'left') pdf.text(t, xs[i]! + PAD, y + PAD, { lineBreak: false })
      else pdf.text(t, xs[i]! + PAD, y + PAD, { width: room, align })
    })
    pdf
      .moveTo(left, y + h)
      .lineTo(left + width, y + h)
      .lineWidth(0.3)
      .strokeColor('#999999')
      .stroke()
      .strokeColor('black')
  }
  const header = columns.map((c) => c.label)
  const headerLayout = layout(header, 'bold')
  const drawHeader = () => {
    const y = pdf.y
    drawRow(header, y, headerLayout, 'bold', true)
    pdf.y = y + headerLayout.height
  }
  ensureRoom(pdf, headerLayout.height * 2)
  drawHeader()
  for (const row of rows) {
    const cells = row.map(String)
    const laid = layout(cells, 'text')
    if (pdf.y + laid.height > bottomOf(pdf)) {
      pdf.addPage()
      drawHeader()
    }
    const y = pdf.y
    drawRow(cells, y, laid, 'text', false)
    pdf.y = y + laid.height
  }
  pdf.x = left
}

/** The generated-at line and "page N of M" on every page, in the bottom margin. */
function writeFooters(pdf: Pdf, doc: TableDocument) {
  const { start, count } = pdf.bufferedPageRange()
  for (let i = start; i < start + count; i++) {
    pdf.switchToPage(i)
    const bottom = pdf.page.margins.bottom
    // writing inside the margin would make pdfkit open a new page
    pdf.page.margins.bottom = 0
    const y = pdf.page.height - MARGIN - FOOTER / 2
    const left = pdf.page.margins.left
    const width = pdf.page.width - left - pdf.page.margins.right
    pdf.font('text').fontSize(SIZE.footer).fillColor('#333333')
    pdf.text(`${doc.title} · ${doc.generatedAt}`, left, y, { width: width * 0.75, lineBreak: false })
    pdf.text(doc.pageOf(i - start + 1, count), left + width * 0.75, y, {
      width: width * 0.25,
      align: 'right',
      lineBreak: false,
    })
    pdf.page.margins.bottom = bottom
  }
  pdf.fillColor('black')
}
