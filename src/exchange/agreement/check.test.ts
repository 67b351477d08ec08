import { describe, expect, it } from 'vitest'
import type { Candidate, Side, Terms } from '../model'
import { DEFAULT_TERMS } from '../model'
import { checkAgreement } from './check'

const person = (id: string, side: Side, extra: Partial<Candidate> = {}): Candidate => ({
  id,
  side,
  sex: 'male',
  age: 30,
  seriouslyWoundedOrSick: false,
  daysHeld: 100,
  category: 'prisoner_of_war',
  rank: null,
  consent: true,
  refusedRepatriation: false,
  pendingProceedings: false,
  inOpenExchange: false,
  groupId: null,
  requested: false,
  ...extra,
})
const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`)
const give = ids('g', 10).map((id) => person(id, 'give'))
const receive = ids('r', 10).map((id) => person(id, 'receive'))
const check = (
  lists: Record<Side, string[]>,
  terms: Partial<Terms> = {},
  extra: Candidate[] = [],
  undecided = 0,
) =>
  checkAgreement({
    lists,
    candidates: [...give, ...receive, ...extra],
    terms: { ...DEFAULT_TERMS, ...terms },
    undecidedDuplicates: undecided,
    nameOf: (ref) => `name of ${ref}`,
  })

describe('the agreed lists against the terms', () => {
  it('holds for a balanced pair of lists', () => {
    expect(check({ give: ids('g', 5), receive: ids('r', 5) })).toEqual([])
  })

  it('names an equal balance broken with both counts', () => {
    expect(check({ give: ids('g', 10), receive: ids('r', 9) })).toEqual([
      { code: 'balance_equal', params: { give: 10, receive: 9 } },
    ])
  })

  it('checks a ratio, a value table within its tolerance, the largest size and quotas', () => {
    expect(
      check(
        { give: ids('g', 4), receive: ids('r', 3) },
        { balance: { kind: 'ratio', give: 2, receive: 1 } },
      )[0],
    ).toEqual({
      code: 'balance_ratio',
      params: { give: 4, receive: 3, ratioGive: 2, ratioReceive: 1 },
    })
    const value = { kind: 'value' as const, values: { officer: 3 }, default: 1, tolerance: 1 }
    const officer = person('o', 'give', { rank: 'officer' })
    expect(check({ give: ['o'], receive: ids('r', 3) }, { balance: value }, [officer])).toEqual([])
    expect(check({ give: ['o'], receive: ids('r', 5) }, { balance: value }, [officer])).toEqual([
      { code: 'balance_value', params: { giveValue: 3, receiveValue: 5, tolerance: 1 } },
    ])
    expect(check({ give: ids('g', 6), receive: ids('r', 6) }, { maxSize: 5 }).map((b) => b.code)).toEqual([
      'max_size',
    ])
    const wounded = person('w', 'receive', { seriouslyWoundedOrSick: true })
    expect(
      check(
        { give: ids('g', 2), receive: ids('r', 2) },
        { quotas: [{ side: 'receive', group: 'seriously_wounded_or_sick', min: 1 }] },
        [wounded],
      ),
    ).toEqual([
      {
        code: 'quota_min',
        params: { side: 'receive', group: 'seriously_wounded_or_sick', count: 0, min: 1 },
      },
    ])
  })

  it('names a refuser, a person listed twice, one missing who was requested, and undecided duplicates', () => {
    const refuser = person('x', 'give', { refusedRepatriation: true })
    const requested = person('q', 'receive', { requested: true })
    const breaches = check({ give: ['g0', 'x', 'g0'], receive: ['r0', 'r1'] }, {}, [refuser, requested], 2)
    expect(breaches).toEqual([
      { code: 'refused_repatriation', params: { side: 'give', ref: 'x', name: 'name of x' } },
      { code: 'listed_twice', params: { side: 'give', ref: 'g0', name: 'name of g0' } },
      { code: 'requested_missing', params: { side: 'receive', ref: 'q', name: 'name of q' } },
      { code: 'duplicates_undecided', params: { groups: 2 } },
    ])
  })
})
