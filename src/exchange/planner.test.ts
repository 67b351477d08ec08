import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { generateExchangePool } from '../generate/exchange-pool'
import { type Candidate, DEFAULT_TERMS, type Terms } from './model'
import { planExchange } from './planner'
import { checkPlan } from './validate'

function person(id: string, side: Candidate['side'], over: Partial<Candidate> = {}): Candidate {
  return {
    id,
    side,
    sex: 'male',
    age: 30,
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

const candidate = (side: Candidate['side'], i: number) =>
  fc
    .record({
      sex: fc.constantFrom('male' as const, 'female' as const),
      age: fc.integer({ min: 18, max: 60 }),
      seriouslyWoundedOrSick: fc.boolean(),
      daysHeld: fc.integer({ min: 1, max: 1500 }),
      category: fc.constantFrom('prisoner_of_war', 'civilian_internee'),
      rank: fc.constantFrom('private', 'sergeant', 'lieutenant'),
      consent: fc.boolean(),
      refusedRepatriation: fc.boolean(),
      pendingProceedings: fc.boolean(),
      inOpenExchange: fc.constant(false),
      groupId: fc.option(fc.constantFrom('a', 'b'), { freq: 4 }),
      requested: fc.boolean(),
    })
    .map((r) => person(`${side}${i}`, side, { ...r, groupId: r.groupId ? `${side}-${r.groupId}` : null }))

const pools = fc
  .tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 9 }))
  .chain(([g, r]) =>
    fc.tuple(
      fc.tuple(...Array.from({ length: g }, (_, i) => candidate('give', i))),
      fc.tuple(...Array.from({ length: r }, (_, i) => candidate('receive', i))),
    ),
  )
  .map(([g, r]) => [...g, ...r])

const terms: fc.Arbitrary<Terms> = fc.record({
  balance: fc.oneof(
    fc.constant({ kind: 'equal' as const }),
    fc.record({
      kind: fc.constant('ratio' as const),
      give: fc.integer({ min: 1, max: 3 }),
      receive: fc.integer({ min: 1, max: 2 }),
    }),
    fc.record({
      kind: fc.constant('value' as const),
      values: fc.constant({ private: 1, sergeant: 2, lieutenant: 4 }),
      default: fc.constant(1),
      tolerance: fc.integer({ min: 0, max: 2 }),
    }),
  ),
  maxSize: fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }),
  quotas: fc.array(
    fc.record({
      side: fc.constantFrom('give' as const, 'receive' as const),
      group: fc.constantFrom(
        'woman' as const,
        'seriously_wounded_or_sick' as const,
        'category:civilian_internee' as const,
      ),
      min: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
      max: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }),
    }),
    { maxLength: 2 },
  ),
  exclusions: fc.constantFrom([], ['give0'], ['receive1']),
  allowProceedings: fc.boolean(),
  priorities: fc.constant([...DEFAULT_TERMS.priorities]),
})

describe('the exchange planner', () => {
  it('never proposes a sick or wounded prisoner who refused repatriation (GC III Art. 109), even when named', async () => {
    const refused = person('g1', 'give', {
      seriouslyWoundedOrSick: true,
      refusedRepatriation: true,
      requested: true,
    })
    const plan = await planExchange(
      [refused, person('g2', 'give'), person('r1', 'receive'), person('r2', 'receive')],
      DEFAULT_TERMS,
    )
    expect(plan.feasible).toBe(true)
    expect(plan.give.map((p) => p.id)).toEqual(['g2'])
    expect(plan.leftOut.find((p) => p.id === 'g1')!.reason).toContain('Art. 109')
  })

  it('puts the seriously wounded first, then women, then the young, then the longest held', async () => {
    const give = [
      person('old', 'give', { age: 45, daysHeld: 900 }),
      person('plain', 'give', { age: 45, daysHeld: 10 }),
      person('young', 'give', { age: 20, daysHeld: 10 }),
      person('woman', 'give', { sex: 'female', age: 40, daysHeld: 10 }),
      person('wounded', 'give', { seriouslyWoundedOrSick: true, age: 40, daysHeld: 5 }),
    ]
    const receive = [1, 2, 3, 4].map((i) => person(`r${i}`, 'receive'))
    const plan = await planExchange([...give, ...receive], { ...DEFAULT_TERMS, maxSize: 4 })
    expect(plan.give.map((p) => p.id)).toEqual(['wounded', 'woman', 'young', 'old'])
    expect(plan.give[0]!.reasons).toContain('priority 1: seriously wounded or sick')
    expect(plan.leftOut.find((p) => p.id === 'plain')!.reason).toContain('size limit of 4')
  })

  it('names the terms in conflict when they cannot all be met', async () => {
    const candidates = [
      person('g1', 'give'),
      person('g2', 'give'),
      person('r1', 'receive', { sex: 'female' }),
      person('r2', 'receive'),
    ]
    const plan = await planExchange(candidates, {
      ...DEFAULT_TERMS,
      maxSize: 2,
      quotas: [{ side: 'receive', group: 'woman', min: 3 }],
    })
    expect(plan.feasible).toBe(false)
    expect(plan.conflicts).toContain('quota: at least 3 woman to receive')
  })

  it('gives plans that respect every term they were given, or says which terms conflict', async () => {
    await fc.assert(
      fc.asyncProperty(pools, terms, async (candidates, t) => {
        const plan = await planExchange(candidates, t, { method: 'milp' })
        if (!plan.feasible) return plan.conflicts.length > 0
        return checkPlan(plan, candidates, t).length === 0
      }),
      { numRuns: 150 },
    )
  })

  it('greedy and the programme agree where the greedy method applies', async () => {
    const simple = terms.map((t) => ({ ...t, balance: { kind: 'equal' as const }, quotas: [] }))
    const solo = pools.map((cs) => cs.map((c) => ({ ...c, groupId: null })))
    await fc.assert(
      fc.asyncProperty(solo, simple, async (candidates, t) => {
        const greedy = await planExchange(candidates, t, { method: 'greedy' })
        const milp = await planExchange(candidates, t, { method: 'milp' })
        expect(greedy.feasible).toBe(milp.feasible)
        if (greedy.feasible) {
          expect(greedy.objective).toBeCloseTo(milp.objective, 6)
          expect(checkPlan(greedy, candidates, t)).toEqual([])
        }
      }),
      { numRuns: 150 },
    )
  })

  it('plans generated pools with groups, quotas and named requests, and the plan checks', async () => {
    const candidates = generateExchangePool({ seed: 4, give: 400, receive: 300, requests: 20 })
    const t: Terms = {
      ...DEFAULT_TERMS,
      maxSize: 250,
      quotas: [
        { side: 'receive', group: 'seriously_wounded_or_sick', min: 5 },
        { side: 'give', group: 'category:civilian_internee', max: 10 },
      ],
    }
    const plan = await planExchange(candidates, t)
    expect(plan).toMatchObject({ feasible: true, method: 'milp', proven: true })
    expect(plan.give.length).toBe(plan.receive.length)
    expect(checkPlan(plan, candidates, t)).toEqual([])
    expect(plan.give.length + plan.receive.length + plan.leftOut.length).toBe(candidates.length)
  })
})
