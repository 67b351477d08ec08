import { describe, expect, it } from 'vitest'
import { baselineMatch, crossScriptSet } from '../../bench/cross-script-set'
import { link } from '../../src/linkage/engine'
import { pairQuality } from '../../src/linkage/evaluate'
import { emptyRecord, type LinkRecord } from '../../src/linkage/record'

/**
 * The independent cross-script check, small: its list shows every error class it claims, and the
 * engine, one-to-one, finds its persons at least as well as the rule-based baseline.
 */
const set = crossScriptSet({ seed: 5, persons: 1500, rows: 250, matchShare: 0.8 })
const asRecord = (r: Record<string, string>): LinkRecord => ({
  ...emptyRecord(r.id),
  surname: r.surname ?? '',
  givenName: r.first_name ?? r.first_names ?? '',
  patronymic: r.patronymic ?? '',
  dateOfBirth: /^\d{2}\.\d{2}\.\d{4}$/.test(r.date_of_birth ?? '')
    ? r.date_of_birth!.split('.').reverse().join('-')
    : (r.date_of_birth ?? ''),
  serviceNumber: r.service_number ?? '',
  placeOfBirth: r.place_of_birth ?? '',
})

describe('cross-script check set', () => {
  it('writes Russian Cyrillic and several romanisations, slips, swaps, few service numbers and namesakes', () => {
    const { list, register } = set
    const share = (f: (r: Record<string, string>) => boolean) => list.filter(f).length / list.length
    // Russian Cyrillic: no Ukrainian-only letter in the names
    const russian = list.filter((r) => r.slips!.startsWith('ru'))
    expect(russian.length / list.length).toBeGreaterThan(0.2)
    const ukrainianLetters = russian.filter((r) =>
      /[іїєґ]/i.test(`${r.surname}${r.first_name}${r.patronymic}`),
    )
    expect(ukrainianLetters).toEqual([])
    expect(share((r) => /^[A-Za-z]/.test(r.surname!))).toBeGreaterThan(0.3)
    for (const slip of [
      'swapped names',
      'surname typo',
      'no date',
      'year off',
      'day-month swap',
      'year only',
    ])
      expect(share((r) => r.slips!.includes(slip))).toBeGreaterThan(0)
    expect(share((r) => r.service_number !== '')).toBeLessThan(0.4)
    const names = new Set(register.map((p) => `${p.surname} ${p.first_names}`))
    expect(list.filter((r) => !r.truth && names.has(`${r.surname} ${r.first_name}`)).length).toBeGreaterThan(
      0,
    )
  })

  it('is linked one-to-one by the engine at least as well as by the rule-based baseline', async () => {
    const left = set.list.map(asRecord)
    const right = set.register.map(asRecord)
    const truth = set.list.filter((r) => r.truth).map((r) => [r.id!, r.truth!] as [string, string])
    const result = await link(left, right, { oneToOne: true, threads: 1 })
    const engine = pairQuality(
      result.pairs.map((p) => [result.left.ids[p.left]!, result.right.ids[p.right]!] as [string, string]),
      truth,
    )
    const baseline = pairQuality(baselineMatch(left, right), truth)
    expect(baseline.f1).toBeGreaterThan(0.8)
    expect(engine.f1).toBeGreaterThan(0.93)
    expect(engine.f1).toBeGreaterThanOrEqual(baseline.f1)
  }, 120_000)
})
