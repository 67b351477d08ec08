import { describe, expect, it } from 'vitest'
import { ValidationError } from '../core/errors'
import { readMissingRows } from './import-rows'

const TODAY = '2026-11-30'
const read = (header: string[], rows: string[][]) => readMissingRows(header, rows, 'test register', TODAY)
const issuesOf = (f: () => unknown) => {
  try {
    f()
  } catch (e) {
    if (e instanceof ValidationError) return e.issues
    throw e
  }
  throw new Error('expected a ValidationError')
}

describe('reading a missing-persons register', () => {
  it('reads Ukrainian headers, yes/no in words and a status in Ukrainian', () => {
    const [row] = read(
      ['Прізвище', 'Заявник', 'Згода', 'Згода МКЧХ', 'Дата зникнення', 'Статус', 'Дата статусу'],
      [['Вигаданий', 'Мати', 'так', 'ні', '2025-03-01', 'полон підтверджено', '2025-05-01']],
    )
    expect(row!.input).toMatchObject({
      surname: 'Вигаданий',
      reporter: { name: 'Мати' },
      consent: { use: true, shareIcrc: false },
      lastSeen: { on: '2025-03-01' },
      source: 'test register',
    })
    expect(row!.status).toMatchObject({ type: 'captivity_confirmed', occurredOn: '2025-05-01' })
    expect(row!.rowKey).toBe('line:2')
  })

  it('names each bad row and column as the file writes it, and returns nothing', () => {
    const issues = issuesOf(() =>
      read(
        ['id', 'surname', 'reported_by', 'consent', 'status', 'status_on'],
        [
          ['1', 'A', 'B', 'maybe', '', ''],
          ['2', '', 'B', 'yes', '', ''],
          ['1', 'C', 'B', 'yes', 'returned', ''],
          ['4', 'D', 'B', 'yes', 'escaped', ''],
        ],
      ),
    )
    expect(issues).toEqual([
      { path: 'row 2.consent', message: 'maybe is not yes or no' },
      { path: 'row 3.surname', message: 'must not be empty' },
      { path: 'row 4.status_on', message: 'give the date of the status returned' },
      { path: 'row 4.id', message: 'id 1 is also on row 2: each person needs an id of their own' },
      {
        path: 'row 5.status',
        message:
          'escaped is not a status (missing, captivity_indicated, captivity_confirmed, returned, died, found)',
      },
    ])
  })

  it('refuses a status dated before the person went missing, and a date in the future', () => {
    const issues = issuesOf(() =>
      read(
        ['surname', 'reported_by', 'last_seen_on', 'status', 'status_on'],
        [
          ['A', 'B', '2025-03-01', 'returned', '2025-01-01'],
          ['C', 'B', '2027-01-01', '', ''],
        ],
      ),
    )
    expect(issues.map((i) => i.path)).toEqual(['row 2.status_on', 'row 3'])
    expect(issues[0]!.message).toMatch(/before they went missing/)
  })

  it('refuses a file without the columns it needs, naming unknown ones', () => {
    const issues = issuesOf(() => read(['shoe_size'], [['44']]))
    expect(issues.map((i) => i.path)).toEqual(['column shoe_size', 'column surname', 'column reported_by'])
  })

  it('refuses a header naming one field twice, naming both columns, as every import does', () => {
    const issues = issuesOf(() =>
      read(['Фамилия', 'Заявитель', 'Фамилия'], [['Вигаданий', 'Мать', 'Vyhadanyi']]),
    )
    expect(issues).toEqual([
      {
        path: 'columns 1 "Фамилия" and 3 "Фамилия"',
        message:
          'both name the surname, and Parley does not guess which to read: rename or delete the extra column',
      },
    ])
  })
})
