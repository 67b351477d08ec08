import { describe, expect, it } from 'vitest'
import { agreedListsDocument, handoverReportDocument, type ListedPerson, latinOf, stageCounts } from './build'
import { DOCUMENT_LANGUAGES, DOCUMENT_TEXTS } from './texts'

const person = (over: Partial<ListedPerson>): ListedPerson => ({
  ref: 'r',
  side: 'give',
  stage: 1,
  priority: null,
  outcome: 'pending',
  substitute: null,
  surname: 'Шевченко',
  firstNames: 'Тарас Григорович',
  dateOfBirth: '1990-03-09',
  serviceNumber: null,
  rank: null,
  ...over,
})
const heading = {
  name: 'Exchange 1',
  counterpart: 'the other side',
  mediator: null,
  venue: null,
  status: 'done',
  stages: [2, 2],
  round: { n: 2, kind: 'counter' },
  started: true,
}

describe('the exchange documents in words', () => {
  it('counts a substitute who crossed as exchanged and as replaced, per stage and in the totals', () => {
    const counts = stageCounts([
      person({ ref: 'a', outcome: 'crossed' }),
      person({ ref: 'b', outcome: 'substituted' }),
      person({ ref: 'c', stage: 2, outcome: 'no_show' }),
      person({ ref: 'd', stage: 2, outcome: 'refused' }),
      person({ ref: 'e', side: 'receive', stage: 2, outcome: 'pending' }),
    ])
    expect(counts.find((c) => c.stage === 1 && c.side === 'give')).toMatchObject({
      agreed: 2,
      crossed: 2,
      replaced: 1,
      didNotCross: 0,
    })
    expect(counts.find((c) => c.stage === 'total' && c.side === 'give')).toMatchObject({
      agreed: 4,
      crossed: 2,
      didNotCross: 2,
      replaced: 1,
      pending: 0,
    })
    expect(counts.find((c) => c.stage === 'total' && c.side === 'receive')).toMatchObject({
      agreed: 1,
      pending: 1,
    })
  })

  it('writes Ukrainian names in the national romanisation and Russian ones by ICAO', () => {
    expect(latinOf({ surname: 'Шевченко', firstNames: 'Олексій' })).toBe('Shevchenko Oleksii')
    expect(latinOf({ surname: 'Шевченко', firstNames: 'Алексей' })).toBe('Shevchenko Aleksei')
  })

  it('has every word in every language, and says why a person did not cross', () => {
    const keys = (o: object) => Object.keys(o).sort()
    for (const lang of DOCUMENT_LANGUAGES) {
      const t = DOCUMENT_TEXTS[lang]
      expect(keys(t)).toEqual(keys(DOCUMENT_TEXTS.en))
      expect(keys(t.outcomes)).toEqual(['crossed', 'no_show', 'pending', 'refused', 'substituted'])
      expect(keys(t.priorities)).toEqual(keys(DOCUMENT_TEXTS.en.priorities))
      expect(keys(t.statuses)).toEqual(keys(DOCUMENT_TEXTS.en.statuses))
      const doc = handoverReportDocument(heading, [person({ outcome: 'no_show' })], lang, new Date())
      expect(doc.sections[0]!.rows[0]).toContain(t.reasons.no_show)
      expect(doc.signatures).toHaveLength(3)
    }
  })

  it('names each person’s priority group and stage in the agreed lists', () => {
    const doc = agreedListsDocument(
      heading,
      [person({ priority: 'seriously_wounded_or_sick', stage: 1 }), person({ side: 'receive', stage: 2 })],
      'uk',
      new Date('2026-11-30T08:00:00Z'),
    )
    expect(doc.sections.map((s) => s.rows.length)).toEqual([1, 1])
    expect(doc.sections[0]!.rows[0]).toEqual(expect.arrayContaining([1, 'тяжкопоранені або тяжкохворі']))
    expect(doc.sections[1]!.rows[0]).toEqual(expect.arrayContaining([2, '—']))
    expect(doc.generatedAt).toBe('Сформовано 2026-11-30 08:00 UTC')
    expect(doc.pageOf(2, 7)).toBe('сторінка 2 з 7')
  })
})
