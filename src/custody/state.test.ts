import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { PersonEvent } from './events'
import { factsOf } from './facts'
import { currentState, nextState, stateWith } from './state'

const ev = (
  seq: number,
  type: PersonEvent['type'],
  occurredOn: string,
  facilityId: string | null = null,
  details = {},
): PersonEvent => ({
  seq,
  type,
  occurredOn,
  facilityId,
  details,
})

const history = [
  ev(1, 'captured', '2026-01-02'),
  ev(2, 'registered', '2026-01-03'),
  ev(3, 'arrived', '2026-01-03', 'camp-a'),
]

describe('currentState', () => {
  it('derives status and facility from the events in sequence order', () => {
    const s = currentState([...history].reverse())
    expect(s.status).toBe('interned')
    expect(s.facilityId).toBe('camp-a')
    expect(s.eventCount).toBe(3)
  })

  it('returns a hospitalised person to the facility they came from on discharge', () => {
    const s = currentState([
      ...history,
      ev(4, 'hospitalised', '2026-02-01', 'hosp-1', { health: 'seriously_wounded' }),
      ev(5, 'discharged', '2026-03-01'),
    ])
    expect(s).toMatchObject({ status: 'interned', facilityId: 'camp-a', health: 'seriously_wounded' })
  })

  it('keeps an unconfirmed report unconfirmed until a confirmed event', () => {
    const unconfirmed = [ev(1, 'captured', '2026-01-02', null, { confirmation: 'unconfirmed' })]
    expect(currentState(unconfirmed).confirmed).toBe(false)
    expect(currentState([...unconfirmed, ev(2, 'confirmed', '2026-01-05')]).confirmed).toBe(true)
  })
})

describe('nextState', () => {
  const held = currentState(history)

  it('refuses any event after death except a correction', () => {
    const dead = nextState(held, ev(4, 'died', '2026-02-01'))
    expect(() => nextState(dead, ev(5, 'transferred', '2026-02-02', 'camp-b'))).toThrow(
      /dead cannot be transferred/,
    )
    expect(() => nextState(dead, ev(5, 'escaped', '2026-02-02'))).toThrow(/cannot be escaped/)
    expect(nextState(dead, ev(5, 'amended', '2026-02-02')).status).toBe('died')
  })

  it('refuses a transfer to the facility the person is in', () => {
    expect(() => nextState(held, ev(4, 'transferred', '2026-02-01', 'camp-a'))).toThrow(/another facility/)
  })

  it('applies a correction without moving the status', () => {
    expect(nextState(held, ev(4, 'amended', '2026-03-10'))).toMatchObject({
      status: 'interned',
      facilityId: 'camp-a',
      lastEventOn: '2026-03-10',
    })
  })

  it('allows recapture only after an escape', () => {
    expect(() => nextState(held, ev(4, 'recaptured', '2026-02-01'))).toThrow(/cannot be recaptured/)
    const escaped = nextState(held, ev(4, 'escaped', '2026-02-01'))
    expect(nextState(escaped, ev(5, 'recaptured', '2026-02-03', 'camp-b'))).toMatchObject({
      status: 'interned',
      facilityId: 'camp-b',
    })
  })

  it('never leaves a person both ended and at a facility, whatever sequence of accepted events', () => {
    const types: PersonEvent['type'][] = [
      'arrived',
      'transferred',
      'hospitalised',
      'discharged',
      'escaped',
      'recaptured',
      'released',
      'died',
      'health_bulletin',
      'exchanged',
    ]
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...types), fc.constantFrom('f1', 'f2', 'h1')), { maxLength: 20 }),
        (steps) => {
          let state = currentState([ev(1, 'captured', '2026-01-01')])
          for (const [type, facility] of steps) {
            try {
              state = nextState(state, ev(0, type, '2026-01-02', facility))
            } catch {
              // refused events leave the state unchanged
            }
            if (['released', 'repatriated', 'exchanged', 'died', 'escaped'].includes(state.status))
              expect(state.facilityId).toBeNull()
            if (state.status === 'interned') expect(state.facilityId).not.toBeNull()
          }
        },
      ),
    )
  })
})

describe('stateWith (late information)', () => {
  const corrected = [...history, ev(4, 'amended', '2026-03-10')]

  it('accepts a transfer dated before a later correction: corrections are not in the status fold', () => {
    expect(stateWith(corrected, ev(0, 'transferred', '2026-03-01', 'camp-b'))).toMatchObject({
      status: 'interned',
      facilityId: 'camp-b',
      eventCount: 5,
      lastEventOn: '2026-03-10',
    })
  })

  it('places a late event by its date, so a later event still decides the state', () => {
    const later = [...history, ev(4, 'health_bulletin', '2026-03-05', null, { health: 'sick' })]
    const s = stateWith(later, ev(0, 'health_bulletin', '2026-02-01', null, { health: 'seriously_sick' }))
    expect(s).toMatchObject({ health: 'sick', lastEventOn: '2026-03-05', eventCount: 5 })
  })

  it('refuses a late death that would make a later transfer impossible, naming that transfer', () => {
    const moved = [...history, ev(4, 'transferred', '2026-03-05', 'camp-b')]
    let error: unknown
    try {
      stateWith(moved, ev(0, 'died', '2026-02-01'))
    } catch (e) {
      error = e
    }
    expect(error).toMatchObject({
      code: 'INVALID_TRANSITION',
      message: expect.stringContaining('the transfer of 2026-03-05'),
      details: { conflictsWith: { seq: 4, type: 'transferred', occurredOn: '2026-03-05' } },
    })
  })

  it('refuses an event that cannot follow the one before it, naming that event', () => {
    const dead = [...history, ev(4, 'died', '2026-02-01')]
    expect(() => stateWith(dead, ev(0, 'escaped', '2026-02-10'))).toThrow(
      /The escape of 2026-02-10 cannot be recorded: after the death of 2026-02-01/,
    )
  })

  it('orders events of one day by the order they were recorded', () => {
    const sameDay = [...history, ev(4, 'transferred', '2026-02-01', 'camp-b')]
    expect(stateWith(sameDay, ev(0, 'transferred', '2026-02-01', 'camp-a')).facilityId).toBe('camp-a')
  })

  it('folds any recording order of a possible history to the same state as date order', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(history.slice(1), { minLength: 2, maxLength: 2 }), (rest) => {
        const recorded = [history[0]!, ...rest].map((e, i) => ({ ...e, seq: i + 1 }))
        expect(currentState(recorded)).toEqual(currentState(history))
      }),
    )
  })
})

describe('the exchange facts cached with the state', () => {
  const FACTS = [
    'consent_given',
    'consent_withdrawn',
    'refused_repatriation',
    'proceedings_opened',
    'proceedings_closed',
  ] as const
  it('say what factsOf says of any history of facts, in any order recorded, and the first capture day', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ type: fc.constantFrom(...FACTS), day: fc.integer({ min: 10, max: 28 }) }), {
          maxLength: 8,
        }),
        (facts) => {
          const events = [
            ...history,
            ...facts.map((f, i) => ev(4 + i, f.type, `2026-02-${String(f.day).padStart(2, '0')}`)),
          ]
          const s = currentState(events)
          const f = factsOf(events)
          expect(s.capturedOn).toBe('2026-01-02')
          expect(s.consentGiven).toBe(f.consent?.given === true)
          expect(s.refusedRepatriation).toBe(f.refusedRepatriation !== null)
          expect(s.proceedingsOpen).toBe(f.proceedings?.open === true)
        },
      ),
    )
  })
})
