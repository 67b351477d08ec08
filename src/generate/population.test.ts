import { describe, expect, it } from 'vitest'
import { patronymicOf } from './forms'
import { generatePersons } from './population'

const take = (seed: number, count: number, nationality: 'UA' | 'RU' | 'mixed' = 'mixed') => [
  ...generatePersons({ seed, count, nationality }),
]

describe('fictitious populations', () => {
  it('gives the same persons for the same seed, and others for another seed', () => {
    expect(take(42, 500)).toEqual(take(42, 500))
    const other = take(43, 500)
    expect(other.map((p) => p.surname + p.dateOfBirth)).not.toEqual(
      take(42, 500).map((p) => p.surname + p.dateOfBirth),
    )
  })

  it('draws ages at capture from 18 to 60, most between 20 and 35', () => {
    const people = take(7, 20_000)
    const ages = people.map(
      (p) => (Date.parse(p.capture.date) - Date.parse(p.dateOfBirth)) / (365.25 * 86_400_000),
    )
    expect(Math.min(...ages)).toBeGreaterThanOrEqual(18)
    expect(Math.max(...ages)).toBeLessThan(61)
    const young = ages.filter((a) => a >= 20 && a < 35).length / ages.length
    expect(young).toBeGreaterThan(0.6)
  })

  it('makes mostly men, writes each person in their own language, and frequent names more often', () => {
    const people = take(9, 20_000)
    const women = people.filter((p) => p.sex === 'female').length / people.length
    expect(women).toBeGreaterThan(0.05)
    expect(women).toBeLessThan(0.11)
    for (const p of people.slice(0, 500)) {
      if (p.nationality === 'UA') expect(p.givenName).toBe(p.forms.givenName.uk)
      else expect(p.givenName).toBe(p.forms.givenName.ru)
      expect(p.serviceNumber).toMatch(p.nationality === 'UA' ? /^[А-Я]{2}\d{6}$/ : /^[А-Я]{2}-\d{6}$/)
    }
    const men = people.filter((p) => p.sex === 'male' && p.nationality === 'RU')
    const count = (name: string) => men.filter((p) => p.givenName === name).length
    expect(count('Александр')).toBeGreaterThan(count('Ренат') * 5)
  })

  it('derives patronymics by each language’s rules', () => {
    expect(patronymicOf('Микола', 'uk', 'male')).toBe('Миколайович')
    expect(patronymicOf('Микола', 'uk', 'female')).toBe('Миколаївна')
    expect(patronymicOf('Андрій', 'uk', 'female')).toBe('Андріївна')
    expect(patronymicOf('Петро', 'uk', 'male')).toBe('Петрович')
    expect(patronymicOf('Николай', 'ru', 'male')).toBe('Николаевич')
    expect(patronymicOf('Анатолий', 'ru', 'male')).toBe('Анатольевич')
    expect(patronymicOf('Сергей', 'ru', 'female')).toBe('Сергеевна')
    expect(patronymicOf('Илья', 'ru', 'male')).toBe('Ильич')
  })
})
