import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { PersonEvent } from './events'
import { currentState, nextState } from './state'

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

  it('refuses an event dated before the last one', () => {
    expect(() => nextState(held, ev(4, 'transferred', '2025-12-31', 'camp-b'))).toThrow(
      /cannot come after the event of 2026-01-03/,
    )
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
