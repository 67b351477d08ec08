import { describe, expect, it } from 'vitest'
import type { Terms } from '../../exchange/model'
import { TermsInput } from '../../exchange/schema'
import { bodyOf, movePriority, stateOf } from './terms-state'

const FULL: Terms = {
  balance: {
    kind: 'value',
    values: { colonel: 5, 'category:civilian_internee': 0.5 },
    default: 1,
    tolerance: 2,
  },
  maxSize: 1000,
  quotas: [
    { side: 'receive', group: 'seriously_wounded_or_sick', min: 60 },
    { side: 'give', group: 'category:civilian_internee', max: 25 },
  ],
  exclusions: ['0b6c2a3e-0000-4000-8000-000000000001', 'P0000042'],
  allowProceedings: true,
  priorities: ['woman', 'seriously_wounded_or_sick', 'longest_held'],
  youngUpTo: 21,
}

describe('the terms form', () => {
  it('sends back every term it was given, unchanged', () => {
    expect(bodyOf(stateOf(FULL))).toEqual(FULL)
    expect(TermsInput.parse(bodyOf(stateOf(FULL)))).toEqual(FULL)
  })

  it('keeps the terms the operator did not touch when one is changed', () => {
    const s = stateOf(FULL)
    const body = bodyOf({ ...s, maxSize: 900, priorities: movePriority(s.priorities, 1, -1) })
    expect(body).toEqual({
      ...FULL,
      maxSize: 900,
      priorities: ['seriously_wounded_or_sick', 'woman', 'longest_held'],
    })
  })

  it('turns a priority off and a ratio on without losing exclusions or the youngest age', () => {
    const s = stateOf({ ...FULL, balance: { kind: 'equal' } })
    const off = s.priorities.map((p) => (p.category === 'woman' ? { ...p, on: false } : p))
    const body = bodyOf({ ...s, balance: 'ratio', ratio: { give: 2, receive: 1 }, priorities: off })
    expect(body.balance).toEqual({ kind: 'ratio', give: 2, receive: 1 })
    expect(body.priorities).toEqual(['seriously_wounded_or_sick', 'longest_held'])
    expect(body.exclusions).toEqual(FULL.exclusions)
    expect(body.youngUpTo).toBe(21)
  })
})
