import { describe, expect, it } from 'vitest'
import { cyrillicSpellings } from './cyrillic'
import { GIVEN_NAME_GROUPS, russianToUkrainian, sameGivenName, ukrainianToRussian } from './equivalents'
import { fullNameKeys, nameKey } from './key'
import { detectScript, normaliseName } from './normalise'
import { compareNames, prepareName, scoreOnly, scorePrepared } from './similarity'

describe('normalisation', () => {
  it('unifies apostrophes, dashes and spaces, and repairs words typed on the wrong layout', () => {
    expect(normaliseName("  Знам'янка ")).toBe('Знамʼянка')
    expect(normaliseName('Знам’янка')).toBe('Знамʼянка')
    expect(normaliseName('Іванов – Петренко')).toBe('Іванов-Петренко')
    // a Latin "i" and "o" inside Cyrillic words
    expect(normaliseName('Oлiйник')).toBe('Олійник')
    expect(normaliseName('Кovalenko')).toBe('Kovalenko')
    expect(detectScript('Олійник')).toBe('cyrillic')
    expect(detectScript('Oliinyk')).toBe('latin')
  })
})

describe('the name key', () => {
  it('brings one name in Ukrainian, Russian and Latin spellings together', () => {
    const groups = [
      ['Сирський', 'Сырский', 'Syrskyi', 'Sirsky', 'Syrsky', 'Syrskiy'],
      ['Олег', 'Oleh', 'Oleg'],
      ['Фёдор', 'Федор', 'Fyodor', 'Fedor'],
      ['Юлія', 'Юлия', 'Yuliia', 'Yulia', 'Julia'],
      ['Андреев', 'Andreyev', 'Andreev'],
      ['Соловьёв', 'Solovyov', 'Solovev'],
      ['Щербаков', 'Shcherbakov', 'Shherbakov'],
      ['Хмельницький', 'Khmelnytskyi', 'Hmelnitsky'],
      ['Кирилл', 'Kirill'],
    ]
    for (const group of groups)
      expect(new Set(group.map(nameKey)), group.join(', ')).toHaveProperty('size', 1)
  })

  it('keeps different names apart', () => {
    expect(nameKey('Коваленко')).not.toBe(nameKey('Шевченко'))
    expect(nameKey('Петро')).not.toBe(nameKey('Павло'))
    expect(fullNameKeys('Сирський Олександр')).toEqual(['sirski', 'oleksandr'])
  })
})

describe('given-name equivalents', () => {
  it('covers 300 men’s and 150 women’s names in each language', () => {
    const distinct = (sex: 'male' | 'female', lang: 'uk' | 'ru') =>
      new Set(GIVEN_NAME_GROUPS.filter((g) => g.sex === sex).map((g) => g[lang][0])).size
    expect(distinct('male', 'uk')).toBeGreaterThanOrEqual(300)
    expect(distinct('male', 'ru')).toBeGreaterThanOrEqual(300)
    expect(distinct('female', 'uk')).toBeGreaterThanOrEqual(150)
    expect(distinct('female', 'ru')).toBeGreaterThanOrEqual(150)
  })

  it('knows one name across languages, romanisations and diminutives', () => {
    for (const [a, b] of [
      ['Олександр', 'Александр'],
      ['Олександр', 'Alexander'],
      ['Олександр', 'Саша'],
      ['Микола', 'Николай'],
      ['Mykola', 'Nikolai'],
      ['Юрій', 'Юрий'],
      ['Юрій', 'Yuri'],
      ['Олена', 'Elena'],
      ['Ганна', 'Анна'],
    ])
      expect(sameGivenName(a!, b!), `${a} = ${b}`).toBe(true)
    expect(sameGivenName('Петро', 'Павло')).toBe(false)
    expect(sameGivenName('Ірина', 'Арина')).toBe(false)
  })

  it('gives the other language’s forms of given names and surnames', () => {
    expect(ukrainianToRussian('Микола')).toContain('Николай')
    expect(russianToUkrainian('Николай')).toContain('Микола')
    expect(ukrainianToRussian('Олійник')).toContain('Олейник')
  })
})

describe('back to Cyrillic', () => {
  it('finds the Cyrillic spellings a Latin name stands for, the likeliest first', () => {
    expect(cyrillicSpellings('Oleksandr')[0]).toBe('Олександр')
    expect(cyrillicSpellings('Aleksandr')[0]).toBe('Александр')
    expect(cyrillicSpellings('Mykola')[0]).toBe('Микола')
    expect(cyrillicSpellings('Nikolai')[0]).toBe('Николай')
    expect(cyrillicSpellings('Olha')[0]).toBe('Ольга')
    expect(cyrillicSpellings('Syrskyi')).toContain('Сирський')
    expect(cyrillicSpellings('Sirsky')).toContain('Сирский')
    expect(cyrillicSpellings('Shcherbak')[0]).toBe('Щербак')
    expect(cyrillicSpellings('Ivanov Sergei')[0]).toBe('Иванов Сергей')
  })
})

describe('name similarity', () => {
  it('scores one name in five spellings as the same', () => {
    for (const other of ['Oleksandr Syrskyi', 'Aleksandr Syrsky', 'Alexander Sirsky', 'Александр Сырский'])
      expect(compareNames('Олександр Сирський', other).score).toBeGreaterThan(0.95)
  })

  it('is robust to swapped order and a missing patronymic, and explains itself', () => {
    const swapped = compareNames('Коваленко Петро', 'Петро Коваленко')
    expect(swapped.score).toBeGreaterThan(0.95)
    expect(swapped.score).toBeLessThan(1)
    const missing = compareNames(
      { surname: 'Коваленко', givenName: 'Петро', patronymic: 'Іванович' },
      { surname: 'Kovalenko', givenName: 'Petro' },
    )
    expect(missing.score).toBeGreaterThan(0.95)
    expect(missing.reasons.join(' ')).toContain('Іванович only on one side')
    expect(compareNames('Миколайович', 'Николаевич').score).toBeGreaterThan(0.9)
  })

  it('keeps different persons apart', () => {
    expect(compareNames('Коваленко Петро', 'Коваленко Павло').score).toBeLessThan(0.85)
    expect(compareNames('Коваленко Петро', 'Шевченко Петро').score).toBeLessThan(0.85)
    expect(compareNames('Коваленко Петро', 'Бондар Ольга').score).toBeLessThan(0.6)
  })

  it('scores the same with and without reasons', () => {
    const a = prepareName('Сирський Олександр Станіславович')
    const b = prepareName({ surname: 'Syrsky', givenName: 'Alexander' })
    expect(scoreOnly(a, b)).toBeCloseTo(scorePrepared(a, b).score, 10)
  })
})
