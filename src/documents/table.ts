/**
 * A printable table document, already in the reader's language: the shape both the PDF and the
 * XLSX writer take. The exchange lists, the handover report and later the capture cards and the
 * dashboard reports fill it; the writers know nothing of what the rows mean.
 */
export type Column = {
  label: string
  /** share of the page's width, relative to the other columns */
  width: number
  align?: 'left' | 'right' | 'center'
}

export type Cell = string | number

export type TableSection = {
  /** printed above the table; also the worksheet's name in the XLSX (cut to 31 characters) */
  heading: string
  columns: Column[]
  rows: Cell[][]
}

export type TableDocument = {
  title: string
  subtitle?: string
  /** lines under the title: who the document is for, the exchange, the round */
  headerLines: string[]
  sections: TableSection[]
  /** blank lines to sign, one per person who signs (for both sides and the mediator) */
  signatures: string[]
  /** "Generated on …": the moment the document was made, in words */
  generatedAt: string
  /** "page 3 of 12" in the document's language */
  pageOf: (page: number, pages: number) => string
  /** the name of the XLSX's first sheet, which carries the title and header lines */
  coverSheet: string
  /** the label before the signature line ("Signature") */
  signatureLabel: string
}
