import { describe, expect, it } from 'vitest'
import type { MissingEvent } from './events'
import { mergeParticulars } from './merge'
import { currentMissingState, foldMissing, missingStateWith } from './state'

let seq = 0
const ev = (
  type: MissingEvent['type'],
  occurredOn: string,
  more: Partial<MissingEvent> = {},
): MissingEvent => ({
  seq: ++seq,
  type,
  occurredOn,
  source: 'test',
  confidence: 'high',
  details: {},
  ...more,
})
const reported = () => ev('reported_missing', '2025-03-01')

describe('the missing-person fold', () => {
  it('stays missing when captivity is confirmed, and says so apart', () => {
    const s = currentMissingState([
      reported(),
      ev('captivity_indicated', '2025-04-01', { confidence: 'low' }),
      ev('captivity_confirmed', '2025-05-01'),
    ])
    expect(s).toMatchObject({ status: 'missing', captivity: 'confirmed' })
  })

  it('a sighting in a facility indicates captivity and names the facility', () => {
    const s = currentMissingState([
      reported(),
      ev('seen_in_facility', '2025-04-01', { details: { facility: 'SIZO-2' } }),
    ])
    expect(s).toMatchObject({ status: 'missing', captivity: 'indicated', lastFacility: 'SIZO-2' })
  })

  it('ends the case on return, or on a death from a sure source only', () => {
    expect(currentMissingState([reported(), ev('returned', '2025-06-01')]).status).toBe('returned')
    const rumour = currentMissingState([reported(), ev('died', '2025-06-01', { confidence: 'low' })])
    expect(rumour).toMatchObject({ status: 'missing', deathReported: true })
    expect(currentMissingState([reported(), ev('died', '2025-06-01')]).status).toBe('dead')
    const body = currentMissingState([
      reported(),
      ev('died', '2025-06-01'),
      ev('body_repatriated', '2025-08-01'),
    ])
    expect(body).toMatchObject({ status: 'dead', bodyRepatriated: true })
  })

  it('a person reported dead by rumour may still come home', () => {
    const s = currentMissingState([
      reported(),
      ev('died', '2025-06-01', { confidence: 'low' }),
      ev('returned', '2025-09-01'),
    ])
    expect(s.status).toBe('returned')
  })

  it('a late event takes its place by date', () => {
    const history = [reported(), ev('returned', '2025-09-01')]
    const s = missingStateWith(history, {
      type: 'captivity_confirmed',
      occurredOn: '2025-05-01',
      source: 'ICRC',
      confidence: 'high',
      details: {},
    })
    expect(s).toMatchObject({ status: 'returned', captivity: 'confirmed', eventCount: 3 })
  })

  it('refuses an event after the return, naming the return', () => {
    const history = [reported(), ev('returned', '2025-09-01')]
    expect(() =>
      missingStateWith(history, {
        type: 'seen_in_facility',
        occurredOn: '2025-10-01',
        source: 'x',
        confidence: 'low',
        details: { facility: 'A' },
      }),
    ).toThrow(/sighting in a facility of 2025-10-01 cannot be recorded: after the return of 2025-09-01/)
  })

  it('refuses a late event that would make a later one impossible, naming that one', () => {
    const history = [reported(), ev('returned', '2025-09-01')]
    try {
      missingStateWith(history, {
        type: 'died',
        occurredOn: '2025-06-01',
        source: 'x',
        confidence: 'high',
        details: {},
      })
      expect.unreachable()
    } catch (e) {
      expect((e as Error).message).toMatch(/it would make the return of 2025-09-01 impossible/)
      expect((e as { details: unknown }).details).toMatchObject({
        conflictsWith: { type: 'returned', occurredOn: '2025-09-01' },
      })
    }
  })

  it('refuses anything dated before the person went missing', () => {
    expect(() =>
      missingStateWith([reported()], {
        type: 'captivity_indicated',
        occurredOn: '2025-01-01',
        source: 'x',
        confidence: 'low',
        details: {},
      }),
    ).toThrow(/before they went missing/)
  })

  it('refuses a second repatriation of the body and a return after a confirmed death', () => {
    const dead = [reported(), ev('body_repatriated', '2025-06-01')]
    expect(foldMissing([...dead, ev('body_repatriated', '2025-07-01')]).ok).toBe(false)
    expect(() =>
      missingStateWith([reported(), ev('died', '2025-06-01')], {
        type: 'returned',
        occurredOn: '2025-07-01',
        source: 'x',
        confidence: 'high',
        details: {},
      }),
    ).toThrow(/return of 2025-07-01 cannot be recorded: after the death of 2025-06-01/)
  })
})

describe('merging reports', () => {
  it('fills what the record lacks and names what the report says otherwise', () => {
    const { merged, filled, disagreements } = mergeParticulars(
      { surname: 'Коваль', dateOfBirth: '1990', unit: '93 ОМБр' },
      { surname: 'коваль', firstNames: 'Петро', dateOfBirth: '1991-02-03' },
    )
    expect(merged).toEqual({ surname: 'Коваль', firstNames: 'Петро', dateOfBirth: '1990', unit: '93 ОМБр' })
    expect(filled).toEqual(['firstNames'])
    expect(disagreements).toEqual(['dateOfBirth'])
  })
})
