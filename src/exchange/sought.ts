import { type FieldIssue, ValidationError } from '../core/errors'
import { normaliseHeader } from '../custody/import-columns'
import { parsePartialDate } from '../custody/partial-date'
import { nameKey } from '../names'

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
}

const COLUMNS: Record<string, string[]> = {
  id: ['id', 'row_id', 'номер'],
  side: ['side', 'сторона'],
  surname: ['surname', 'прізвище', 'фамилия'],
  firstNames: ['first_name', 'first_names', 'імя', 'ім_я', 'имя'],
  patronymic: ['patronymic', 'по_батькові', 'отчество'],
  dateOfBirth: ['date_of_birth', 'dob', 'дата_народження', 'дата_рождения'],
  sex: ['sex', 'стать', 'пол'],
  seriouslyWoundedOrSick: ['seriously_wounded', 'seriously_wounded_or_sick', 'тяжкопоранений'],
  capturedOn: ['captured_on', 'дата_полонення'],
  category: ['category', 'категорія'],
  rank: ['rank', 'звання', 'звание'],
  requested: ['requested', 'named', 'запит'],
  groupId: ['group', 'travel_group', 'група'],
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

const YES = new Set(['1', 'yes', 'true', 'так', 'да', 'y', 'x'])

/**
 * Reads the list of our persons the other side holds. All rows or none: each problem is named by
 * row and column, and nothing is stored until the whole file reads.
 */
export function readSought(header: string[], rows: string[][]): { ref: string; person: SoughtPerson }[] {
  const at = columnsOf(header)
  const issues: FieldIssue[] = []
  for (const need of ['id', 'surname'])
    if (at[need] === undefined) issues.push({ path: need, message: `the file needs a ${need} column` })
  if (issues.length) throw new ValidationError(issues)
  const get = (row: string[], f: string) => (at[f] === undefined ? '' : (row[at[f]!] ?? '').trim())
  const seen = new Set<string>()
  const out = rows.map((row, k) => {
    const line = k + 2
    const ref = get(row, 'id')
    if (!ref) issues.push({ path: `row ${line}.id`, message: 'is empty' })
    else if (seen.has(ref)) issues.push({ path: `row ${line}.id`, message: `${ref} appears twice` })
    seen.add(ref)
    if (!get(row, 'surname')) issues.push({ path: `row ${line}.surname`, message: 'is empty' })
    let dateOfBirth = get(row, 'dateOfBirth')
    if (dateOfBirth) {
      const d = parsePartialDate(dateOfBirth)
      if (d.ok) dateOfBirth = d.value
      else issues.push({ path: `row ${line}.date_of_birth`, message: d.message })
    }
    let capturedOn = get(row, 'capturedOn')
    if (capturedOn) {
      const d = parsePartialDate(capturedOn)
      if (d.ok && d.value.length === 10) capturedOn = d.value
      else
        issues.push({
          path: `row ${line}.captured_on`,
          message: 'give the full date (YYYY-MM-DD or DD.MM.YYYY)',
        })
    }
    const sex = get(row, 'sex').toLowerCase()
    if (sex && !['male', 'female', 'm', 'f', 'ч', 'ж', 'м'].includes(sex))
      issues.push({ path: `row ${line}.sex`, message: `"${sex}" is not male or female` })
    return {
      ref,
      person: {
        surname: get(row, 'surname'),
        firstNames: get(row, 'firstNames'),
        patronymic: get(row, 'patronymic'),
        dateOfBirth,
        sex: !sex ? null : ['female', 'f', 'ж'].includes(sex) ? ('female' as const) : ('male' as const),
        seriouslyWoundedOrSick: YES.has(get(row, 'seriouslyWoundedOrSick').toLowerCase()),
        capturedOn,
        category: get(row, 'category') || 'prisoner_of_war',
        rank: get(row, 'rank'),
        requested: YES.has(get(row, 'requested').toLowerCase()),
        groupId: get(row, 'groupId') || null,
      },
    }
  })
  if (issues.length)
    throw new ValidationError(
      issues.slice(0, 200),
      `${issues.length} problem(s) in the file; nothing was stored`,
    )
  return out
}

/** The key a counter-list row is matched by: surname and first name keys with the date of birth. */
export function matchKey(surname: string, firstNames: string, dateOfBirth: string): string {
  return `${nameKey(surname)}|${nameKey(firstNames.split(/\s+/)[0] ?? '')}|${dateOfBirth}`
}
