import i18next, { type TFunction } from 'i18next'
import { beforeAll, describe, expect, it } from 'vitest'
import { EVENT_TYPES } from '../../src/custody/events'
import { actionWords, changeLines, type Reading } from '../../src/web/audit/describe'
import { formatDay, formatMoment } from '../../src/web/dates'
import { en } from '../../src/web/locales/en'
import { uk } from '../../src/web/locales/uk'

let tEn: TFunction
let tUk: TFunction

beforeAll(async () => {
  const i18n = i18next.createInstance()
  await i18n.init({
    resources: { en: { translation: en }, uk: { translation: uk } },
    lng: 'en',
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
  })
  tEn = i18n.getFixedT('en')
  tUk = i18n.getFixedT('uk')
})

const CAMP = '37485a36-66d2-42aa-a0ea-7576751f4f42'
const HOSPITAL = '184b1a7e-f208-4349-87fa-25012f2d9fa0'
const names = { [CAMP]: 'Табір №1', [HOSPITAL]: 'Шпиталь Південний' }
const read = (t: TFunction, language: string, sex?: string): Reading => ({ t, language, names, sex })
const text = (lines: ReturnType<typeof changeLines>) =>
  lines.map((l) =>
    l.before === undefined ? `${l.field}: ${l.after}` : `${l.field}: ${l.before} → ${l.after}`,
  )

