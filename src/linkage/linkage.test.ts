import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { generatePersons } from '../generate'
import { registerRow, scenarioDuplicates, scenarioList } from '../generate/scenarios'
import { COMPARISONS, comparePair, LEVEL_COUNTS, levelsOf, PATTERN_COUNT } from './compare'
import { dedupe, explainPair, link } from './engine'
import { pairQuality, pairsWithinGroups } from './evaluate'
import { expectationMaximisation } from './model'
import { Preparer } from './prepare'
import { readLinkFile } from './read'
import { emptyRecord, type LinkRecord, mapLinkHeader, recordFromRow } from './record'

const SAME = 'same name key'
const SAME_SURNAME = 'same name (key or other-language form)'
const dir = mkdtempSync(path.join(os.tmpdir(), 'parley-linkage-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function record(fields: Partial<LinkRecord> & { id: string }): LinkRecord {
  return { ...emptyRecord(), ...fields }
}

/** The level label each field gets when comparing two records. */
function levels(a: Partial<LinkRecord>, b: Partial<LinkRecord>): Record<string, string> {
  const preparer = new Preparer()
  const left = preparer.prepare([record({ id: 'a', ...a })])
  const right = preparer.prepare([record({ id: 'b', ...b })])
  const pattern = comparePair(left, 0, right, 0, preparer.vocabulary.words)
  return Object.fromEntries(
    levelsOf(pattern).map((l, f) => [COMPARISONS[f]!.field, COMPARISONS[f]!.levels[l]!]),
  )
}

describe('comparisons', () => {
  it('puts one surname in two scripts and standards at the same key, and a near spelling in a band', () => {
    expect(levels({ surname: 'Сирський' }, { surname: 'Syrskyi' }).surname).toBe(SAME_SURNAME)
    expect(levels({ surname: 'Олійник' }, { surname: 'Олейник' }).surname).toBe(SAME_SURNAME)
    expect(levels({ surname: 'Коваленко' }, { surname: 'Коваленка' }).surname).toBe('close (JW ≥ 0.92)')
    expect(levels({ surname: 'Коваленко' }, { surname: 'Шевчук' }).surname).toBe('different')
    expect(levels({ surname: 'Коваленко' }, {}).surname).toBe('missing')
  })

  it('knows given names across languages and diminutives, and fathers through patronymics', () => {
    expect(levels({ givenName: 'Олександр' }, { givenName: 'Aleksandr' }).given_name).toBe('equivalent name')
    expect(levels({ givenName: 'Микола' }, { givenName: 'Николай' }).given_name).toBe('equivalent name')
    expect(levels({ givenName: 'Юрій' }, { givenName: 'Yuriy' }).given_name).toBe(SAME)
    expect(levels({ patronymic: 'Миколайович' }, { patronymic: 'Николаевич' }).patronymic).toBe(
      "same father's name",
    )
    expect(levels({ patronymic: 'Миколайович' }, { fatherName: 'Nikolai' }).patronymic).toBe(
      "same father's name",
    )
    expect(levels({ fatherName: 'Микола' }, { fatherName: 'Nikolai' }).patronymic).toBe("same father's name")
  })

  it('recognises names written the other way round, a little weaker than in order', () => {
    const l = levels({ surname: 'Бондар', givenName: 'Андрій' }, { surname: 'Andrii', givenName: 'Bondar' })
    expect(l.surname).toBe('close (JW ≥ 0.92)')
    expect(l.given_name).toBe('equivalent name')
  })

  it("holds a misspelt given name against every form of the other side's name (cross-script set)", () => {
    // Алекснй and Alekusei are in no group: before, they were "different" from Олексій (weight about -8)
    expect(levels({ givenName: 'Алекснй' }, { givenName: 'Олексій' }).given_name).toBe('similar (JW ≥ 0.85)')
    expect(levels({ givenName: 'Alekusei' }, { givenName: 'Олексій' }).given_name).toBe('similar (JW ≥ 0.85)')
    expect(levels({ givenName: 'Петро' }, { givenName: 'Олексій' }).given_name).toBe('different')
  })

  it('compares swapped names crosswise through given-name equivalents (Елена in the surname column for Олена)', () => {
    const l = levels(
      { surname: 'Елена', givenName: 'Матвейченко' },
      { surname: 'Матвейченко', givenName: 'Олена' },
    )
    expect(l.surname).toBe('close (JW ≥ 0.92)')
    expect(l.given_name).toBe('equivalent name')
    const peter = levels(
      { surname: 'Peter', givenName: 'Bondarenko' },
      { surname: 'Бондаренко', givenName: 'Петро' },
    )
    expect(peter.surname).toBe('close (JW ≥ 0.92)')
  })

  it('grades dates of birth: exact, swapped, year off, partial, different, missing', () => {
    const dob = (a: string, b: string) => levels({ dateOfBirth: a }, { dateOfBirth: b }).date_of_birth
    expect(dob('1990-03-07', '1990-03-07')).toBe('same date')
    expect(dob('1990-03-07', '1990-07-03')).toBe('day and month swapped')
    expect(dob('1990-03-07', '1991-03-07')).toBe('year off by one')
    expect(dob('1990-03-07', '1990-03-21')).toBe('same year and month')
    expect(dob('1990-03-07', '1990')).toBe('same year, no month on one side')
    expect(dob('1990-03-07', '1990-05-21')).toBe('same year')
    expect(dob('1990-03-07', '1995-03-07')).toBe('different')
    expect(dob('1990-03-07', '')).toBe('missing')
  })

  it('compares service numbers exactly or one character off, ignoring separators and look-alike letters', () => {
    const sn = (a: string, b: string) => levels({ serviceNumber: a }, { serviceNumber: b }).service_number
    expect(sn('АВ-123456', 'AB123456')).toBe('same')
    expect(sn('AB123456', 'AB123465')).toBe('one character off')
    expect(sn('AB123456', 'AB12345')).toBe('one character off')
    expect(sn('AB123456', 'CD999999')).toBe('different')
  })
})

describe('expectation-maximisation', () => {
  it('recovers known m-probabilities and the match share from pattern counts alone', () => {
    // a known two-class population: matches agree on the top level with 0.9 in every field
    const m = LEVEL_COUNTS.map((n) =>
      Array.from({ length: n }, (_, l) => (l === 0 ? 0 : l === n - 1 ? 0.9 : 0.1 / (n - 2))),
    )
    const u = LEVEL_COUNTS.map((n) =>
      Array.from({ length: n }, (_, l) => (l === 0 ? 0 : l === 1 ? 0.85 : 0.15 / (n - 2))),
    )
    const lambda = 0.05
    const counts = new Float64Array(PATTERN_COUNT)
    for (let p = 0; p < PATTERN_COUNT; p++) {
      const lv = levelsOf(p)
      if (lv.some((l) => l === 0)) continue
      let pm = lambda
      let pu = 1 - lambda
      lv.forEach((l, f) => {
        pm *= m[f]![l]!
        pu *= u[f]![l]!
      })
      counts[p] = 1e7 * (pm + pu)
    }
    const fit = expectationMaximisation(counts)
    expect(fit.converged).toBe(true)
    expect(fit.lambda).toBeCloseTo(lambda, 3)
    fit.m.forEach((row, f) => {
      for (const [l, x] of row.entries()) if (l > 0) expect(x).toBeCloseTo(m[f]![l]!, 2)
    })
  })
})

describe('linking generated lists against their ground truth', () => {
  const register = [...generatePersons({ seed: 5, count: 20_000, nationality: 'mixed' })]
  const registerRecords = register.map((p) => toRecord(registerRow(p, 5)))

  it('links a corrupted, partly transliterated list with high precision and recall, on worker threads', async () => {
    const list = scenarioList(
      {
        seed: 5,
        persons: 20_000,
        nationality: 'mixed',
        listRows: 2000,
        matchShare: 0.7,
        duplicateShare: 0.02,
        rates: { transliterated: 0.4 },
      },
      register,
    )
    const result = await link(list.map(toRecord), registerRecords, { threads: 2, oneToOne: true })
    const truth = list
      .filter((r) => r.true_person_id)
      .map((r) => [r.row_id!, r.true_person_id!] as [string, string])
    const q = pairQuality(
      result.pairs.map((p) => [result.left.ids[p.left]!, result.right.ids[p.right]!]),
      truth,
    )
    expect(q.precision).toBeGreaterThan(0.98)
    expect(q.recall).toBeGreaterThan(0.97)
    expect(new Set(result.pairs.map((p) => p.left)).size).toBe(result.pairs.length)
    const why = explainPair(result, result.pairs[0]!)
    expect(why.fields.map((f) => f.field)).toEqual(COMPARISONS.map((c) => c.field))
    expect(why.weight).toBeCloseTo(result.pairs[0]!.weight, 3)
  }, 120_000)

  it('finds the duplicates of a register and clusters them', async () => {
    const rows = [
      ...scenarioDuplicates({
        seed: 6,
        persons: 5000,
        nationality: 'UA',
        listRows: 0,
        matchShare: 0,
        duplicateShare: 0.05,
      }),
    ]
    const result = await dedupe(rows.map(toRecord), { threads: 1 })
    const truth = pairsWithinGroups(new Map(rows.map((r) => [r.id!, r.duplicate_of || r.id!])))
    const q = pairQuality(
      result.pairs.map((p) => [result.left.ids[p.left]!, result.right.ids[p.right]!]),
      truth,
    )
    expect(truth.length).toBeGreaterThan(150)
    expect(q.f1).toBeGreaterThan(0.95)
    const first = result.pairs[0]!
    expect(result.clusters![first.left]).toBe(result.clusters![first.right])
  }, 120_000)
})

describe('reading linkage files', () => {
  it('recognises Ukrainian headers and dotted dates, and keeps a swapped day and month', () => {
    const map = mapLinkHeader(['номер', 'прізвище', 'імʼя', 'дата народження', 'примітка'], 'list.csv')
    expect(map.ignored).toEqual(['примітка'])
    expect(recordFromRow(['7', 'Мороз', 'Іван', '02.03.1990', 'x'], map).record).toMatchObject({
      id: '7',
      surname: 'Мороз',
      givenName: 'Іван',
      dateOfBirth: '1990-03-02',
    })
    expect(recordFromRow(['8', 'Мороз', 'Іван', '1990-23-05', ''], map).record.dateOfBirth).toBe('1990-05-23')
    expect(recordFromRow(['9', 'Мороз', 'Іван', 'вчора', ''], map).warning).toContain('date_of_birth')
  })

  it('refuses a file without ids or names, and a row without an id, naming it', async () => {
    expect(() => mapLinkHeader(['surname', 'first_name'], 'a.csv')).toThrow(/a.csv: no id column/)
    expect(() => mapLinkHeader(['id', 'rank'], 'a.csv')).toThrow(/no surname or first_name column/)
    const file = path.join(dir, 'bad.csv')
    writeFileSync(file, 'id,surname\n1,Мороз\n,Лисенко\n')
    await expect(readLinkFile(file)).rejects.toThrow('bad.csv row 3: id is empty')
    writeFileSync(file, 'id,surname\n1,Мороз\n1,Лисенко\n')
    await expect(readLinkFile(file)).rejects.toThrow('bad.csv row 3: id 1 appears twice')
    await expect(readLinkFile(path.join(dir, 'none.csv'))).rejects.toThrow('no such file')
  })
})

function toRecord(row: Record<string, string>): LinkRecord {
  const header = Object.keys(row)
  return recordFromRow(Object.values(row), mapLinkHeader(header, 'generated')).record
}
