import { describe, expect, it } from 'vitest'
import { generatePersons } from '../../generate'
import { transliterate } from '../../names'
import { diffRounds } from '../rounds'
import { readSought } from '../sought'
import { compareDates, readReceivedDate } from './dates'
import { findDuplicates, type ListedPerson } from './duplicates'
import { matchCounter, type PoolPerson } from './match'

const TODAY = '2026-11-30'
const ours = [...generatePersons({ seed: 61, count: 200, nationality: 'UA', firstId: 9000 })]
const swap = (d: string) => {
  const [y, m, day] = d.split('-')
  return `${y}-${day}-${m}`
}
// a date whose day is above 12 reads only one way once swapped; pick such persons for swap cases
const swappable = ours.filter((p) => Number(p.dateOfBirth.slice(8, 10)) > 12)

describe('a received list is kept as received', () => {
  it('flags impossible dates, a day-month swap, a year to come and a repeated reference', () => {
    const rows = readSought(
      ['id', 'surname', 'first_name', 'date_of_birth', 'sex'],
      [
        ['1', 'Мороз', 'Іван', '2000-27-02', 'm'],
        ['2', 'Коваль', 'Петро', '31.02.1990', 'm'],
        ['3', 'Бондар', 'Олег', '2031-01-01', 'x'],
        ['1', 'Мороз', 'Іван', '27.02.2000', 'm'],
        ['', '', '', '', ''],
      ],
      TODAY,
    )
    expect(rows).toHaveLength(4)
    expect(rows[0]!.flags).toEqual([
      {
        code: 'day_month_swapped',
        params: { line: 2, field: 'date_of_birth', written: '2000-27-02', read: '2000-02-27' },
      },
    ])
    expect(rows[0]!.person.dateOfBirth).toBe('2000-02-27')
    expect(rows[0]!.written.date_of_birth).toBe('2000-27-02')
    expect(rows[1]!.flags[0]!.code).toBe('date_impossible')
    expect(rows[1]!.person.dateOfBirth).toBe('1990-02')
    expect(rows[2]!.flags.map((f) => f.code)).toEqual(['date_in_future', 'sex_unreadable'])
    expect(rows[2]!.person.dateOfBirth).toBe('')
    expect(rows[3]!.ref).toBe('1#5')
    expect(rows[3]!.flags).toEqual([{ code: 'ref_repeated', params: { line: 5, ref: '1' } }])
  })

  it('is refused only for a column no field reads or no row with a surname, naming them', () => {
    expect(() => readSought(['id', 'surname', 'colour'], [['1', 'Мороз', 'red']], TODAY)).toThrow(/colour/)
    expect(() => readSought(['id', 'surname'], [['1', '']], TODAY)).toThrow(
      /no row of the file gives a surname/,
    )
  })

  it('reads dates both ways round and compares them with their slips', () => {
    expect(readReceivedDate('dob', '2040-01-01', TODAY).flag?.code).toBe('date_in_future')
    expect(compareDates('2000-27-02', '2000-02-27')).toBe('day_month_swapped')
    expect(compareDates('27.02.2000', '2000-02-27')).toBe('same')
    expect(compareDates('2000', '2000-02-27')).toBe('partial')
    expect(compareDates('2000-03-01', '2000-02-27')).toBe('different')
  })
})

describe('duplicates inside a received list', () => {
  it('finds Russian forms, transliterations, swapped dates and repeated references, and nothing else', () => {
    const rows: ListedPerson[] = ours.map((p) => ({
      ref: p.id,
      listedRef: p.id,
      surname: p.surname,
      firstNames: p.givenName,
      dateOfBirth: p.dateOfBirth,
    }))
    const [a, b, c] = swappable
    const d = ours[5]!
    rows.push(
      // the same person in Russian spelling, the date with day and month swapped
      {
        ref: 'ru',
        surname: a!.forms.surname.ru,
        firstNames: a!.forms.givenName.ru,
        dateOfBirth: swap(a!.dateOfBirth),
      },
      // in Latin letters
      {
        ref: 'lat',
        surname: transliterate(b!.surname, 'uk-2010'),
        firstNames: transliterate(b!.givenName, 'uk-2010'),
        dateOfBirth: b!.dateOfBirth,
      },
      // day first, as their lists write it
      {
        ref: 'dotted',
        surname: c!.surname,
        firstNames: c!.givenName,
        dateOfBirth: c!.dateOfBirth.split('-').reverse().join('.'),
      },
      // the same reference twice, the second row a different spelling of nothing alike
      { ref: `${d.id}#2`, listedRef: d.id, surname: 'Іваненко', firstNames: 'Зиновій', dateOfBirth: '' },
    )
    const groups = findDuplicates(rows)
    const sets = groups.map((g) => [...g.refs].sort())
    expect(sets).toEqual(
      expect.arrayContaining([
        [a!.id, 'ru'].sort(),
        [b!.id, 'lat'].sort(),
        [c!.id, 'dotted'].sort(),
        [d.id, `${d.id}#2`].sort(),
      ]),
    )
    expect(groups).toHaveLength(4)
    const ru = groups.find((g) => g.refs.includes('ru'))!
    expect(ru.evidence[0]).toMatchObject({ date: 'day_month_swapped' })
    expect(ru.evidence[0]!.agreed).toEqual(expect.arrayContaining(['surname', 'given_name', 'date_of_birth']))
    expect(ru.evidence[0]!.score).toBeGreaterThanOrEqual(0.9)
    expect(groups.find((g) => g.refs.includes(d.id))!.evidence[0]!.agreed).toContain('ref')
  })
})

