import { type FieldIssue, ValidationError } from '../core/errors'
import { refuseUnreadableHeader } from '../core/file-header'
import { repeatedColumnIssues, repeatedColumns } from '../core/repeated-columns'
import { MissingEventInput, type MissingEventParsed } from './events'
import { MISSING_COLUMNS, type MissingColumn, mapMissingHeader, yesNo } from './import-columns'
import { CreateMissing, type CreateMissingParsed } from './model'
import { missingSince } from './rows'
import { foldMissing } from './state'

export type MissingImportRow = {
  line: number
  /** The row within its source: its id column, or its line. */
  rowKey: string
  input: CreateMissingParsed
  /** A status the register already gave the person, beyond "missing". */
  status?: MissingEventParsed
}

const MAX_ISSUES = 1000
const STATUS_WORDS: Record<string, string> = {
  missing: 'missing',
  зниклий_безвісти: 'missing',
  пропавший_без_вести: 'missing',
  captivity_indicated: 'captivity_indicated',
  captivity_confirmed: 'captivity_confirmed',
  полон_підтверджено: 'captivity_confirmed',
  плен_подтверждён: 'captivity_confirmed',
  returned: 'returned',
  повернувся: 'returned',
  вернулся: 'returned',
  died: 'died',
  загинув: 'died',
  погиб: 'died',
  found: 'found',
  знайдений: 'found',
  найден: 'found',
}

/**
 * Reads a register's rows (header and cells, as readTable gives them) into validated records, all
 * or nothing: every bad row and field is named as `row N.column` in the file's own header words,
 * and an id used twice is refused naming both rows.
 * @throws ValidationError
 */
