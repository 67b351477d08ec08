import { describe, expect, it } from 'vitest'
import { CORRUPTIONS, type CorruptionRates, corruptPerson } from './corrupt'
import { generatePersons } from './population'
import { Random } from './random'

const people = [...generatePersons({ seed: 11, count: 20_000, nationality: 'mixed' })]
const none = Object.fromEntries(CORRUPTIONS.map((c) => [c, 0])) as CorruptionRates

describe('the corruption model', () => {
  it.each(CORRUPTIONS)(
    'applies %s at the rate asked for (within ±0.015 over 20,000 records)',
    (corruption) => {
      const random = new Random(3)
      const rate = 0.2
      const hit = people.filter((p) =>
        corruptPerson(random, p, { ...none, [corruption]: rate }).corruptions.includes(corruption),
      ).length
      expect(Math.abs(hit / people.length - rate)).toBeLessThan(0.015)
    },
  )

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
