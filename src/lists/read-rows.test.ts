import { describe, expect, it } from 'vitest'
import { recogniseHeader, repeatedInHeader } from './columns'
import { differenceOf, stableKey } from './difference'
import { readListRows } from './read-rows'

const TODAY = '2026-11-30'

describe('reading a received list under a mapping', () => {
  it('recognises Ukrainian, Russian and English headers', () => {
    expect(recogniseHeader(['Прізвище', 'Имя', 'date of birth', 'Shoe size'])).toEqual([
      'surname',
      'givenName',
      'dateOfBirth',
      null,
    ])
  })

  it('leaves both columns unassigned when two headers name one field, for a person to choose', () => {
    const header = ['Фамилия', 'Имя', 'Фамилия', 'Прізвище']
    expect(recogniseHeader(header)).toEqual([null, 'givenName', null, null])
    expect(repeatedInHeader(header)).toEqual([
      {
        field: 'surname',
        columns: [
          { position: 1, header: 'Фамилия' },
          { position: 3, header: 'Фамилия' },
          { position: 4, header: 'Прізвище' },
        ],
      },
    ])
  })

  it('keeps an impossible date as written, reads what it can, and flags it', () => {
    const [row] = readListRows(
      ['surname', 'dob'],
      [['Вигаданий', '31.02.1990']],
      ['surname', 'dateOfBirth'],
      TODAY,
    )
    expect(row!.written.dateOfBirth).toBe('31.02.1990')
    expect(row!.values.dateOfBirth).toBe('1990-02')
    expect(row!.flags).toEqual([{ field: 'dateOfBirth', code: 'date_impossible', written: '31.02.1990' }])
  })

  it('flags a date in a name, a name in a date, no name, a repeated id and a repeated row', () => {
    const rows = readListRows(
      ['id', 'surname', 'given', 'dob'],
      [
        ['1', '12.03.1991', '', ''],
        ['2', 'Вигаданий', 'Іван', 'березень'],
        ['2', 'Вигаданий', 'Іван', 'березень'],
        ['4', '', '', '1990'],
      ],
      ['id', 'surname', 'givenName', 'dateOfBirth'],
      TODAY,
    )
    expect(rows.map((r) => r.flags.map((f) => `${f.field}:${f.code}`))).toEqual([
      ['surname:wrong_column'],
      ['dateOfBirth:wrong_column'],
      ['dateOfBirth:wrong_column', 'id:ref_repeated', 'surname:duplicate_row'],
      ['surname:name_empty'],
    ])
    expect(rows[2]!.ref).toBe('2#4')
  })

  it('refuses one field for two columns, naming the column by its header', () => {
    expect(() => readListRows(['a', 'b'], [], ['surname', 'surname'], TODAY)).toThrow(
      'column b: surname is already the column a: one column a field',
    )
  })
})

describe('the difference of two versions of a list', () => {
  const row = (rowNo: number, values: Record<string, string>) => ({ rowNo, ref: String(rowNo), values })

  it('pairs rows by service number, else by the particulars across Ukrainian and Russian spellings', () => {
    expect(stableKey({ serviceNumber: 'ab-123 456' })).toBe('sn:AB123456')
    expect(stableKey({ surname: 'Шевченко', givenName: 'Олександр', dateOfBirth: '1990' })).toBe(
      stableKey({ surname: 'Шевченко', givenName: 'Александр', dateOfBirth: '1990' }),
    )
    const d = differenceOf(
      [
        row(1, { serviceNumber: 'X1', unit: 'A' }),
        row(2, { surname: 'Кравченко' }),
        row(3, { surname: 'Гончар' }),
      ],
      [
        row(1, { serviceNumber: 'X1', unit: 'B' }),
        row(2, { surname: 'Кравченко' }),
        row(3, { surname: 'Мельник' }),
      ],
    )
    expect(d.changed.map((c) => c.fields)).toEqual([['unit']])
    expect(d.unchanged).toBe(1)
    expect(d.added.map((r) => r.values.surname)).toEqual(['Мельник'])
    expect(d.removed.map((r) => r.values.surname)).toEqual(['Гончар'])
  })
})
