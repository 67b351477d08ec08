import { createHash } from 'node:crypto'
import { parse } from 'csv-parse/sync'
import { canonicalJson } from '../core/canonical-json'
import { type FieldIssue, ValidationError } from '../core/errors'
import { mapHeader, PERSON_COLUMNS, type PersonColumn } from './import-columns'
import { RegisterPerson, type RegisterPersonParsed } from './model'

export type ImportRow = {
  /** 1-based line of the data row in the file, the header being line 1. */
  line: number
  input: RegisterPersonParsed
  facilityName?: string
  sourceKey: string
}

const MAX_ISSUES = 1000

/**
 * Reads a CSV of persons into validated rows, all or nothing: every bad row and field is reported
 * (up to 1,000 issues, path `row N.column`), and no row is returned unless all are good.
 * Each row gets a source key (its `id` column, or a hash of its content) so that importing the
 * same file again finds every row already registered.
 * @throws ValidationError naming rows and columns
 */
export function readPersonsCsv(content: string | Buffer): ImportRow[] {
  let records: string[][]
  try {
    records = parse(content, { bom: true, skip_empty_lines: true, relax_column_count: false, trim: true })
  } catch (e) {
    const line = (e as { lines?: number }).lines
    throw new ValidationError([
      { path: line ? `row ${line}` : 'file', message: `not a readable CSV file: ${(e as Error).message}` },
    ])
  }
  const [header, ...rows] = records
  if (!header) throw new ValidationError([{ path: 'file', message: 'the file is empty' }])
  const { fields, unknown, duplicated } = mapHeader(header)
  const headerIssues: FieldIssue[] = [
    ...unknown.map((h) => ({
      path: `column ${h}`,
      message: `unknown column (known: ${Object.values(PERSON_COLUMNS)
        .map((a) => a[0])
        .join(', ')})`,
    })),
    ...duplicated.map((h) => ({ path: `column ${h}`, message: 'a second column for the same field' })),
  ]
  if (!fields.includes('surname'))
    headerIssues.push({ path: 'column surname', message: 'the file has no surname column' })
  if (headerIssues.length > 0)
    throw new ValidationError(
      headerIssues,
      `The file's columns cannot be read: ${headerIssues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    )

  const columnOf = new Map<PersonColumn, string>()
  fields.forEach((f, i) => {
    if (f) columnOf.set(f, header[i]!)
  })
  const issues: FieldIssue[] = []
  const out: ImportRow[] = []
  rows.forEach((cells, r) => {
    if (issues.length >= MAX_ISSUES) return
    const line = r + 2
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
      return
    }
    const sourceKey = raw.id
      ? `id:${raw.id}`
      : `row:${createHash('sha256').update(canonicalJson(raw)).digest('hex').slice(0, 40)}`
    out.push({ line, input: parsed.data, facilityName: raw.facility, sourceKey })
  })
  if (issues.length > 0) {
    throw new ValidationError(
      issues,
      `${issues.length >= MAX_ISSUES ? 'At least ' : ''}${issues.length} problem(s) in the file; nothing was imported`,
    )
  }
  return out
}
