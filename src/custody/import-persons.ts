import { parse } from 'csv-parse/sync'
import { type FieldIssue, ValidationError } from '../core/errors'
import { refuseUnreadableHeader } from '../core/file-header'
import { unstorableReason } from '../core/storable-text'
import { decodeText } from '../core/text-decode'
import { csvRecords, type FileSource } from '../core/text-stream'
import { mapHeader, PERSON_COLUMNS, type PersonColumn } from './import-columns'
import { RegisterPerson, type RegisterPersonParsed } from './model'

export type ImportRow = {
  /** 1-based line of the data row in the file, the header being line 1. */
  line: number
  input: RegisterPersonParsed
  facilityName?: string
  /** The row within its file: its `id` column, or its line when it has none. */
  rowKey: string
}

const MAX_ISSUES = 1000

/**
 * Checks the rows of a persons file one at a time, as they are read: every bad row and field is
 * collected (up to 1,000 issues, path `row N.column`), and `finish` throws them all.
 * Each row gets a key within the file (its `id` column, or its line): an id used twice in one
 * file is refused, naming both rows, rather than one of the persons being dropped.
 * A cell holding text the database cannot store (NUL) is refused, naming row and column.
 * @throws ValidationError at once when the header cannot be read (unknown, doubled or no surname column)
 */
export function personRowChecker(header: string[], issues: FieldIssue[] = []) {
  const mapped = mapHeader(header)
  refuseUnreadableHeader(mapped, PERSON_COLUMNS, [
    { field: 'surname', path: 'column surname', message: 'the file has no surname column' },
  ])
  const { fields } = mapped

  const columnOf = new Map<PersonColumn, string>()
  fields.forEach((f, i) => {
    if (f) columnOf.set(f, header[i]!)
  })
  // ids only, not rows: a file of a million rows keeps a million short strings here, not the rows
  const lineOfId = new Map<string, number>()

  /** The row, checked; undefined when it has an issue (or enough issues were found already). */
  function check(cells: string[], line: number): ImportRow | undefined {
    if (issues.length >= MAX_ISSUES) return undefined
    const badCell = cells.findIndex((cell) => unstorableReason(cell) !== null)
    if (badCell >= 0) {
      issues.push({
        path: `row ${line}.${header[badCell] ?? `column ${badCell + 1}`}`,
        message: unstorableReason(cells[badCell]!)!,
      })
      return undefined
    }
    const raw: Partial<Record<PersonColumn, string>> = {}
    fields.forEach((f, i) => {
      if (f && cells[i] !== undefined && cells[i] !== '') raw[f] = cells[i]
    })
    const candidate = {
      category: raw.category ?? 'prisoner_of_war',
      surname: raw.surname ?? '',
      firstNames: raw.firstNames,
      patronymic: raw.patronymic,
      sex: raw.sex,
      rank: raw.rank,
      serviceNumber: raw.serviceNumber,
      dateOfBirth: raw.dateOfBirth,
      placeOfBirth: raw.placeOfBirth,
      powerDependedOn: raw.powerDependedOn,
      nationality: raw.nationality,
      fatherFirstName: raw.fatherFirstName,
      motherMaidenName: raw.motherMaidenName,
      nextOfKin:
        raw.nextOfKinName || raw.nextOfKinAddress
          ? { name: raw.nextOfKinName, address: raw.nextOfKinAddress }
          : undefined,
      lastResidence: raw.lastResidence,
      distinguishingMarks: raw.distinguishingMarks,
      unit: raw.unit,
      capturedOn: raw.capturedOn,
      capturePlace: raw.capturePlace,
      confirmation: raw.confirmation,
      source: raw.source ?? 'import',
    }
    const parsed = RegisterPerson.safeParse(candidate)
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0])
        const column =
          field === 'nextOfKin'
            ? columnOf.get(issue.path[1] === 'address' ? 'nextOfKinAddress' : 'nextOfKinName')
            : columnOf.get(field as PersonColumn)
        issues.push({ path: `row ${line}.${column ?? field}`, message: issue.message })
      }
      return undefined
    }
    if (raw.id) {
      const first = lineOfId.get(raw.id)
      if (first !== undefined) {
        issues.push({
          path: `row ${line}.${columnOf.get('id')}`,
          message: `id ${raw.id} is also on row ${first}: each person needs an id of their own`,
        })
        return undefined
      }
      lineOfId.set(raw.id, line)
    }
    return {
      line,
      input: parsed.data,
      facilityName: raw.facility,
      rowKey: raw.id ? `id:${raw.id}` : `line:${line}`,
    }
  }

  return { check }
}

/**
 * Refuses the file when it has issues, naming every row and column (up to 1,000).
 * @throws ValidationError
 */
export function refuseFileIssues(issues: FieldIssue[]): void {
  if (issues.length === 0) return
  const shown = issues.slice(0, MAX_ISSUES)
  throw new ValidationError(
    shown,
    `${issues.length >= MAX_ISSUES ? 'At least ' : ''}${shown.length} problem(s) in the file; nothing was imported`,
  )
}

/**
 * Reads a CSV of persons held in memory into validated rows, all or nothing (see personRowChecker).
 * The file may be UTF-8, UTF-16 or Windows-1251 (see decodeText). A large file is better read
 * with readPersonRows, which streams it.
 * @throws ValidationError naming rows and columns
 */
export function readPersonsCsv(content: string | Buffer, fileName = 'the file'): ImportRow[] {
  const text = typeof content === 'string' ? content : decodeText(content, fileName).text
  let records: string[][]
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: false, trim: true })
  } catch (e) {
    const line = (e as { lines?: number }).lines
    throw new ValidationError([
      { path: line ? `row ${line}` : 'file', message: `not a readable CSV file: ${(e as Error).message}` },
    ])
  }
  const [header, ...rows] = records
  if (!header) throw new ValidationError([{ path: 'file', message: 'the file is empty' }])
  const issues: FieldIssue[] = []
  const checker = personRowChecker(header, issues)
  const out: ImportRow[] = []
  rows.forEach((cells, r) => {
    const row = checker.check(cells, r + 2)
    if (row) out.push(row)
  })
  refuseFileIssues(issues)
  return out
}

/**
 * The good rows of a CSV of persons as they are read from a stream (the file is never held
 * whole), each checked by personRowChecker. A row with an issue is not yielded: its issues go
 * into `issues`, where the caller adds its own (a facility not found), and the caller refuses the
 * file at its end with refuseFileIssues. Writing the rows in a transaction that the refusal rolls
 * back keeps an import all or nothing.
 * @throws ValidationError when the file cannot be read at all (encoding, CSV, header, empty)
 */
export async function* readPersonRows(
  source: FileSource,
  fileName: string,
  issues: FieldIssue[],
  onBytes?: (piece: Buffer) => void,
): AsyncGenerator<ImportRow> {
  let checker: ReturnType<typeof personRowChecker> | undefined
  for await (const { row, cells } of csvRecords(source, fileName, {
    relax_column_count: false,
    trim: true,
    onBytes,
  })) {
    if (!checker) checker = personRowChecker(cells, issues)
    else {
      const checked = checker.check(cells, row)
      if (checked) yield checked
      else if (issues.length >= MAX_ISSUES) return // enough to show; the file is refused anyway
    }
  }
  if (!checker) throw new ValidationError([{ path: 'file', message: 'the file is empty' }])
}
