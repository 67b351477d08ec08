import { describe, expect, it } from 'vitest'
import type { PersonEvent } from './events'
import { factsOf } from './facts'
import { currentState } from './state'

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
})