describe('duplicates whose surnames share no key', () => {
  it('finds Пісоцький Опанас written again as Песоцкий Афанасий with day and month swapped', () => {
    const rows: ListedPerson[] = [
      { ref: '1', surname: 'Пісоцький', firstNames: 'Опанас', dateOfBirth: '1997-08-27' },
      { ref: '2', surname: 'Песоцкий', firstNames: 'Афанасий', dateOfBirth: '1997-27-08' },
      { ref: '3', surname: 'Петренко', firstNames: 'Опанас', dateOfBirth: '1997-08-27' },
    ]
    const groups = findDuplicates(rows)
    expect(groups.map((g) => [...g.refs].sort())).toEqual([['1', '2']])
    expect(groups[0]!.evidence[0]).toMatchObject({ date: 'day_month_swapped' })
  })
})

describe('counter-list matching', () => {
  const pool: PoolPerson[] = ours.map((p) => ({
    ref: p.id,
    surname: p.surname,
    firstNames: p.givenName,
    dateOfBirth: p.dateOfBirth,
  }))
  const row = (line: number, surname: string, firstNames: string, dateOfBirth: string, replaces = '') => ({
    line,
    side: 'receive' as const,
    surname,
    firstNames,
    patronymic: '',
    dateOfBirth,
    replaces,
  })

  it('matches Russian given-name forms, Latin letters and swapped dates, each with its evidence', () => {
    const [a, b, c] = swappable
    const m = matchCounter(
      [
        row(2, a!.surname, a!.forms.givenName.ru, a!.dateOfBirth),
        row(3, transliterate(b!.surname, 'uk-2010'), transliterate(b!.givenName, 'uk-2010'), b!.dateOfBirth),
        row(4, c!.forms.surname.ru, c!.forms.givenName.ru, swap(c!.dateOfBirth)),
        row(5, 'Невідомий', 'Іван', '1990-01-01'),
        row(6, a!.surname, a!.givenName, a!.dateOfBirth),
      ],
      { give: [], receive: pool },
    )
    expect(m.map((x) => x.status)).toEqual(['matched', 'matched', 'matched', 'unmatched', 'repeated'])
    expect(m.slice(0, 3).map((x) => x.match!.ref)).toEqual([a!.id, b!.id, c!.id])
    expect(m[0]!.match!.agreed).toEqual(['surname', 'given_name', 'date_of_birth'])
    expect(m[2]!.match!.date).toBe('day_month_swapped')
    expect(m[4]!.match!.ref).toBe(a!.id)
  })

  it('matches Шавикін Александр to Шавикін Олександр', () => {
    const m = matchCounter([row(2, 'Шавикін', 'Александр', '14.03.1990')], {
      give: [],
      receive: [{ ref: 'x', surname: 'Шавикін', firstNames: 'Олександр', dateOfBirth: '1990-03-14' }],
    })
    expect(m[0]).toMatchObject({ status: 'matched', match: { ref: 'x', date: 'same' } })
  })
})

describe('the difference of two rounds', () => {
  it('pairs no one by list order; a substitution only where someone paired them', () => {
    const before = { give: ['g1', 'g2'], receive: ['r1', 'r2', 'r3'] }
    const after = { give: ['g1', 'g2'], receive: ['r1', 'n1', 'n2'] }
    expect(diffRounds(before, after).receive).toEqual({
      added: ['n1', 'n2'],
      removed: ['r2', 'r3'],
      substituted: [],
    })
    const paired = diffRounds(before, after, [{ side: 'receive', out: 'r3', in: 'n1', source: 'operator' }])
    expect(paired.receive).toEqual({
      added: ['n2'],
      removed: ['r2'],
      substituted: [{ out: 'r3', in: 'n1', by: 'operator' }],
    })
    expect(paired.give).toEqual({ added: [], removed: [], substituted: [] })
  })
})
