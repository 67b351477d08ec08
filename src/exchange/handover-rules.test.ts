import { describe, expect, it } from 'vitest'
import { NO_FACTS } from '../custody/facts'
import { en } from '../web/locales/en'
import { uk } from '../web/locales/uk'
import {
  crossingOrder,
  dedupe,
  HANDOVER_REASON_CODES,
  handoverReasonText,
  stagesOf,
  substituteRefusal,
} from './handover-rules'
import { type Candidate, DEFAULT_TERMS } from './model'
import { giveFacts } from './use-cases/candidates'
import { endingsOf } from './use-cases/handover'

function person(id: string, over: Partial<Candidate> = {}): Candidate {
  return {
    id,
    side: 'give',
    sex: 'male',
    age: 40,
    seriouslyWoundedOrSick: false,
    daysHeld: 100,
    category: 'prisoner_of_war',
    rank: 'private',
    consent: true,
    refusedRepatriation: false,
    pendingProceedings: false,
    inOpenExchange: false,
    groupId: null,
    requested: false,
    ...over,
  }
}
const mapOf = (cs: Candidate[]) => new Map(cs.map((c) => [c.id, c]))

describe('the order of crossing', () => {
  const pool = [
    person('a', { daysHeld: 30 }),
    person('b', { daysHeld: 900 }),
    person('c', { seriouslyWoundedOrSick: true, daysHeld: 10 }),
    person('d', { sex: 'female', daysHeld: 20 }),
    person('e', { daysHeld: 400 }),
    person('f', { seriouslyWoundedOrSick: true, daysHeld: 500 }),
  ]

  it('goes by priority, then the longest held, whatever the order of the list rows', () => {
    const rows = ['a', 'b', 'c', 'd', 'e', 'f']
    const order = crossingOrder(rows, mapOf(pool), DEFAULT_TERMS)
    // wounded (longest first), the woman, then b: 900 days is the longest-held quarter; then 400, 30
    expect(order).toEqual(['f', 'c', 'd', 'b', 'e', 'a'])
    expect(crossingOrder([...rows].reverse(), mapOf(pool), DEFAULT_TERMS)).toEqual(order)
  })

  it('fills the stages in that order and keeps a travel group together', () => {
    const grouped = pool.map((c) => (c.id === 'a' || c.id === 'c' ? { ...c, groupId: 'family 1' } : c))
    const stages = stagesOf(['a', 'b', 'c', 'd', 'e', 'f'], mapOf(grouped), DEFAULT_TERMS, [2, 2, 2])
    expect([...stages.entries()]).toEqual([
      ['f', 1],
      ['c', 1],
      ['a', 2],
      ['d', 2],
      ['b', 3],
      ['e', 3],
    ])
  })

  it('lists a person named twice once, and says who', () => {
    expect(dedupe(['x', 'y', 'x', 'z', 'y'])).toEqual({ unique: ['x', 'y', 'z'], repeated: ['x', 'y'] })
  })
})

