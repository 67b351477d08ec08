import { describe, expect, it } from 'vitest'
import { emptyCube, type HeldCell, mergeCubes, profileOf, weeksOf } from './cube'

const cell = (day: string, n: number, more: Partial<HeldCell> = {}): HeldCell => ({
  day,
  priority: 0,
  consent: false,
  refused: false,
  proceedings: false,
  n,
  ...more,
})

const sumOf = (rows: { grp: string; n: number }[], grp: string) =>
  rows.filter((r) => r.grp === grp).reduce((s, r) => s + r.n, 0)

describe("the register's counts", () => {
  it('adds the same cell of two slices and keeps the others', () => {
    const a = { ...emptyCube('2026-11-30'), held: [cell('2026-11-01', 2)], unconfirmed: 1 }
    const b = {
      ...emptyCube('2026-11-30'),
      held: [cell('2026-11-01', 3), cell('2026-11-01', 1, { consent: true })],
      breakdowns: [{ dim: 'status', key: 'interned', n: 4 }],
      registered: [{ day: '2026-11-30', n: 4 }],
      unconfirmed: 2,
    }
    const m = mergeCubes(mergeCubes(a, b), {
      ...emptyCube('2026-11-30'),
      registered: [{ day: '2026-11-30', n: 1 }],
    })
    expect(m.held).toEqual([cell('2026-11-01', 5), cell('2026-11-01', 1, { consent: true })])
    expect(m.registered).toEqual([{ day: '2026-11-30', n: 5 }])
    expect(m.unconfirmed).toBe(3)
    expect(m.breakdowns).toEqual([{ dim: 'status', key: 'interned', n: 4 }])
  })

  it('draws the longest-held quarter as percentile_disc(0.75): the first day at which three quarters are counted', () => {
    // 4 held 10 days, 2 held 20, 2 held 30: 75% reached at 20 days (6 of 8)
    const cells = [cell('2026-11-20', 4), cell('2026-11-10', 2), cell('2026-10-31', 2)]
    const p = profileOf(cells, '2026-11-30')
    expect(sumOf(p, 'longest_held')).toBe(4)
    expect(sumOf(p, 'other')).toBe(4)
    // a priority group is never "longest held", and a range narrows before the quarter is drawn
    const withWoman = [...cells, cell('2026-01-01', 1, { priority: 2 })]
    expect(sumOf(profileOf(withWoman, '2026-11-30'), 'woman')).toBe(1)
    const recent = profileOf(cells, '2026-11-30', { from: '2026-11-10' })
    expect(sumOf(recent, 'longest_held') + sumOf(recent, 'other')).toBe(6)
    expect(sumOf(recent, 'longest_held')).toBe(2)
  })

  it('buckets time held at the edges of 30, 90, 180, 365 and 730 days', () => {
    const today = '2026-11-30'
    const ago = (d: number) => new Date(Date.parse(today) - d * 86_400_000).toISOString().slice(0, 10)
    const buckets = (d: number) => profileOf([cell(ago(d), 1)], today)[0]!.bucket
    expect([29, 30, 89, 90, 179, 180, 364, 365, 729, 730].map(buckets)).toEqual([
      'under_30d',
      'd30_90',
      'd30_90',
      'd90_180',
      'd90_180',
      'd180_365',
      'd180_365',
      'y1_2',
      'y1_2',
      'over_2y',
    ])
  })

  it('counts registrations by week from Monday, within the range', () => {
    const days = [
      { day: '2026-11-29', n: 1 }, // a Sunday: the week of Monday 23
      { day: '2026-11-30', n: 2 }, // a Monday
      { day: '2026-12-06', n: 3 }, // the Sunday after
      { day: '2026-11-01', n: 9 }, // before the range
    ]
    expect(weeksOf(days, { from: '2026-11-20', to: '2026-12-31' })).toEqual([
      { week: '2026-11-23', n: 1 },
      { week: '2026-11-30', n: 5 },
    ])
  })
})
