import { describe, expect, it } from 'vitest'
import type { Plan } from '../model'
import { reason } from '../reasons'
import { nameReasons } from './name-reasons'

const people = new Map([
  ['a', { surname: 'Шевченко', firstNames: 'Олена', dateOfBirth: null }],
  ['b', { surname: 'Коваль', firstNames: 'Петро', dateOfBirth: null }],
])
const plan = (over: Partial<Plan>): Plan => ({
  feasible: true,
  give: [],
  receive: [],
  leftOut: [],
  conflicts: [],
  conflictCodes: [],
  objective: 0,
  method: 'greedy',
  proven: false,
  ...over,
})

describe('reasons that name persons', () => {
  it('gives travels-with, named requests and a companion who cannot go their names beside the ids', () => {
    const named = nameReasons(
      plan({
        give: [
          {
            id: 'a',
            side: 'give',
            reasons: ['travels with b'],
            codes: [reason('reason.held', { days: 3 }), reason('reason.travelsWith', { ids: 'b' })],
          },
        ],
        leftOut: [
          {
            id: 'b',
            side: 'give',
            reason: '',
            code: reason('ineligible.groupMember', { other: 'a', why: 'ineligible.noConsent' }),
          },
        ],
        conflictCodes: [reason('conflict.namedRequest', { ids: 'a, b', side: 'give' })],
      }),
      people,
    )
    expect(named.give[0]!.codes[1]).toEqual(reason('reason.travelsWith', { ids: 'b', names: 'Коваль Петро' }))
    expect(named.give[0]!.reasons).toEqual(['held 3 days', 'travels with Коваль Петро'])
    expect(named.leftOut[0]!.reason).toBe(
      'travels together with Шевченко Олена, who cannot go: no consent to repatriation recorded',
    )
    expect(named.conflicts).toEqual(['named request: Шевченко Олена, Коваль Петро (give)'])
  })

  it('keeps an id it cannot name', () => {
    const named = nameReasons(
      plan({
        give: [{ id: 'a', side: 'give', reasons: [], codes: [reason('reason.travelsWith', { ids: 'zz' })] }],
      }),
      people,
    )
    expect(named.give[0]!.reasons).toEqual(['travels with zz'])
  })
})
