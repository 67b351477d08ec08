import { describe, expect, it } from 'vitest'
import { scenarioDuplicates } from '../generate/scenarios'
import { blockStats, CAPPED, DEFAULT_RULES, indexBlocks, runsOf, SPLIT } from './blocking'
import { comparePair } from './compare'
import { dedupe, link } from './engine'
import { weightOfProbability } from './model'
import { Preparer } from './prepare'
import { type LinkRecord, mapLinkHeader, recordFromRow } from './record'
import { type CandidateSpace, candidateSpace, forEachCandidate, metBy, scorePair, weightOf } from './score'

// Big blocks split by a second key, capped blocks reported, and the early exit of the score stage
// (issue 12: deduplicating a million within minutes).

/** A space over bare keys: what forEachCandidate reads of it. */
function bareSpace(
  mode: 'link' | 'dedupe',
  keys: number[],
  second: number[],
  o: { limit: number; cap: number },
) {
  const k = Uint32Array.from(keys)
  const s = Uint16Array.from(second)
  return {
    mode,
    leftKeys: [k],
    rightKeys: [k],
    leftSecond: [s],
    rightIndex: [indexBlocks(k, s, o)],
    cap: o.cap,
    uncapped: -1,
  } as unknown as CandidateSpace
}

/** Every pair forEachCandidate gives, as "i-j" with i < j when deduplicating. */
function pairsOf(space: CandidateSpace, n: number) {
  const out: string[] = []
  let skipped = 0
  for (let i = 0; i < n; i++)
    skipped += forEachCandidate(space, i, (j) => {
      out.push(space.mode === 'dedupe' ? `${Math.min(i, j)}-${Math.max(i, j)}` : `${i}-${j}`)
    })
  return { pairs: out.sort(), skipped }
}

describe('a block index with second keys', () => {
  it.each([
    ['no record with a key', [0, 0, 0]],
    ['one record with a key', [0, 7, 0]],
    ['every key equal', [5, 5, 5, 5]],
    ['no records', []],
  ])('copes with %s, split or not', (_, keys) => {
    for (const limit of [0, 100]) {
      const second = keys.map((_, i) => i % 2)
      const index = indexBlocks(Uint32Array.from(keys), Uint16Array.from(second), { limit, cap: 10 })
      expect(index.size).toBe(keys.filter(Boolean).length)
      expect(blockStats('date', index).blocks).toBe(new Set(keys.filter(Boolean)).size)
      const { pairs } = pairsOf(bareSpace('dedupe', keys, second, { limit, cap: 10 }), keys.length)
      expect(new Set(pairs).size).toBe(pairs.length)
    }
  })

  it('splits a block above the limit: records meet within their second key, one without it meets all', () => {
    // records 0..4 share key 9; their second keys 1, 1, 2, none, 2; record 5 is alone
    const keys = [9, 9, 9, 9, 9, 3]
    const second = [1, 1, 2, 0, 2, 5]
    const { pairs } = pairsOf(bareSpace('dedupe', keys, second, { limit: 4, cap: 100 }), 6)
    expect(pairs).toEqual(['0-1', '0-3', '1-3', '2-3', '2-4', '3-4'])
    // at the limit the block stays whole
    expect(pairsOf(bareSpace('dedupe', keys, second, { limit: 5, cap: 100 }), 6).pairs).toHaveLength(10)
    // linking: a left record meets the right records of its second key and those without one
    const index = indexBlocks(Uint32Array.from(keys), Uint16Array.from(second), { limit: 4, cap: 100 })
    const met = (key: number, s: number) => {
      const out = new Uint32Array(4)
      const n = runsOf(index, key, s, out)
      const records = [...index.order.subarray(out[0]!, out[1]!), ...index.order.subarray(out[2]!, out[3]!)]
      expect(records).toHaveLength(n)
      return records.sort()
    }
    expect(met(9, 1)).toEqual([0, 1, 3])
    expect(met(9, 0)).toEqual([0, 1, 2, 3, 4])
    expect(met(9, 7)).toEqual([3])
    expect(met(4, 1)).toEqual([])
    expect(met(3, 1)).toEqual([5])
    expect(blockStats('date', index)).toMatchObject({ blocks: 2, largest: 5, split: 1, capped: 0 })
  })

  it('reports a capped block and skips it; in a split block only the runs above the cap', () => {
    const keys = [9, 9, 9, 9, 9, 3, 3]
    // unsplit: the block of five is above a cap of 2 and skipped, the block of two is not
    const whole = bareSpace('dedupe', keys, [0, 0, 0, 0, 0, 0, 0], { limit: 100, cap: 2 })
    expect(blockStats('date', whole.rightIndex[0]!)).toMatchObject({ blocks: 2, capped: 1 })
    expect(pairsOf(whole, 7)).toEqual({ pairs: ['5-6'], skipped: 5 })
    // split: the record without a second key would meet all five (above the cap) and is skipped;
    // the runs of two still meet
    const split = bareSpace('dedupe', keys, [1, 1, 2, 0, 2, 5, 5], { limit: 4, cap: 2 })
    const index = split.rightIndex[0]!
    expect(index.flags[index.position[3]!]).toBe(SPLIT | CAPPED)
    expect(blockStats('date', index)).toMatchObject({ split: 1, capped: 1 })
    expect(pairsOf(split, 7)).toEqual({ pairs: ['0-1', '2-4', '5-6'], skipped: 1 })
  })
})

