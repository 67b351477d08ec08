import { describe, expect, it } from 'vitest'
import { ValidationError } from '../core/errors'
import { monthlyFigures, monthOf, reportDocument, signed } from './monthly'

describe('the monthly report, pure', () => {
  it('takes a month as YYYY-MM with the month before it, across a year', () => {
    expect(monthOf('2026-01', '2026-11-30')).toEqual({
      month: '2026-01',
      previous: '2025-12',
      from: '2026-01-01',
      to: '2026-02-01',
      previousFrom: '2025-12-01',
    })
    expect(monthOf('2026-12', '2026-12-05').to).toBe('2027-01-01')
  })

  it.each([
    ['2026-13', /01 to 12/],
    ['2026-1', /YYYY-MM/],
    ['November', /YYYY-MM/],
    ['2026-12', /has not come yet/],
    [undefined, /required/],
  ])('refuses the month %s naming the field', (month, message) => {
    try {
      monthOf(month, '2026-11-30')
      expect.unreachable()
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError)
      const issue = (e as ValidationError).issues[0]!
      expect(issue.path).toBe('month')
      expect(issue.message).toMatch(message)
    }
  })

  it('sets each figure beside the month before, with its change', () => {
    const span = monthOf('2026-11', '2026-11-30')
    const r = monthlyFigures(span, '2026-11-30T10:00:00.000Z', {
      registered: [
        { month: '2026-10', n: 5 },
        { month: '2026-11', n: 2 },
      ],
      custodyEvents: [{ month: '2026-11', type: 'died', n: 1 }],
      ours: [
        { month: '2026-10', reportedMissing: 4, captivityIndicated: 0, captivityConfirmed: 1, returned: 0 },
      ],
      exchanges: [
        {
          id: 'a',
          name: 'Обмін 7',
          counterpart: 'x',
          status: 'done',
          month: '2026-11',
          on: '2026-11-20',
          given: 3,
          received: 2,
        },
        {
          id: 'b',
          name: 'Обмін 6',
          counterpart: 'x',
          status: 'done',
          month: '2026-10',
          on: '2026-10-02',
          given: 1,
          received: 1,
        },
      ],
    })
    expect(r.custody.find((f) => f.key === 'registered')).toEqual({
      key: 'registered',
      n: 2,
      previous: 5,
      change: -3,
    })
    expect(r.custody.find((f) => f.key === 'died')?.change).toBe(1)
    expect(r.ours.find((f) => f.key === 'reportedMissing')).toMatchObject({ n: 0, previous: 4, change: -4 })
    expect(r.exchanges.totals.find((f) => f.key === 'given')).toMatchObject({ n: 3, previous: 1, change: 2 })
    expect(r.exchanges.items.map((e) => e.name)).toEqual(['Обмін 7'])
    const doc = reportDocument(r, 'uk')
    expect(doc.sections[0]!.rows[0]).toEqual(['Зареєстровано', 2, 5, '−3'])
    expect(doc.generatedAt).toBe('Обчислено 2026-11-30 10:00 UTC')
  })

  it('signs a change: + more, − fewer, 0 none', () => {
    expect([signed(3), signed(-2), signed(0)]).toEqual(['+3', '−2', '0'])
  })
})