describe('who may cross instead', () => {
  const terms = DEFAULT_TERMS
  it('refuses on our side the refuser, the dead, the escaped, proceedings, the listed and the stranger', () => {
    const code = (...a: Parameters<typeof substituteRefusal>) => substituteRefusal(...a)?.code ?? null
    expect(code('give', person('r', { refusedRepatriation: true }), null, false, terms)).toBe(
      'ineligible.refusedRepatriation',
    )
    expect(code('give', person('p', { pendingProceedings: true }), null, false, terms)).toBe(
      'ineligible.proceedings',
    )
    expect(
      code('give', person('p', { pendingProceedings: true }), null, false, {
        ...terms,
        allowProceedings: true,
      }),
    ).toBeNull()
    expect(code('give', person('n', { consent: false }), null, false, terms)).toBe('ineligible.noConsent')
    expect(code('give', person('o', { inOpenExchange: true }), null, false, terms)).toBe(
      'ineligible.inOpenExchange',
    )
    expect(code('give', person('l'), null, true, terms)).toBe('substitute.alreadyListed')
    expect(code('give', undefined, { status: 'died', confirmation: 'confirmed' }, false, terms)).toBe(
      'substitute.died',
    )
    expect(code('give', undefined, { status: 'escaped', confirmation: 'confirmed' }, false, terms)).toBe(
      'substitute.escaped',
    )
    expect(code('give', undefined, { status: 'exchanged', confirmation: 'confirmed' }, false, terms)).toBe(
      'substitute.notHeld',
    )
    expect(code('give', undefined, null, false, terms)).toBe('substitute.notInRegister')
    expect(code('give', person('ok'), null, false, terms)).toBeNull()
  })

  it('accepts on their side only a person of our sought list', () => {
    expect(substituteRefusal('receive', undefined, null, false, terms)?.code).toBe('substitute.notSought')
    expect(substituteRefusal('receive', person('s', { side: 'receive' }), null, true, terms)?.code).toBe(
      'substitute.alreadyListed',
    )
    expect(substituteRefusal('receive', person('s', { side: 'receive' }), null, false, terms)).toBeNull()
  })

  it('has every code translated in the web, in both languages', () => {
    for (const messages of [en, uk])
      for (const code of HANDOVER_REASON_CODES)
        expect(Object.keys(messages.exchangeReasons), code).toContain(code.replaceAll('.', '_'))
  })

  it('words every reason in English too', () => {
    expect(handoverReasonText({ code: 'substitute.notHeld', params: { status: 'released' } })).toBe(
      'is no longer held (released)',
    )
    expect(handoverReasonText({ code: 'ineligible.refusedRepatriation' })).toContain('Art. 109')
  })
})

describe('person facts in an exchange', () => {
  const refusal = { ...NO_FACTS, refusedRepatriation: { on: '2026-01-01', heardBy: 'ICRC interview' } }
  it('decide by default; a note overrides what it states but never lifts a recorded refusal', () => {
    expect(giveFacts({ ...NO_FACTS, consent: { given: true, on: '2026-01-01' } }, undefined).consent).toBe(
      true,
    )
    expect(
      giveFacts({ ...NO_FACTS, consent: { given: true, on: '2026-01-01' } }, { consent: false }).consent,
    ).toBe(false)
    expect(giveFacts(refusal, { consent: true, refusedRepatriation: false })).toEqual({
      consent: false,
      refusedRepatriation: true,
      pendingProceedings: false,
    })
    expect(
      giveFacts({ ...NO_FACTS, proceedings: { open: true, on: '2026-01-01', reference: null } }, {}),
    ).toMatchObject({
      pendingProceedings: true,
    })
  })
})

describe('what completion writes', () => {
  it('ends every row of our list with one event, and keeps our people who came home', () => {
    const row = (
      side: 'give' | 'receive',
      ref: string,
      outcome: string,
      substitute_ref: string | null = null,
    ) => ({
      side,
      ref,
      stage: 2,
      outcome,
      substitute_ref,
    })
    const { endings, returned } = endingsOf(
      'x',
      [
        row('give', 'a', 'crossed'),
        row('give', 'b', 'no_show'),
        row('give', 'c', 'refused'),
        row('give', 'd', 'substituted', 'e'),
        row('receive', 'r1', 'crossed'),
        row('receive', 'r2', 'substituted', 'r3'),
        row('receive', 'r4', 'no_show'),
      ],
      '2026-11-30',
      'exchange',
    )
    expect(endings.map((x) => [x.personId, x.event.type, x.mustBeHeld])).toEqual([
      ['a', 'exchanged', true],
      ['b', 'did_not_cross', false],
      ['c', 'did_not_cross', false],
      ['d', 'replaced', false],
      ['e', 'exchanged', true],
    ])
    expect(endings[4]!.event).toMatchObject({ stage: 2, substituteFor: 'd' })
    expect(endings[2]!.event).toMatchObject({ reason: 'refused' })
    expect(returned).toEqual([
      { ref: 'r1', stage: 2, replacedRef: null },
      { ref: 'r3', stage: 2, replacedRef: 'r2' },
    ])
  })
})
