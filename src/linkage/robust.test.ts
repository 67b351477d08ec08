import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { BLOCKING_RULES, blockStats, DEFAULT_RULES, indexBlocks } from './blocking'
import { readLinkDate } from './dates'
import { dedupe, link } from './engine'
import { monotone } from './model'
import { readLinkFile } from './read'
import { emptyRecord, type LinkRecord } from './record'
import { blockedTogether } from './score'

// Error classes of lists the project did not generate (issue 12), each with a case that failed before.
const fixtures = path.resolve('test/fixtures/linkage')
const person = (id: string, fields: Partial<LinkRecord>): LinkRecord => ({ ...emptyRecord(id), ...fields })
// the blocking rules alone, without the whole comparison small inputs get, so blocking is what is tested
const blockedOnly = { threads: 1, rules: DEFAULT_RULES }

describe('blocking copes with zero, one and all-equal keys', () => {
  it('indexes and measures a rule no record has a key for (this looped for ever)', () => {
    for (const keys of [[0, 0, 0], [0, 7, 0], [5, 5, 5], []]) {
      const index = indexBlocks(Uint32Array.from(keys))
      const stats = blockStats('service_number', index)
      expect(stats.blocks).toBe(new Set(keys.filter(Boolean)).size)
    }
  })

  it.each([
    ['no-service-numbers.csv', 3],
    ['no-dates.csv', 3],
    ['one-row.csv', 1],
    ['empty.csv', 0],
  ])('deduplicates %s to a summary', async (file, rows) => {
    const { records } = await readLinkFile(path.join(fixtures, file))
    expect(records).toHaveLength(rows)
    for (const options of [blockedOnly, { threads: 1 }]) {
      const result = await dedupe(records, options)
      expect(result.clusters).toHaveLength(rows)
      if (rows === 3) expect(result.pairs.map((p) => [p.left, p.right].sort())).toContainEqual([0, 1])
      const linked = await link(records, records, options)
      expect(linked.left.size).toBe(rows)
    }
  })
})

describe('headers and dates of lists made elsewhere', () => {
  it('reads FEBRL-style headers (rec_id, given_name, suburb, soc_sec_id) and YYYYMMDD dates', async () => {
    const { records, warnings } = await readLinkFile(path.join(fixtures, 'febrl-style.csv'))
    expect(records[0]).toMatchObject({
      id: 'rec-1-org',
      givenName: 'mitchell',
      surname: 'green',
      placeOfBirth: 'cleveland',
      serviceNumber: '1804974',
      dateOfBirth: '1956-04-09',
    })
    // before 1900 is kept: archive lists hold such persons
    expect(records[1]!.dateOfBirth).toBe('1896-04-09')
    // no 27th month: a day and month swap, read with a warning, not refused
    expect(records[2]!.dateOfBirth).toBe('2000-02-27')
    expect(warnings.join('\n')).toMatch(/row 4: date_of_birth: .*swapped/)
  })

  it('reads dates of several shapes and refuses only what cannot be a date', () => {
    expect(readLinkDate('1875-06-01').value).toBe('1875-06-01')
    expect(readLinkDate('01.06.1875').value).toBe('1875-06-01')
    expect(readLinkDate('1990-02-31')).toMatchObject({ value: '1990-02' })
    expect(readLinkDate('2000-27-02')).toMatchObject({ value: '2000-02-27' })
    expect(readLinkDate('1990-13-14')).toMatchObject({ value: '1990' })
    expect(readLinkDate('yesterday')).toMatchObject({ value: '' })
  })
})

describe('typo-tolerant and crosswise blocking', () => {
  const base = { givenName: 'Mykola', surname: 'Bondarenko', dateOfBirth: '1988-04-17' }
  const cases: [string, Partial<LinkRecord>, Partial<LinkRecord>][] = [
    ['surname and given name swapped', base, { ...base, givenName: 'Bondarenko', surname: 'Mykola' }],
    ['a transposed surname, the same date', base, { ...base, surname: 'Bondraenko', givenName: 'Kolia' }],
    [
      'a transposed given name with the same service number',
      { ...base, serviceNumber: 'AB123456' },
      { givenName: 'Mkyola', surname: 'Bondraenko', dateOfBirth: '1989', serviceNumber: 'AB123456' },
    ],
    [
      'a one-letter surname slip and the year one off',
      base,
      { ...base, surname: 'Bondarenka', dateOfBirth: '1989-04-17', givenName: '' },
    ],
  ]
  it.each(cases)('lets through %s', async (_, a, b) => {
    const records = [person('a', a), person('b', b), person('c', { givenName: 'Ivan', surname: 'Koval' })]
    const result = await dedupe(records, blockedOnly)
    expect(blockedTogether(result.space, 0, 1)).toBe(true)
    expect(result.space.uncapped).toBe(-1)
  })

  it('has a typo-tolerant rule for each way an exact key fails', () => {
    expect(Object.keys(BLOCKING_RULES)).toEqual(
      expect.arrayContaining(['service_number', 'date', 'surname+day', 'names either order']),
    )
  })
})

describe('training', () => {
  it("keeps each field's levels monotone: a closer level never weighs less", () => {
    const u = [[1, 0.9, 0.05, 0.05]]
    const m = monotone([[1, 0.1, 0.5, 0.4]], u)[0]!
    const w = m.map((x, l) => Math.log2(x / u[0]![l]!))
    expect(w[3]).toBeGreaterThanOrEqual(w[2]!)
    expect(w[2]).toBeGreaterThan(w[1]!)
  })
})
