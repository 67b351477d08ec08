import { describe, expect, it } from 'vitest'
import { GIVEN_NAME_GROUPS, givenNameGroups } from '../names/equivalents'
import { CORRUPTIONS, type CorruptionRates, corruptPerson, DEFAULT_RATES, HARD_RATES } from './corrupt'
import { generatePersons } from './population'
import { Random } from './random'

const people = [...generatePersons({ seed: 11, count: 20_000, nationality: 'mixed' })]
const none = Object.fromEntries(CORRUPTIONS.map((c) => [c, 0])) as CorruptionRates

describe('the corruption model', () => {
  // classes that need something of the person: a Ukrainian surname, a known diminutive
  const CONDITIONAL: Record<string, (p: (typeof people)[number]) => boolean> = {
    surname_russian_form: (p) => p.nationality === 'UA',
    given_diminutive: (p) =>
      givenNameGroups(p.givenName).some((g) => GIVEN_NAME_GROUPS[g]!.diminutives.length > 0),
  }
  it.each(CORRUPTIONS)(
    'applies %s at the rate asked for (within ±0.015 over 20,000 records)',
    (corruption) => {
      const random = new Random(3)
      const rate = 0.2
      const eligible = people.filter(CONDITIONAL[corruption] ?? (() => true))
      const hit = eligible.filter((p) =>
        corruptPerson(random, p, { ...none, [corruption]: rate }).corruptions.includes(corruption),
      ).length
      expect(Math.abs(hit / eligible.length - rate)).toBeLessThan(
        corruption === 'given_diminutive' ? 0.03 : 0.015,
      )
    },
  )

  it('writes what each class of the hard scenario says it did', () => {
    const random = new Random(6)
    const p = people.find(
      (x) => x.nationality === 'UA' && x.sex === 'male' && x.forms.surname.uk !== x.forms.surname.ru,
    )!
    expect(corruptPerson(random, p, { ...none, surname_russian_form: 1 }).surname).toBe(p.forms.surname.ru)
    for (let i = 0; i < 50; i++) {
      const q = people[i]!
      const surnameTypo = corruptPerson(random, q, { ...none, surname_typo: 1 })
      const d = levenshtein(surnameTypo.surname, q.surname)
      expect(d >= 1 && d <= 2).toBe(true)
      expect(surnameTypo.givenName).toBe(q.givenName)
      expect(corruptPerson(random, q, { ...none, given_typo: 1 }).givenName).not.toBe(q.givenName)
      const slip = corruptPerson(random, q, { ...none, service_number_slip: 1 }).serviceNumber
      expect(slip.length).toBe(q.serviceNumber.length)
      expect([...slip].filter((c, k) => c !== q.serviceNumber[k]).length).toBe(1)
      expect(corruptPerson(random, q, { ...none, service_number_missing: 1 }).serviceNumber).toBe('')
      expect(corruptPerson(random, q, { ...none, dob_year_only: 1 }).dateOfBirth).toBe(
        q.dateOfBirth.slice(0, 4),
      )
    }
    const olexandr = people.find((x) => x.givenName === 'Олександр')!
    expect(['Саша', 'Сашко', 'Шура', 'Саня']).toContain(
      corruptPerson(random, olexandr, { ...none, given_diminutive: 1 }).givenName,
    )
  })

  it('writes the same records as before when the hard classes are off (older seeds stay valid)', () => {
    const a = people.slice(0, 300).map((p) => corruptPerson(new Random(9), p))
    const b = people
      .slice(0, 300)
      .map((p) => corruptPerson(new Random(9), p, { ...DEFAULT_RATES, surname_typo: 0, given_diminutive: 0 }))
    expect(a).toEqual(b)
    expect(HARD_RATES.swapped_names).toBeCloseTo(0.06)
    expect(HARD_RATES.dob_missing).toBeCloseTo(0.03)
    expect(HARD_RATES.surname_typo).toBeCloseTo(0.05)
  })

  it('changes nothing when every rate is zero, and names nothing', () => {
    const random = new Random(4)
    for (const p of people.slice(0, 200)) {
      const r = corruptPerson(random, p, none)
      expect(r.corruptions).toEqual([])
      expect([r.surname, r.givenName, r.dateOfBirth]).toEqual([p.surname, p.givenName, p.dateOfBirth])
    }
  })

  it('writes what each corruption says it did', () => {
    const random = new Random(5)
    const p = people.find(
      (x) => x.nationality === 'UA' && x.sex === 'male' && x.forms.givenName.uk !== x.forms.givenName.ru,
    )!
    expect(corruptPerson(random, p, { ...none, other_language: 1 }).givenName).toBe(p.forms.givenName.ru)
    expect(corruptPerson(random, p, { ...none, transliterated: 1 }).surname).toMatch(/^[A-Za-z'`’”·ë-]+$/)
    const swapped = corruptPerson(random, p, { ...none, swapped_names: 1 })
    expect([swapped.surname, swapped.givenName]).toEqual([p.givenName, p.surname])
    expect(corruptPerson(random, p, { ...none, patronymic_missing: 1 }).patronymic).toBe('')
    const typo = corruptPerson(random, p, { ...none, typo: 1 })
    expect(typo.surname !== p.surname || typo.givenName !== p.givenName).toBe(true)
    const yearOff = corruptPerson(random, p, { ...none, dob_year_off: 1 })
    expect(Math.abs(Number(yearOff.dateOfBirth.slice(0, 4)) - Number(p.dateOfBirth.slice(0, 4)))).toBe(1)
  })

  it('is deterministic for the same seed', () => {
    const a = people.slice(0, 300).map((p) => corruptPerson(new Random(9), p))
    const b = people.slice(0, 300).map((p) => corruptPerson(new Random(9), p))
    expect(a).toEqual(b)
  })
})

function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!
    row[0] = i
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1))
      diagonal = above
    }
  }
  return row[b.length]!
}
