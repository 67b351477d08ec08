import { describe, expect, it } from 'vitest'
import { type NameLookup, namesOf, referencedIds } from './names'

const PERSON = '0b4f3c1e-9a7d-4c52-8e61-2f0a9d3b7c11'
const CAMP = '5d2e8f90-1b3c-4a6d-9e7f-0a1b2c3d4e5f'
const HOSPITAL = '7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d'

describe('the ids an audit entry points at', () => {
  it('takes the subject and every …Id and …Ids value before and after, nested one level', () => {
    const ids = referencedIds([
      {
        entityId: PERSON,
        before: { status: 'interned', facilityId: CAMP },
        after: { status: 'hospitalised', facilityId: HOSPITAL, note: CAMP, nextOfKin: { name: null } },
      },
      { entityId: null, before: null, after: { personIds: [PERSON, 'u-42'], captureId: null } },
    ])
    expect(ids.sort()).toEqual([PERSON, CAMP, HOSPITAL, 'u-42'].sort())
  })

  it('merges what each owner knows and asks nothing for no ids', async () => {
    let asked = 0
    const lookups: NameLookup[] = [
      async (ids) => {
        asked++
        const known: Record<string, string> = ids.includes(CAMP) ? { [CAMP]: 'Табір №1' } : {}
        return known
      },
      async () => {
        asked++
        return { 'u-42': 'Ірина С (iryna-s)' }
      },
    ]
    expect(await namesOf([CAMP, 'u-42'], lookups)).toEqual({
      [CAMP]: 'Табір №1',
      'u-42': 'Ірина С (iryna-s)',
    })
    expect(await namesOf([], lookups)).toEqual({})
    expect(asked).toBe(2)
  })
})
