import { describe, expect, it } from 'vitest'
import { scenarioDuplicates } from '../generate/scenarios'
import { DEFAULT_RULES } from './blocking'
import { dedupe } from './engine'
import { Preparer } from './prepare'
import { mapLinkHeader, recordFromRow } from './record'
import { countRandomPairs, countSampled, drawOf, samplingPlan } from './sample'
import { type CandidateSpace, candidateSpace } from './score'

function toRecord(row: Record<string, string>) {
  return recordFromRow(Object.values(row), mapLinkHeader(Object.keys(row), 'generated')).record
}

// a register with 5% duplicates, made by the project's generator
const rows = [
  ...scenarioDuplicates({
    seed: 9,
    persons: 3000,
    nationality: 'mixed',
    listRows: 0,
    matchShare: 0,
    duplicateShare: 0.05,
  }),
]
const records = rows.map(toRecord)

function spaceOf(): CandidateSpace {
  const preparer = new Preparer()
  const left = preparer.prepare(records)
  return candidateSpace('dedupe', left, left, DEFAULT_RULES, preparer.vocabulary.words, 2000)
}

describe('training samples', () => {
  const space = spaceOf()

  it('draws the same records on every run, and the smaller sample inside the larger', () => {
    const draws = Array.from({ length: 1000 }, (_, i) => drawOf(i, 1))
    expect(draws).toEqual(Array.from({ length: 1000 }, (_, i) => drawOf(i, 1)))
    expect(draws.every((d) => d >= 0 && d < 1)).toBe(true)
    // uniform enough: about a tenth under 0.1
    expect(draws.filter((d) => d < 0.1).length).toBeGreaterThan(60)
    expect(draws.filter((d) => d < 0.1).length).toBeLessThan(140)
    expect(Array.from({ length: 1000 }, (_, i) => drawOf(i, 2))).not.toEqual(draws)
  })

  it('keeps the union and each session near their budgets, and counts the same however split', () => {
    const plan = samplingPlan(space, 1, { union: 2000, session: 500 })
    expect(plan.union).toBeLessThan(1)
    const whole = countSampled(space, 0, space.left.size, plan)
    const half = Math.floor(space.left.size / 2)
    const a = countSampled(space, 0, half, plan)
    const b = countSampled(space, half, space.left.size, plan)
    expect(a.pairs + b.pairs).toBe(whole.pairs)
    expect([...a.pairsByRule].map((x, r) => x + b.pairsByRule[r]!)).toEqual([...whole.pairsByRule])
    expect(whole.pairs).toBeGreaterThan(0)
    // the estimate counts every rule's candidates, so the union sample stays at or under its budget
    expect(whole.pairs).toBeLessThan(2000 * 1.5)
    plan.rules.forEach((rate, r) => {
      if (rate < 1) expect(whole.pairsByRule[r]!).toBeLessThan(500 * 1.6)
    })
    // every rule with candidates trains on some of them
    plan.estimated.forEach((n, r) => {
      if (n >= 50) expect(whole.pairsByRule[r]!).toBeGreaterThan(0)
    })
  })

  it('samples every candidate when the budget allows, each pair once in the union', () => {
    const plan = samplingPlan(space, 1, { union: 1e12, session: 1e12 })
    expect(plan.union).toBe(1)
    const all = countSampled(space, 0, space.left.size, plan)
    expect(all.records).toBe(space.left.size)
    let sum = 0
    for (const c of all.counts) sum += c
    expect(sum).toBe(all.pairs)
    // a session's pairs are a subset of the union's: no rule sees more pairs than the union
    for (const n of all.pairsByRule) expect(n).toBeLessThanOrEqual(all.pairs)
  })

  it('draws random pairs for u the same way however the work is split', () => {
    const whole = countRandomPairs(space, { kind: 'u', from: 0, to: 4000, seed: 3, all: false })
    const a = countRandomPairs(space, { kind: 'u', from: 0, to: 1500, seed: 3, all: false })
    const b = countRandomPairs(space, { kind: 'u', from: 1500, to: 4000, seed: 3, all: false })
    expect([...a].map((x, k) => x + b[k]!)).toEqual([...whole])
  })

  it('gives the same model on one thread and on two', async () => {
    const options = { trainingPairs: 1000, sessionPairs: 300, uSamples: 20_000 }
    const one = await dedupe(records, { ...options, threads: 1 })
    const two = await dedupe(records, { ...options, threads: 2 })
    expect(two.model.fields).toEqual(one.model.fields)
    expect(two.pairs.length).toBe(one.pairs.length)
    expect(one.training!.unionRate).toBeLessThan(1)
    expect(one.pairs.length).toBeGreaterThan(100)
  }, 120_000)
})
