import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addDays } from './rules'
import { type HealthEvent, seriousPeriods, weeklyBulletinsOwed } from './weekly'

const ev = (seq: number, type: string, occurredOn: string, health: string | null = null): HealthEvent => ({
  seq,
  type,
  occurredOn,
  health,
})
const capture = [ev(1, 'captured', '2026-03-01'), ev(2, 'arrived', '2026-03-02')]
const wounded = ev(3, 'hospitalised', '2026-03-02', 'seriously_wounded')

describe('weekly health bulletins (GC III Art. 122, GC IV Art. 138)', () => {
  it('repeat every week while the person stays seriously wounded, counted from the last report', () => {
    const owed = weeklyBulletinsOwed([...capture, wounded], ['2026-03-02'], '2026-03-24')
    expect(owed).toEqual([
      { anchorSeq: 3, occurredOn: '2026-03-09', dueOn: '2026-03-16' },
      { anchorSeq: 3, occurredOn: '2026-03-16', dueOn: '2026-03-23' },
      { anchorSeq: 3, occurredOn: '2026-03-23', dueOn: '2026-03-30' },
    ])
  })

  it("a registrar's own bulletin in the week leaves nothing for that week", () => {
    const bulletin = ev(4, 'health_bulletin', '2026-03-07', 'seriously_wounded')
    const owed = weeklyBulletinsOwed(
      [...capture, wounded, bulletin],
      ['2026-03-02', '2026-03-07'],
      '2026-03-14',
    )
    expect(owed).toEqual([{ anchorSeq: 3, occurredOn: '2026-03-14', dueOn: '2026-03-21' }])
  })

  for (const [end, e] of [
    ['recovers', ev(4, 'discharged', '2026-03-12', 'recovered')],
    ['dies', ev(4, 'died', '2026-03-12')],
    ['is released', ev(4, 'released', '2026-03-12')],
    ['is exchanged (transferred out of our power)', ev(4, 'exchanged', '2026-03-12')],
  ] as const)
    it(`stop when the person ${end}`, () => {
      const owed = weeklyBulletinsOwed([...capture, wounded, e], ['2026-03-02'], '2026-04-30')
      expect(owed.map((w) => w.occurredOn)).toEqual(['2026-03-09'])
    })

  it('a transfer between our own camps does not stop them; a slight wound after a serious one does', () => {
    const periods = seriousPeriods([
      ...capture,
      wounded,
      ev(4, 'transferred', '2026-03-05'),
      ev(5, 'health_bulletin', '2026-03-20', 'slightly_wounded'),
      ev(6, 'health_bulletin', '2026-04-01', 'seriously_sick'),
    ])
    expect(periods).toEqual([
      { anchorSeq: 3, start: '2026-03-02', end: '2026-03-20' },
      { anchorSeq: 6, start: '2026-04-01', end: null },
    ])
  })

  it('nothing for a person never seriously ill or wounded', () => {
    expect(
      weeklyBulletinsOwed([...capture, ev(3, 'health_bulletin', '2026-03-02', 'sick')], [], '2026-06-01'),
    ).toEqual([])
  })

  it('property: owed weeks are 7 days apart, begun by today, inside the period, and none owed twice', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 120 }),
        fc.integer({ min: 1, max: 120 }),
        (endAfter, todayAfter) => {
          const end = ev(4, 'discharged', addDays('2026-03-02', endAfter), 'recovered')
          const today = addDays('2026-03-02', todayAfter)
          const history = [...capture, wounded, end]
          const owed = weeklyBulletinsOwed(history, ['2026-03-02'], today)
          const again = weeklyBulletinsOwed(history, ['2026-03-02', ...owed.map((w) => w.occurredOn)], today)
          expect(again).toEqual([])
          let last = '2026-03-02'
          for (const w of owed) {
            expect(w.occurredOn).toBe(addDays(last, 7))
            expect(w.occurredOn <= today && w.occurredOn < end.occurredOn).toBe(true)
            last = w.occurredOn
          }
        },
      ),
    )
  })
})