export function readMissingRows(
  header: string[],
  rows: string[][],
  defaultSource: string,
  today: string,
): MissingImportRow[] {
  const mapped = mapMissingHeader(header)
  const repeated = repeatedColumnIssues(
    repeatedColumns(header, mapped.fields),
    (f) => f.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase(),
    'rename or delete the extra column',
  )
  if (repeated.length > 0) throw new ValidationError(repeated)
  refuseUnreadableHeader(mapped, MISSING_COLUMNS, [
    { field: 'surname', path: 'column surname', message: 'the file has no surname column' },
    {
      field: 'reporterName',
      path: 'column reported_by',
      message: 'the file has no column naming who reported',
    },
  ])
  const { fields } = mapped
  const columnOf = new Map<string, string>()
  fields.forEach((f, i) => {
    if (f) columnOf.set(f, header[i]!)
  })
  const col = (f: MissingColumn) => columnOf.get(f) ?? f
  // zod's path (reporter.name, lastSeen.on...) back to the file's column
  const PATH_COLUMN: Record<string, MissingColumn> = {
    'reporter.name': 'reporterName',
    'reporter.relation': 'reporterRelation',
    'reporter.contact': 'reporterContact',
    'reporter.language': 'reporterLanguage',
    'lastSeen.on': 'lastSeenOn',
    'lastSeen.place': 'lastSeenPlace',
    'lastSeen.circumstances': 'circumstances',
    'lastSeen.witness': 'witness',
    'consent.givenOn': 'consentOn',
  }
  const issues: FieldIssue[] = []
  const out: MissingImportRow[] = []
  const lineOfId = new Map<string, number>()
  rows.forEach((cells, r) => {
    if (issues.length >= MAX_ISSUES) return
    const line = r + 2
    if (cells.every((c) => String(c ?? '').trim() === '')) return
    const raw: Partial<Record<MissingColumn, string>> = {}
    fields.forEach((f, i) => {
      const v = String(cells[i] ?? '').trim()
      if (f && v !== '') raw[f] = v
    })
    const before = issues.length
    const consent: Record<string, boolean | string | undefined> = {}
    for (const [field, key] of [
      ['consentUse', 'use'],
      ['consentIcrc', 'shareIcrc'],
      ['consentOtherSide', 'shareOtherSide'],
      ['consentPublic', 'sharePublic'],
    ] as const) {
      const v = yesNo(raw[field])
      if (v === undefined)
        issues.push({ path: `row ${line}.${col(field)}`, message: `${raw[field]} is not yes or no` })
      consent[key] = v
    }
    const candidate = {
      surname: raw.surname ?? '',
      firstNames: raw.firstNames,
      patronymic: raw.patronymic,
      sex: raw.sex,
      rank: raw.rank,
      serviceNumber: raw.serviceNumber,
      dateOfBirth: raw.dateOfBirth,
      placeOfBirth: raw.placeOfBirth,
      unit: raw.unit,
      region: raw.region,
      distinguishingMarks: raw.distinguishingMarks,
      photoRef: raw.photoRef,
      reporter: {
        name: raw.reporterName ?? '',
        relation: raw.reporterRelation,
        contact: raw.reporterContact,
        language: raw.reporterLanguage?.toLowerCase(),
      },
      consent: { ...consent, givenOn: raw.consentOn },
      lastSeen: {
        on: raw.lastSeenOn,
        place: raw.lastSeenPlace,
        circumstances: raw.circumstances,
        witness: raw.witness,
      },
      receivedOn: raw.receivedOn,
      source: raw.source ?? defaultSource,
    }
    const parsed = CreateMissing.safeParse(candidate)
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const path = issue.path.map(String).join('.')
        const field = PATH_COLUMN[path] ?? (issue.path[0] as MissingColumn)
        issues.push({ path: `row ${line}.${col(field)}`, message: issue.message })
      }
    }
    let status: MissingEventParsed | undefined
    const statusWord = raw.status ? STATUS_WORDS[raw.status.toLowerCase().replace(/\s+/g, '_')] : 'missing'
    if (!statusWord)
      issues.push({
        path: `row ${line}.${col('status')}`,
        message: `${raw.status} is not a status (missing, captivity_indicated, captivity_confirmed, returned, died, found)`,
      })
    else if (statusWord !== 'missing') {
      const ev = MissingEventInput.safeParse({
        type: statusWord,
        occurredOn: raw.statusOn ?? '',
        source: raw.statusSource ?? raw.source ?? defaultSource,
        confidence: 'high',
        ...(statusWord === 'returned' ? { how: 'other' } : {}),
      })
      if (ev.success) status = ev.data
      else
        for (const issue of ev.error.issues)
          issues.push({
            path: `row ${line}.${col(issue.path[0] === 'occurredOn' ? 'statusOn' : 'statusSource')}`,
            message: raw.statusOn ? issue.message : `give the date of the status ${raw.status}`,
          })
    }
    if (raw.id) {
      const first = lineOfId.get(raw.id)
      if (first !== undefined)
        issues.push({
          path: `row ${line}.${col('id')}`,
          message: `id ${raw.id} is also on row ${first}: each person needs an id of their own`,
        })
      else lineOfId.set(raw.id, line)
    }
    if (issues.length > before || !parsed.success) return
    if (status) {
      // the register's status must fit after the person went missing, like any recorded event
      const since = missingSince(parsed.data, today)
      const folded = foldMissing([
        { seq: 1, type: 'reported_missing', occurredOn: since, source: '', confidence: 'high', details: {} },
        { ...status, seq: 2, details: {} },
      ])
      if (!folded.ok) {
        issues.push({
          path: `row ${line}.${col('statusOn')}`,
          message: `${status.occurredOn}: ${folded.conflict.reason} (missing since ${since})`,
        })
        return
      }
    }
    if ([parsed.data.lastSeen.on, parsed.data.receivedOn, status?.occurredOn].some((d) => d && d > today)) {
      issues.push({ path: `row ${line}`, message: 'a date is in the future' })
      return
    }
    out.push({ line, rowKey: raw.id ? `id:${raw.id}` : `line:${line}`, input: parsed.data, status })
  })
  if (issues.length > 0)
    throw new ValidationError(
      issues,
      `${issues.length >= MAX_ISSUES ? 'At least ' : ''}${issues.length} problem(s) in the file, the first ${issues[0]!.path}: ${issues[0]!.message}; nothing was imported`,
    )
  return out
}
