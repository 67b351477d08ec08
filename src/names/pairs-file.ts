import type { FieldIssue } from '../core/errors'

/**
 * A file of name pairs to score in one run (`parley names compare --pairs FILE.tsv`): tab-separated,
 * a header naming the columns `a` and `b` (others, such as a label, are carried along unread).
 * Pure: the command reads the file and writes the scores.
 */
export type NamePairRow = { line: number; a: string; b: string }

export function parsePairsTsv(text: string): { rows: NamePairRow[]; issues: FieldIssue[] } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/)
  const header = (lines[0] ?? '').split('\t').map((h) => h.trim().toLowerCase())
  const ia = header.indexOf('a')
  const ib = header.indexOf('b')
  if (ia < 0 || ib < 0)
    return {
      rows: [],
      issues: [{ path: 'line 1', message: 'the header must name the columns a and b, separated by a tab' }],
    }
  const rows: NamePairRow[] = []
  const issues: FieldIssue[] = []
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!
    if (line.trim() === '') continue
    const cells = line.split('\t')
    const a = (cells[ia] ?? '').trim()
    const b = (cells[ib] ?? '').trim()
    if (!a || !b) {
      const missing = !a && !b ? 'a and b are' : !a ? 'a is' : 'b is'
      issues.push({
        path: `line ${i + 1}`,
        message: `column ${missing} empty (is the line separated by tabs?)`,
      })
      continue
    }
    rows.push({ line: i + 1, a, b })
  }
  return { rows, issues }
}

/** One output line: the pair, its score and the reasons, tab-separated (tabs inside become spaces). */
export function pairScoreLine(a: string, b: string, score: number, reasons: string[]): string {
  const clean = (s: string) => s.replace(/[\t\r\n]+/g, ' ')
  return `${clean(a)}\t${clean(b)}\t${score.toFixed(3)}\t${clean(reasons.join('; '))}`
}