describe('the audit trail in words', () => {
  it('says what was done, not the code', () => {
    expect(actionWords(tEn, 'person.event.hospitalised')).toBe('Hospitalised')
    expect(actionWords(tUk, 'person.event.hospitalised')).toBe('Госпіталізовано')
    expect(actionWords(tUk, 'person.amend')).toBe('Відомості виправлено')
    expect(actionWords(tUk, 'session.sign_in')).toBe('Вхід')
    // an action a newer server writes is shown as its code rather than hidden
    expect(actionWords(tUk, 'person.teleported')).toBe('person.teleported')
  })

  it("names what set a job going in words, never the actions' codes", () => {
    const triggers = [
      { by: 'Оксана Мельничук', last: '2026-11-30T23:51:23.805Z', count: 1, action: 'person.amend' },
      { by: 'Оксана Мельничук', last: '2026-11-30T23:51:23.761Z', count: 8, action: 'person.register' },
    ]
    const lines = text(changeLines(read(tUk, 'uk'), null, { input: { triggers } }))
    expect(lines).toHaveLength(1)
    expect(lines[0]).toContain('Відомості виправлено (Оксана Мельничук), Зареєстровано ×8 (Оксана Мельничук)')
    expect(lines[0]).not.toMatch(/person\.|\{/)
  })

  it('has words for every kind of event a history can hold, in both languages', () => {
    const untranslated = EVENT_TYPES.filter(
      (type) => actionWords(tUk, `person.event.${type}`).startsWith('person.') || !(type in uk.event),
    )
    expect(untranslated).toEqual([])
  })

  it('shows an event as field: before → after, with facility names and the status in words', () => {
    const before = { status: 'interned', facilityId: CAMP, health: null }
    const after = {
      status: 'hospitalised',
      facilityId: HOSPITAL,
      health: 'sick',
      occurredOn: '2026-03-14',
      source: null,
      note: 'переведена вночі',
    }
    expect(text(changeLines(read(tEn, 'en'), before, after))).toEqual([
      'Status: Interned → In hospital',
      'Facility: Табір №1 → Шпиталь Південний',
      'Health: — → Sick',
      'Date: 14 Mar 2026',
      'Note: переведена вночі',
    ])
    expect(text(changeLines(read(tUk, 'uk', 'female'), before, after))).toEqual([
      'Стан: Інтернована → У шпиталі',
      'Установа: Табір №1 → Шпиталь Південний',
      "Здоров'я: — → Хвора",
      'Дата: 14.03.2026',
      'Примітка: переведена вночі',
    ])
  })

  it('labels a correction as the form does, nested next of kin included, and keeps its reason', () => {
    const lines = changeLines(
      read(tUk, 'uk'),
      { rank: 'sergeant', nextOfKin: { name: null, address: null } },
      { rank: 'lieutenant', reason: 'описка', nextOfKin: { name: 'Марія', address: null } },
    )
    expect(text(lines)).toEqual([
      'Звання: sergeant → lieutenant',
      `${uk.fields.reason}: описка`,
      `${uk.fields.nextOfKinName}: — → Марія`,
    ])
  })

  it('lists what a registration recorded, leaving out blank fields and internal ones', () => {
    const lines = text(
      changeLines(read(tUk, 'uk'), null, {
        surname: 'Коваленко',
        category: 'prisoner_of_war',
        nameScript: 'cyrillic',
        dateOfBirth: '1994-03',
        unit: null,
        captureId: null,
      }),
    )
    expect(lines).toEqual([
      'Прізвище: Коваленко',
      'Категорія: Військовополонений',
      'Дата народження: 03.1994',
    ])
  })

  it('counts the records a read disclosed instead of listing their ids', () => {
    const lines = text(
      changeLines(read(tUk, 'uk'), null, {
        count: 3,
        ids: ['a', 'b', 'c'],
        view: 'full',
        query: {
          status: 'interned',
          facilityId: CAMP,
          sort: 'registerNumber',
          direction: 'desc',
          limit: 200,
        },
      }),
    )
    // the filter in words; paging and the ids themselves are left out
    expect(lines).toEqual(['Стан: Інтернований', 'Установа: Табір №1', 'Записів: 3', 'Набір полів: усі поля'])
  })

  it('names an id under any key, and never shows a whole UUID', () => {
    const stranger = '0b7c2f4e-1d2a-4c3b-9e8f-5a6b7c8d9e0f'
    // a read's filter by person (the notices read) names the person under the form's word for it
    const lines = text(changeLines(read(tUk, 'uk'), null, { person: CAMP, other: stranger }))
    expect(lines).toContain('Особа: Табір №1')
    expect(lines.join('\n')).toContain('0b7c2f4e…')
    expect(lines.join('\n')).not.toContain(stranger)
  })

  it('says the system-given source in words, and a source someone typed as typed', () => {
    expect(text(changeLines(read(tUk, 'uk'), null, { source: 'registrar' }))).toEqual(['Джерело: реєстратор'])
    expect(text(changeLines(read(tUk, 'uk'), null, { source: 'донесення бригади' }))).toEqual([
      'Джерело: донесення бригади',
    ])
  })
})

describe('dates in the reader’s language', () => {
  it('writes days as Ukrainians and the British do, partial dates included', () => {
    expect(formatDay('uk', '2026-03-14')).toBe('14.03.2026')
    expect(formatDay('en', '2026-03-14')).toBe('14 Mar 2026')
    expect(formatDay('uk', '1994-03')).toBe('03.1994')
    expect(formatDay('en', '1994')).toBe('1994')
    expect(formatDay('uk', 'невідомо')).toBe('невідомо')
  })

  it('writes moments on a 24-hour clock in both languages', () => {
    const evening = '2026-03-14T17:05:00'
    expect(formatMoment('uk', evening)).toBe('14.03.2026, 17:05')
    expect(formatMoment('en', evening)).toBe('14 Mar 2026, 17:05')
  })
})

describe('Ukrainian words agree with a woman’s sex (i18next context)', () => {
  it('uses the feminine forms for a woman and the masculine for a man or when unknown', () => {
    expect(tUk('status.interned', { context: 'female' })).toBe('Інтернована')
    expect(tUk('status.interned', { context: 'male' })).toBe('Інтернований')
    expect(tUk('status.interned')).toBe('Інтернований')
    expect(tUk('person.born', { date: '14.03.1996', context: 'female' })).toBe('Народилася 14.03.1996')
    expect(tUk('person.born', { date: '14.03.1996', context: 'male' })).toBe('Народився 14.03.1996')
    expect(tUk('event.transferred', { context: 'female' })).toBe('Переведена')
    expect(tUk('health.seriously_wounded', { context: 'female' })).toBe('Тяжко поранена')
    expect(tUk('category.prisoner_of_war', { context: 'female' })).toBe('Військовополонена')
    expect(tEn('status.interned', { context: 'female' })).toBe('Interned')
  })

  it('has a feminine form in Ukrainian for every status word that is masculine', () => {
    const masculine = Object.entries(uk.status).filter(
      ([k, v]) => !k.endsWith('_female') && /ий$|ив$|ік$|ер$/.test(v.split(' ')[0]!),
    )
    const missing = masculine.filter(([k]) => !(`${k}_female` in uk.status)).map(([k]) => k)
    expect(missing).toEqual([])
  })
})
