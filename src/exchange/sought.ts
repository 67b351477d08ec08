import { type FieldIssue, ValidationError } from '../core/errors'
import { normaliseHeader } from '../custody/import-columns'
import { nameKey } from '../names'
import { readReceivedDate } from './received/dates'

/** A person of ours the other side holds, as imported for an exchange. */
export type SoughtPerson = {
  surname: string
  firstNames: string
  patronymic: string
  dateOfBirth: string
  sex: 'male' | 'female' | null
  seriouslyWoundedOrSick: boolean
  capturedOn: string
  category: string
  rank: string
  requested: boolean
  groupId: string | null
  /** the personal or service number, when the list gives it (searched at the handover) */
  serviceNumber?: string
  /** the missing-persons record this person was taken from, when the list was built from the register */
  missingPersonId?: string
}

const COLUMNS: Record<string, string[]> = {
  id: ['id', 'row_id', 'ref', 'номер'],
  side: ['side', 'сторона'],
  surname: ['surname', 'прізвище', 'фамилия'],
  firstNames: ['first_name', 'first_names', 'given_name', 'імя', 'ім_я', 'имя'],
  patronymic: ['patronymic', 'по_батькові', 'отчество'],
  dateOfBirth: ['date_of_birth', 'dob', 'дата_народження', 'дата_рождения'],
  sex: ['sex', 'стать', 'пол'],
  seriouslyWoundedOrSick: ['seriously_wounded', 'seriously_wounded_or_sick', 'тяжкопоранений'],
  capturedOn: ['captured_on', 'дата_полонення'],
  category: ['category', 'категорія'],
  rank: ['rank', 'звання', 'звание'],
  serviceNumber: ['service_number', 'personal_number', 'особовий_номер', 'личный_номер'],
  requested: ['requested', 'named', 'запит'],
  groupId: ['group', 'travel_group', 'група'],
  replaces: ['replaces', 'instead_of', 'замість', 'вместо'],
  notes: ['notes', 'note', 'примітки', 'примечание'],
}

/** Which column holds each field, by header in English, Ukrainian or Russian. */
export function columnsOf(header: string[]): Record<string, number> {
  const at: Record<string, number> = {}
  header.forEach((h, i) => {
    const n = normaliseHeader(h)
    for (const [field, names] of Object.entries(COLUMNS))
      if (names.some((x) => normaliseHeader(x) === n) && at[field] === undefined) at[field] = i
  })
  return at
}

/** Header cells no field reads: a list is refused for them, naming each, rather than read wrongly. */
export function unknownColumns(header: string[]): string[] {
  const known = new Set(Object.values(COLUMNS).flatMap((names) => names.map(normaliseHeader)))
  return header.filter((h) => h.trim() && !known.has(normaliseHeader(h)))
}

const YES = new Set(['1', 'yes', 'true', 'так', 'да', 'y', 'x'])

/** Something doubtful in a received row, kept as written: a code with parameters. */
export type RowFlag = { code: string; params: Record<string, string | number> }

export type ReceivedRow = {
  /** the row's line in the file (the header is line 1) */
  line: number
  /** the pool reference: the list's own, made unique when the list repeats it */
  ref: string
  /** the reference as the list gave it */
  listedRef: string
  /** every cell as written, by header */
  written: Record<string, string>
  person: SoughtPerson
  flags: RowFlag[]
}

/**
 * Reads the list of our persons the other side holds, as received. Doubtful values (a date that
 * cannot be, a day and month swapped, a year to come, a repeated reference, a sex not read) are
 * kept as written and flagged on the row; the list is refused only for a header no field reads or
 * for having no row with a name, each named.
 */
