import i18next from 'i18next'
import { beforeAll, describe, expect, it } from 'vitest'
import { REASON_CODES, reasonText } from '../../exchange/reasons'
import { en } from '../locales/en'
import { uk } from '../locales/uk'
import { reasonLabel } from './reasons'

const t = i18next.createInstance()
beforeAll(async () => {
  await t.init({
    resources: { en: { translation: en }, uk: { translation: uk } },
    lng: 'uk',
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
  })
})

describe('reasons as codes', () => {
  it('translates every code the planner, eligibility and the handover produce, in both languages', () => {
    for (const messages of [en, uk] as const) {
      const keys = Object.keys(messages.exchangeReasons)
      for (const code of REASON_CODES) {
        const key = code.replaceAll('.', '_')
        expect(
          keys.some((k) => k === key || k.startsWith(`${key}_`)),
          `${code}`,
        ).toBe(true)
      }
    }
  })

  it('uses the Ukrainian plural forms and translates sides and groups', () => {
    const uk = t.getFixedT('uk')
    const held = (days: number) => reasonLabel(uk, { code: 'reason.held', params: { days } })
    expect([held(1), held(3), held(5), held(21)]).toEqual([
      'утримується 1 день',
      'утримується 3 дні',
      'утримується 5 днів',
      'утримується 21 день',
    ])
    expect(reasonLabel(uk, { code: 'leftOut.balance', params: { other: 'receive' } })).toContain(
      '«ми отримуємо»',
    )
    expect(
      reasonLabel(uk, { code: 'reason.priority', params: { n: 1, category: 'seriously_wounded_or_sick' } }),
    ).toBe(`пріоритет 1: ${uk('exchange.groups.seriously_wounded_or_sick')}`)
  })

  it('names the persons one travels with, never their ids', () => {
    const code = {
      code: 'reason.travelsWith',
      params: { ids: '5f0c2a4e-1111-4000-8000-000000000001', names: 'Шевченко Олена' },
    }
    expect(reasonLabel(t.getFixedT('en'), code)).toBe('travels with Шевченко Олена')
    expect(reasonLabel(t.getFixedT('uk'), code)).toBe('їде разом з Шевченко Олена')
  })

  it('keeps English words for the CLI, the same as the English interface says them', () => {
    expect(reasonText({ code: 'leftOut.sizeLimit', params: { max: 6 } })).toBe(
      reasonLabel(t.getFixedT('en'), { code: 'leftOut.sizeLimit', params: { max: 6 } }),
    )
    expect(reasonText({ code: 'unknown.code' })).toBe('unknown.code')
  })
})
