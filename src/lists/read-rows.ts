import { type FieldIssue, ValidationError } from '../core/errors'
import { readReceivedDate } from '../exchange/received/dates'
import { type ColumnMapping, LIST_FIELDS, type ListField } from './columns'

/**
 * Something doubtful in one field of a received row, kept beside the value as written: the list is
 * the other side's word, so it is stored as they wrote it and the doubt is shown, never corrected.
 */
export type RowFlag = {
  field: ListField
  code:
    | 'date_impossible'
    | 'day_month_swapped'
    | 'date_unreadable'
    | 'date_in_future'
    | 'name_empty'
    | 'wrong_column'
    | 'sex_unreadable'
    | 'ref_repeated'
    | 'duplicate_row'
  written: string
  params?: Record<string, string | number>
}

/** A row of a received list: each field as written, the values read from it, and its flags. */
export type ReadRow = {
  /** line in the file, the header being line 1 */
  line: number
  /** the row within its list: its id column (made unique when repeated), else its line */
  ref: string
  /** each mapped field as written */
  written: Partial<Record<ListField, string>>
  /** each field as read: dates as ISO partial dates ('' when nothing can be read), sex as male/female */
  values: Record<ListField, string>
  flags: RowFlag[]
}

const DATE_FIELDS: ListField[] = ['dateOfBirth', 'capturedOn']
const NAME_FIELDS: ListField[] = ['surname', 'givenName', 'patronymic', 'fatherName']
const LOOKS_LIKE_DATE = /^\d{1,4}[./-]\d{1,2}(?:[./-]\d{1,4})?$/
const MALE = new Set(['m', 'male', 'м', 'ч', 'чол', 'чоловіча', 'чоловік', 'муж', 'мужской', 'мужчина'])
const FEMALE = new Set(['f', 'female', 'ж', 'жін', 'жіноча', 'жінка', 'жен', 'женский', 'женщина'])

/**
 * Refuses a mapping that cannot be read: not one entry per column, one field for two columns, or
 * neither a surname nor a given name. Each issue names the column by its header.
 * @throws ValidationError
 */
export function checkMapping(header: readonly string[], mapping: ColumnMapping): void {
  const issues: FieldIssue[] = []
  if (mapping.length !== header.length)
    issues.push({
      path: 'mapping',
      message: `the file has ${header.length} columns; the mapping names ${mapping.length}`,
    })
  const first = new Map<ListField, number>()
  mapping.forEach((f, i) => {
    if (!f) return
    if (!LIST_FIELDS.includes(f)) {
      issues.push({ path: `column ${header[i] ?? i + 1}`, message: `${f} is not a field of a list` })
      return
    }
    const at = first.get(f)
    if (at !== undefined)
      issues.push({
        path: `column ${header[i] ?? i + 1}`,
        message: `${f} is already the column ${header[at]}: one column a field`,
      })
    else first.set(f, i)
  })
  if (!first.has('surname') && !first.has('givenName'))
    issues.push({ path: 'mapping', message: 'no column is the surname or the given name' })
  if (issues.length > 0) throw new ValidationError(issues)
}

/**
 * Reads a received list's rows under a mapping, keeping every row and every value as written and
 * flagging what is doubtful: a date that cannot be (31.02.1990) or is still to come, no name, a
 * value that belongs in another column (a date in the name field), a sex not read, an id or a whole
 * row repeated. Nothing is refused here: what cannot be stored was refused when the file was read.
 */
export function readListRows(
  header: readonly string[],
  rows: readonly string[][],
  mapping: ColumnMapping,
  today: string,
): ReadRow[] {
  checkMapping(header, mapping)
  const out: ReadRow[] = []
  const refLine = new Map<string, number>()
  const rowLine = new Map<string, number>()
  rows.forEach((cells, k) => {
    const line = k + 2
    if (cells.every((c) => !String(c ?? '').trim())) return
    const written: Partial<Record<ListField, string>> = {}
    const values = Object.fromEntries(LIST_FIELDS.map((f) => [f, ''])) as Record<ListField, string>
    mapping.forEach((f, i) => {
      if (!f) return
      const text = String(cells[i] ?? '').trim()
      written[f] = text
      values[f] = text
    })
    const flags: RowFlag[] = []
    for (const f of DATE_FIELDS) {
      const text = written[f] ?? ''
      if (!text) continue
      if (/\p{L}{2}/u.test(text) && !/\d/.test(text)) {
        flags.push({ field: f, code: 'wrong_column', written: text, params: { looksLike: 'name' } })
        values[f] = ''
        continue
      }
      const read = readReceivedDate(f, text, today)
      values[f] = read.value
      if (read.flag) flags.push({ field: f, code: read.flag.code as RowFlag['code'], written: text })
    }
    if (!values.surname && !values.givenName)
      flags.push({
        field: mapping.includes('surname') ? 'surname' : 'givenName',
        code: 'name_empty',
        written: '',
      })
    for (const f of NAME_FIELDS) {
      const text = written[f] ?? ''
      if (!/\d/.test(text)) continue
      const looksLike = LOOKS_LIKE_DATE.test(text) ? 'date' : 'number'
      flags.push({ field: f, code: 'wrong_column', written: text, params: { looksLike } })
    }
    if (written.serviceNumber && LOOKS_LIKE_DATE.test(written.serviceNumber))
      flags.push({
        field: 'serviceNumber',
        code: 'wrong_column',
        written: written.serviceNumber,
        params: { looksLike: 'date' },
      })
    if (written.sex) {
      const s = written.sex.toLowerCase().replace(/\.$/, '')
      values.sex = MALE.has(s) ? 'male' : FEMALE.has(s) ? 'female' : ''
      if (!values.sex) flags.push({ field: 'sex', code: 'sex_unreadable', written: written.sex })
    }
    let ref = written.id ? written.id : `line:${line}`
    const firstRef = refLine.get(ref)
    if (written.id && firstRef !== undefined) {
      flags.push({ field: 'id', code: 'ref_repeated', written: written.id, params: { line: firstRef } })
      ref = `${written.id}#${line}`
    } else refLine.set(ref, line)
    const same = JSON.stringify(LIST_FIELDS.filter((f) => f !== 'id').map((f) => written[f] ?? ''))
    const firstRow = rowLine.get(same)
    if (firstRow !== undefined)
      flags.push({
        field: mapping.includes('surname') ? 'surname' : 'givenName',
        code: 'duplicate_row',
        written: written.surname ?? written.givenName ?? '',
        params: { line: firstRow },
      })
    else rowLine.set(same, line)
    out.push({ line, ref, written, values, flags })
  })
  return out
}
