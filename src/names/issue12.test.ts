import { describe, expect, it } from 'vitest'
import { nameKey } from './key'
import { areaUnderCurve, readPairSet } from './pair-set'
import { compareNames } from './similarity'

// Each case below failed before the name engine brought every script to Latin, bounded the score
// by the surname's own agreement, told swapped fields apart and read scholarly spellings.
const THRESHOLD = 0.85

describe('names in scripts other than Latin and Cyrillic', () => {
  it.each([
    ['Արամ Պետրոսյան', 'Aram Petrosyan'],
    ['გიორგი ბერიძე', 'Giorgi Beridze'],
    ['王小明', 'Wang Xiaoming'],
    ['김민준', 'Kim Minjun'],
    ['محمد علي حسن', 'Mohammed Ali Hassan'],
  ])('meets %s and %s (same person; scored 0 before)', (a, b) => {
    expect(compareNames(a, b).score).toBeGreaterThanOrEqual(THRESHOLD)
  })

  it.each([
    ['Արամ Պետրոսյան', 'Գևորգ Սարգսյան'],
    ['გიორგი ბერიძე', 'ნინო კაპანაძე'],
    ['王小明', '李伟'],
    ['김민준', '박지훈'],
    ['محمد علي حسن', 'طارق عباس'],
  ])('keeps %s and %s apart (scored 1.000 before: both keys were empty)', (a, b) => {
    expect(compareNames(a, b).score).toBeLessThan(0.5)
  })

  it('never takes two names without letters for one', () => {
    expect(compareNames('—', '…').score).toBe(0)
    expect(nameKey('—')).toBe('')
  })
})

describe('namesakes with a close surname', () => {
  it.each([
    ['Кравченко Іван', 'Кравчук Іван'],
    ['Шевчук Іван', 'Шевчишин Іван'],
    ['Гнатюк Іван', 'Гнатів Іван'],
    ['Rudenko Ivan', 'Rudyk Ivan'],
  ])('scores %s / %s below the match threshold', (a, b) => {
    expect(compareNames(a, b).score).toBeLessThan(THRESHOLD)
    expect(
      compareNames(
        { surname: a.split(' ')[0]!, givenName: 'Іван' },
        { surname: b.split(' ')[0]!, givenName: 'Іван' },
      ).score,
    ).toBeLessThan(THRESHOLD)
  })

  it('still meets a surname with one slip', () => {
    expect(compareNames('Кравченко Іван', 'Кравчеко Іван').score).toBeGreaterThanOrEqual(THRESHOLD)
    expect(compareNames('Shevchenko Ivan', 'Shevchenco Ivan').score).toBeGreaterThanOrEqual(THRESHOLD)
  })
})

describe('order of the words', () => {
  it('takes a surname in the given-name field for weaker agreement than the right order', () => {
    const right = compareNames(
      { surname: 'Коваленко', givenName: 'Петро' },
      { surname: 'Коваленко', givenName: 'Петро' },
    )
    const swapped = compareNames(
      { surname: 'Коваленко', givenName: 'Петро' },
      { surname: 'Петро', givenName: 'Коваленко' },
    )
    expect(right.score).toBe(1)
    expect(swapped.score).toBeLessThan(right.score)
    expect(swapped.score).toBeGreaterThanOrEqual(THRESHOLD)
    expect(swapped.reasons.join(' ')).toContain("each other's fields")
  })

  it('does not take two reordered names of free text for identical', () => {
    const score = compareNames('Олександр Шевченко', 'Шевченко Олександр').score
    expect(score).toBeLessThan(1)
    expect(score).toBeGreaterThanOrEqual(THRESHOLD)
  })
})

describe('scholarly, German and French spellings', () => {
  it.each(['Ševčenko', 'Schewtschenko', 'Chevtchenko', 'Shevchenko'])('keys %s like Шевченко', (latin) => {
    expect(nameKey(latin)).toBe(nameKey('Шевченко'))
  })
  it.each([
    ['Chatschaturow', 'Хачатуров'],
    ['Schazkij', 'Шацький'],
    ['Kowalczuk', 'Ковальчук'],
    ['Szewczenko', 'Шевченко'],
    ['Drapouchko', 'Драпушко'],
    ['Czaplya', 'Цапля'],
  ])('keys %s like %s (German, Polish, French; GOST cz stays ц)', (latin, cyrillic) => {
    expect(nameKey(latin)).toBe(nameKey(cyrillic))
  })
  it('takes an initial of two letters (Ye.) for the given name it begins', () => {
    expect(compareNames('Jevhen Kravčuk', 'Ye. Kravchuk').score).toBeGreaterThanOrEqual(THRESHOLD)
    expect(compareNames('O. Kravchuk', 'Ivan Kravchuk').score).toBeLessThan(0.6)
  })
  it('reads ǯ as dzh and ž as zh', () => {
    expect(nameKey('Ǯuryk')).toBe(nameKey('Джурик'))
    expect(nameKey('Žuk')).toBe(nameKey('Жук'))
  })
})

describe('Ukrainian and Russian surname forms that differ by more than letters', () => {
  it.each([
    ['Кіт', 'Кот'],
    ['Сірко', 'Серко'],
    ['Сірко', 'Сирко'],
    ['Сирський', 'Сырский'],
  ])('meets %s and %s', (uk, ru) => {
    expect(
      compareNames({ surname: uk, givenName: 'Петро' }, { surname: ru, givenName: 'Пётр' }).score,
    ).toBeGreaterThan(0.9)
  })
})

describe('the labelled pair set', () => {
  it('separates same-person pairs from different persons (AUC at least 0.95; 0.812 before)', () => {
    const pairs = readPairSet()
    expect(pairs.length).toBeGreaterThan(1500)
    const auc = areaUnderCurve(pairs.map((p) => ({ same: p.same, score: compareNames(p.a, p.b).score })))
    expect(auc).toBeGreaterThanOrEqual(0.95)
  })

  it('computes the area under the curve', () => {
    expect(
      areaUnderCurve([
        { score: 0.9, same: true },
        { score: 0.1, same: false },
      ]),
    ).toBe(1)
    expect(
      areaUnderCurve([
        { score: 0.5, same: true },
        { score: 0.5, same: false },
      ]),
    ).toBe(0.5)
  })
})
