import { describe, expect, it } from 'vitest'
import { GC_III, GC_IV, mayJoinBatch, noticesFor, type TriggerEvent } from './rules'

const POW = { category: 'prisoner_of_war', confirmation: 'confirmed', withheld: false }
const CIVILIAN = { category: 'civilian_internee', confirmation: 'confirmed', withheld: false }
const ev = (seq: number, type: string, occurredOn: string, health?: string): TriggerEvent => ({
  seq,
  type,
  occurredOn,
  health,
})

describe('the rules', () => {
  it('names an article for every duty', () => {
    for (const rule of [...GC_III, ...GC_IV]) {
      expect(rule.article).toMatch(/^GC (III|IV) Arts?\.? \d+/)
      expect(rule.on.length).toBeGreaterThan(0)
    }
  })

  it('a registration (captured, registered, arrived) owes one capture card, due a week after arrival, and the Art. 122 notification', () => {
    const out = noticesFor(POW, [
      ev(1, 'captured', '2026-11-20'),
      ev(2, 'registered', '2026-11-30'),
      ev(3, 'arrived', '2026-11-30'),
    ])
    const cards = out.filter((n) => n.kind === 'capture_card')
    expect(cards).toHaveLength(1)
    expect(cards[0]).toMatchObject({
      article: 'GC III Art. 70, Annex IV B',
      dueOn: '2026-12-07',
      eventSeq: 3,
    })
    // "the shortest possible period" runs from the capture itself: already late when learnt late
    expect(out.find((n) => n.kind === 'notification')).toMatchObject({
      article: 'GC III Art. 122',
      eventType: 'captured',
      dueOn: '2026-11-27',
    })
  })

  it('a transfer owes a new card and a notification; a death a death notice under Art. 120', () => {
    expect(
      noticesFor(POW, [ev(4, 'transferred', '2026-11-30')])
        .map((n) => n.kind)
        .sort(),
    ).toEqual(['capture_card', 'notification'])
    const death = noticesFor(POW, [ev(5, 'died', '2026-11-30')])
    expect(death.map((n) => [n.kind, n.article]).sort()).toEqual([
      ['death_notice', 'GC III Art. 120, Annex IV D'],
      ['notification', 'GC III Art. 122'],
    ])
  })

  it('the target for "the shortest possible period" is configurable; a card keeps its week', () => {
    const out = noticesFor(POW, [ev(1, 'captured', '2026-11-30')], { targetDays: 2 })
    expect(out.find((n) => n.kind === 'notification')!.dueOn).toBe('2026-12-02')
    expect(out.find((n) => n.kind === 'capture_card')!.dueOn).toBe('2026-12-07')
  })

  it('civilians fall under GC IV: an internment card (Art. 106) and Arts 136-138 notifications', () => {
    const out = noticesFor(CIVILIAN, [ev(1, 'captured', '2026-11-30')])
    expect(out.map((n) => n.article).sort()).toEqual(['GC IV Art. 106, Annex III', 'GC IV Arts 136-138'])
    expect(out.every((n) => n.convention === 'GC IV')).toBe(true)
  })

  it('a health report only for the seriously ill or wounded', () => {
    expect(noticesFor(POW, [ev(6, 'health_bulletin', '2026-11-30', 'sick')])).toEqual([])
    expect(noticesFor(POW, [ev(6, 'health_bulletin', '2026-11-30', 'seriously_wounded')])).toMatchObject([
      { kind: 'health_report', article: 'GC III Art. 122' },
    ])
  })

  it('an unconfirmed report owes nothing until its confirmation, which counts as the capture', () => {
    const report = { ...POW, confirmation: 'unconfirmed' }
    expect(noticesFor(report, [ev(1, 'captured', '2026-11-01')])).toEqual([])
    expect(
      noticesFor(POW, [ev(3, 'confirmed', '2026-11-30')])
        .map((n) => n.kind)
        .sort(),
    ).toEqual(['capture_card', 'notification'])
  })

  it('Art. 137: a marked civilian goes to the Agency only, never in a batch to the Power; a POW cannot be marked away', () => {
    const marked = noticesFor({ ...CIVILIAN, withheld: true }, [ev(1, 'captured', '2026-11-30')])
    expect(marked.every((n) => n.withheldFromPower && n.recipient === 'agency')).toBe(true)
    expect(mayJoinBatch(marked[0]!, 'agency')).toBeNull()
    expect(mayJoinBatch(marked[0]!, 'power')).toMatch(/GC IV Art. 137/)
    expect(
      noticesFor({ ...POW, withheld: true }, [ev(1, 'captured', '2026-11-30')]).some(
        (n) => n.withheldFromPower,
      ),
    ).toBe(false)
  })

  it('facts and corrections raise nothing by themselves', () => {
    expect(noticesFor(POW, [ev(7, 'consent_given', '2026-11-30'), ev(8, 'amended', '2026-11-30')])).toEqual(
      [],
    )
  })
})
