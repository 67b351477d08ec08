import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { PersonEvent } from './events'
import { factsOf } from './facts'
import { currentState, foldHistory } from './state'

let seq = 0
const ev = (
  type: PersonEvent['type'],
  occurredOn: string,
  details: Record<string, unknown> = {},
): PersonEvent => ({
  seq: ++seq,
  type,
  occurredOn,
  facilityId: null,
  details,
})

describe('person facts', () => {
  it('reads the latest word: a refusal is no consent, a later consent ends it', () => {
    const refused = [
      ev('consent_given', '2026-01-01'),
      ev('refused_repatriation', '2026-02-01', { heardBy: 'ICRC interview' }),
    ]
    expect(factsOf(refused)).toMatchObject({
      consent: { given: false, on: '2026-02-01' },
      refusedRepatriation: { on: '2026-02-01', heardBy: 'ICRC interview' },
    })
    const changed = [...refused, ev('consent_given', '2026-03-01')]
    expect(factsOf(changed)).toMatchObject({ consent: { given: true }, refusedRepatriation: null })
    // a late entry takes its place by date, not by the order it was recorded
    const late = [...changed, ev('refused_repatriation', '2026-04-01', { heardBy: 'camp doctor' })]
    expect(factsOf(late).refusedRepatriation?.heardBy).toBe('camp doctor')
  })

  it('keeps proceedings open until closed, with the case number', () => {
    const open = [ev('proceedings_opened', '2026-01-05', { reference: 'K-17' })]
    expect(factsOf(open).proceedings).toEqual({ open: true, on: '2026-01-05', reference: 'K-17' })
    expect(factsOf([...open, ev('proceedings_closed', '2026-02-05')]).proceedings).toEqual({
      open: false,
      on: '2026-02-05',
      reference: 'K-17',
    })
  })

  it('never moves the custody status, and cannot be recorded for the dead', () => {
    const history = [
      ev('captured', '2025-05-01'),
      ev('consent_given', '2025-06-01'),
      ev('proceedings_opened', '2025-06-02'),
      ev('did_not_cross', '2025-07-01', { reason: 'no_show' }),
    ]
    expect(currentState(history).status).toBe('captured')
    expect(() =>
      currentState([...history, ev('died', '2025-08-01'), ev('consent_given', '2025-09-01')]),
    ).toThrow(/consent to repatriation cannot be recorded for a person who is dead/)
  })

  it('leave status, facility and health as the moving events make them, whatever they interleave with', () => {
    const moving = [
      'arrived',
      'transferred',
      'hospitalised',
      'discharged',
      'escaped',
      'recaptured',
      'died',
    ] as const
    const facts = [
      'consent_given',
      'consent_withdrawn',
      'refused_repatriation',
      'proceedings_opened',
    ] as const
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.constantFrom(...moving, ...facts), fc.constantFrom('f1', 'f2', 'h1'), fc.nat(30)),
          {
            maxLength: 15,
          },
        ),
        (steps) => {
          const events: PersonEvent[] = [
            { seq: 1, type: 'captured', occurredOn: '2026-01-01', facilityId: null, details: {} },
            ...steps.map(([type, facility, day], i) => ({
              seq: i + 2,
              type,
              occurredOn: `2026-02-${String((day % 28) + 1).padStart(2, '0')}`,
              facilityId:
                (moving as readonly string[]).includes(type) && type !== 'escaped' && type !== 'died'
                  ? facility
                  : null,
              details: type === 'refused_repatriation' ? { heardBy: 'ICRC interview' } : {},
            })),
          ]
          const without = events.filter((e) => !(facts as readonly string[]).includes(e.type))
          const a = foldHistory(events)
          const b = foldHistory(without)
          // a fact can only be refused where the person is no longer held; it never moves anyone
          if (a.ok && b.ok) {
            expect(a.state.status).toBe(b.state.status)
            expect(a.state.facilityId).toBe(b.state.facilityId)
            expect(a.state.health).toBe(b.state.health)
          }
          if (!b.ok) expect(a.ok).toBe(false)
        },
      ),
    )
  })
})