function toRecord(row: Record<string, string>) {
  return recordFromRow(Object.values(row), mapLinkHeader(Object.keys(row), 'generated')).record
}

// a register with 5% duplicates, made by the project's generator
const records: LinkRecord[] = [
  ...scenarioDuplicates({
    seed: 5,
    persons: 2000,
    nationality: 'mixed',
    listRows: 0,
    matchShare: 0,
    duplicateShare: 0.05,
  }),
].map(toRecord)

describe('candidates over several rules with split blocks', () => {
  it.each(['dedupe', 'link'] as const)(
    'gives each pair that any rule lets through exactly once (%s)',
    (mode) => {
      const preparer = new Preparer()
      const right = preparer.prepare(records)
      const left = mode === 'dedupe' ? right : preparer.prepare(records.slice(0, 300))
      // a tiny limit splits nearly every block, as a register of millions would
      const space = candidateSpace(mode, left, right, DEFAULT_RULES, preparer.vocabulary.words, 2000, 2)
      expect(space.rightIndex.some((x) => blockStats('date', x).split > 0)).toBe(true)
      const { pairs } = pairsOf(space, left.size)
      expect(new Set(pairs).size).toBe(pairs.length)
      const expected = new Set<string>()
      for (let i = 0; i < left.size; i++)
        for (let j = mode === 'dedupe' ? i + 1 : 0; j < right.size; j++)
          if (DEFAULT_RULES.some((_, r) => metBy(space, r, i, j))) expected.add(`${i}-${j}`)
      expect(pairs).toEqual([...expected].sort())
    },
    120_000,
  )

  it('still meets a row without a date with its namesake when the namesakes are split by year', async () => {
    const someone = records.find((r) => r.dateOfBirth.length === 10 && r.surname && r.givenName)!
    // ten namesakes born in other years, and the person on a list that gives no date
    const register = [
      someone,
      ...Array.from({ length: 10 }, (_, k) => ({
        ...someone,
        id: `namesake-${k}`,
        dateOfBirth: `${1950 + k}-01-01`,
      })),
    ]
    const list = [{ ...someone, id: 'row-1', dateOfBirth: '' }]
    const result = await link(list, register, { threads: 1, rules: ['surname+given'], subBlock: 4 })
    expect(result.blocking[0]).toMatchObject({ split: 1 })
    expect(register.every((_, j) => metBy(result.space, 0, 0, j))).toBe(true)
    // with its date, only the namesake of its year
    const dated = await link([someone], register, { threads: 1, rules: ['surname+given'], subBlock: 4 })
    expect(register.map((_, j) => metBy(dated.space, 0, 0, j))).toEqual(register.map((_, j) => j === 0))
  }, 60_000)
})

describe('training with split blocks', () => {
  it('trains on the blocks whole, so splitting changes the candidates, not the model', async () => {
    const whole = await dedupe(records, { threads: 1, subBlock: Number.POSITIVE_INFINITY })
    const split = await dedupe(records, { threads: 1, subBlock: 2 })
    expect(split.candidates).toBeLessThan(whole.candidates)
    expect(split.model.fields).toEqual(whole.model.fields)
    expect(split.model.matchesPerRecord).toBe(whole.model.matchesPerRecord)
  }, 120_000)
})

describe('the score stage cuts short pairs that cannot pass', () => {
  it('keeps every pair the full comparison keeps, with the same pattern', async () => {
    const result = await dedupe(records, { threads: 1, subBlock: 8 })
    const { space, scorer } = result
    for (const threshold of [0.5, 0.9, 0.99]) {
      const min = weightOfProbability(threshold)
      let cut = 0
      let candidates = 0
      let wrong = 0
      for (let i = 0; i < space.left.size; i++)
        forEachCandidate(space, i, (j) => {
          candidates++
          const full = comparePair(space.left, i, space.right, j, space.words)
          const p = scorePair(space, scorer, i, j, min)
          if (p < 0) cut++
          if (p >= 0 ? p !== full : weightOf(scorer, full, space.right, j) >= min) wrong++
        })
      expect(wrong).toBe(0)
      // most candidates are strangers, cut short
      expect(cut).toBeGreaterThan(candidates / 2)
    }
    expect(result.fullyScored).toBeLessThan(result.candidates)
  }, 120_000)
})