export function readSought(header: string[], rows: string[][], today: string): ReceivedRow[] {
  const at = columnsOf(header)
  const issues: FieldIssue[] = []
  for (const h of unknownColumns(header))
    issues.push({ path: h, message: `"${h}" is not a column of a received list` })
  if (at.surname === undefined) issues.push({ path: 'surname', message: 'the file needs a surname column' })
  if (issues.length) throw new ValidationError(issues)
  const get = (row: string[], f: string) => (at[f] === undefined ? '' : (row[at[f]!] ?? '').trim())
  const seen = new Set<string>()
  const out: ReceivedRow[] = []
  rows.forEach((row, k) => {
    const line = k + 2
    if (row.every((cell) => !cell?.trim())) return
    const flags: RowFlag[] = []
    const listedRef = get(row, 'id')
    let ref = listedRef || `row-${line}`
    if (!listedRef) flags.push({ code: 'ref_empty', params: { line } })
    else if (seen.has(ref)) {
      flags.push({ code: 'ref_repeated', params: { line, ref } })
      ref = `${listedRef}#${line}`
    }
    seen.add(ref)
    if (!get(row, 'surname')) flags.push({ code: 'surname_empty', params: { line } })
    const dob = readReceivedDate('date_of_birth', get(row, 'dateOfBirth'), today)
    const captured = readReceivedDate('captured_on', get(row, 'capturedOn'), today)
    for (const d of [dob, captured])
      if (d.flag) flags.push({ code: d.flag.code, params: { line, ...d.flag.params } })
    const sex = get(row, 'sex').toLowerCase()
    const known = ['male', 'female', 'm', 'f', 'ч', 'ж', 'м']
    if (sex && !known.includes(sex)) flags.push({ code: 'sex_unreadable', params: { line, written: sex } })
    out.push({
      line,
      ref,
      listedRef,
      written: Object.fromEntries(header.map((h, i) => [h, (row[i] ?? '').trim()])),
      flags,
      person: {
        surname: get(row, 'surname'),
        firstNames: get(row, 'firstNames'),
        patronymic: get(row, 'patronymic'),
        dateOfBirth: dob.value,
        sex: !known.includes(sex)
          ? null
          : ['female', 'f', 'ж'].includes(sex)
            ? ('female' as const)
            : ('male' as const),
        seriouslyWoundedOrSick: YES.has(get(row, 'seriouslyWoundedOrSick').toLowerCase()),
        capturedOn: captured.value,
        category: get(row, 'category') || 'prisoner_of_war',
        rank: get(row, 'rank'),
        requested: YES.has(get(row, 'requested').toLowerCase()),
        groupId: get(row, 'groupId') || null,
        ...(get(row, 'serviceNumber') ? { serviceNumber: get(row, 'serviceNumber') } : {}),
      },
    })
  })
  if (!out.some((r) => r.person.surname))
    throw new ValidationError([
      { path: 'surname', message: 'no row of the file gives a surname; nothing was stored' },
    ])
  return out
}

/** The key a counter-list row is matched by: surname and first name keys with the date of birth. */
export function matchKey(surname: string, firstNames: string, dateOfBirth: string): string {
  return `${nameKey(surname)}|${nameKey(firstNames.split(/\s+/)[0] ?? '')}|${dateOfBirth}`
}

/** A record of the missing-persons register, as much of it as a sought list carries. */
export type MissingRecordForSought = {
  id: string
  register_number: number
  surname: string
  first_names: string | null
  patronymic: string | null
  sex: string | null
  rank: string | null
  service_number: string | null
  date_of_birth: string | null
  last_seen_on: string | null
}

/**
 * A row of the "ours they hold" list built from the register: referenced by the register number
 * (M-17) the bureau knows them by, keeping the record's id so the handover writes their return on it.
 * The date last seen stands for the capture date (time held), since the register knows no other.
 */
export function soughtFromMissing(m: MissingRecordForSought): { ref: string; person: SoughtPerson } {
  return {
    ref: `M-${m.register_number}`,
    person: {
      surname: m.surname,
      firstNames: m.first_names ?? '',
      patronymic: m.patronymic ?? '',
      dateOfBirth: m.date_of_birth ?? '',
      sex: m.sex === 'male' || m.sex === 'female' ? m.sex : null,
      seriouslyWoundedOrSick: false,
      capturedOn: m.last_seen_on ?? '',
      category: 'prisoner_of_war',
      rank: m.rank ?? '',
      requested: false,
      groupId: null,
      ...(m.service_number ? { serviceNumber: m.service_number } : {}),
      missingPersonId: m.id,
    },
  }
}
