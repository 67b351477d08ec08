import { describe, expect, it } from 'vitest'
import { byUrgency, urgencyOf } from './urgency'

describe('how urgent an enquiry is', () => {
  it('is overdue when unanswered longer than the setting, or when a follow-up date has passed', () => {
    expect(
      urgencyOf({ receivedOn: '2025-01-01', answeredOn: null, nextFollowUpOn: null }, '2025-02-15', 30),
    ).toEqual({ ageDays: 45, overdue: true, reasons: ['unanswered'], daysOverdue: 15 })
    expect(
      urgencyOf(
        { receivedOn: '2025-01-01', answeredOn: '2025-01-03', nextFollowUpOn: '2025-02-10' },
        '2025-02-15',
        30,
      ),
    ).toEqual({ ageDays: 45, overdue: true, reasons: ['follow_up_due'], daysOverdue: 5 })
    expect(
      urgencyOf(
        { receivedOn: '2025-02-01', answeredOn: null, nextFollowUpOn: '2025-02-15' },
        '2025-02-15',
        30,
      ),
    ).toMatchObject({ overdue: false, ageDays: 14 })
  })

  it('stops ageing when closed and is never overdue then', () => {
    expect(
      urgencyOf(
        { receivedOn: '2025-01-01', answeredOn: null, nextFollowUpOn: null, closedOn: '2025-01-11' },
        '2025-06-01',
        30,
      ),
    ).toEqual({ ageDays: 10, overdue: false, reasons: [], daysOverdue: 0 })
  })

  it('orders the overdue first, the longest overdue before the others, then the oldest', () => {
    const row = (number: number, overdue: boolean, daysOverdue: number, ageDays: number) => ({
      number,
      urgency: { overdue, daysOverdue, ageDays, reasons: [] },
    })
    const sorted = [
      row(1, false, 0, 90),
      row(2, true, 3, 20),
      row(3, true, 9, 10),
      row(4, false, 0, 95),
    ].sort(byUrgency)
    expect(sorted.map((r) => r.number)).toEqual([3, 2, 4, 1])
  })
})
