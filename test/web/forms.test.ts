import i18next, { type TFunction } from 'i18next'
import { beforeAll, describe, expect, it } from 'vitest'
import { ApiError } from '../../src/web/api'
import { errorMessage, fieldLabel, translateProblem } from '../../src/web/forms'
import { en } from '../../src/web/locales/en'
import { uk } from '../../src/web/locales/uk'

let tEn: TFunction
let tUk: TFunction

beforeAll(async () => {
  const i18n = i18next.createInstance()
  await i18n.init({
    resources: { en: { translation: en }, uk: { translation: uk } },
    lng: 'en',
    interpolation: { escapeValue: false },
  })
  tEn = i18n.getFixedT('en')
  tUk = i18n.getFixedT('uk')
})

describe('messages shown in the web app', () => {
  it('names a field as the form labels it, in the page language', () => {
    expect(fieldLabel(tEn, 'dateOfBirth')).toBe('Date of birth')
    expect(fieldLabel(tUk, 'dateOfBirth')).toBe(uk.fields.dateOfBirth)
    expect(fieldLabel(tEn, 'persons.2.surname')).toBe('Person 3 — Surname')
    expect(fieldLabel(tUk, 'row 4.surname')).toBe(`Рядок 4 — ${uk.fields.surname}`)
  })

  it("never shows zod's defaults: they become the app's own words", () => {
    expect(translateProblem(tEn, 'Invalid input: expected string, received undefined')).toBe('required')
    expect(translateProblem(tUk, 'must not be empty')).toBe('не може бути порожнім')
    expect(translateProblem(tUk, '31.02.1999 is not a date')).toBe('31.02.1999 не є датою')
    expect(translateProblem(tEn, 'at most 2000 characters')).toBe('at most 2000 characters')
    expect(translateProblem(tUk, 'at most 2000 characters')).toBe('щонайбільше 2000 символів')
  })

  it('starts a banner with the field label, never the internal field name', () => {
    const error = new ApiError(
      400,
      'VALIDATION',
      'dateOfBirth: 31.02.1999 is not a date; surname: must not be empty',
      [
        { path: 'dateOfBirth', message: '31.02.1999 is not a date' },
        { path: 'surname', message: 'Invalid input: expected string, received undefined' },
      ],
    )
    expect(errorMessage(tEn, error, 'en')).toBe('Date of birth: 31.02.1999 is not a date; Surname: required')
    const inUk = errorMessage(tUk, error, 'uk')
    expect(inUk).toBe(
      `${uk.fields.dateOfBirth}: 31.02.1999 не є датою; ${uk.fields.surname}: обов'язкове поле`,
    )
    expect(inUk).not.toMatch(/dateOfBirth|surname|Invalid/)
  })

  it('says a refusal in the page language; English keeps the server’s more telling sentence', () => {
    const notFound = new ApiError(404, 'NOT_FOUND', 'Not Found')
    expect(errorMessage(tUk, notFound, 'uk')).toBe(uk.errors.notFound)
    expect(errorMessage(tEn, notFound, 'en')).toBe(en.errors.notFound)
    const forbidden = new ApiError(403, 'FORBIDDEN', 'The tracer role may not do this (needs users.manage)')
    expect(errorMessage(tUk, forbidden, 'uk')).toBe(uk.errors.forbidden)
    expect(errorMessage(tEn, forbidden, 'en')).toContain('tracer role')
  })

  it('counts persons by the plural rules of each language', () => {
    expect(tEn('register.count', { count: 1 })).toBe('1 person')
    expect(tEn('register.count', { count: 3 })).toBe('3 persons')
    expect(tUk('register.count', { count: 1 })).toBe('1 особа')
    expect(tUk('register.count', { count: 3 })).toBe('3 особи')
    expect(tUk('register.count', { count: 5 })).toBe('5 осіб')
    expect(tUk('register.count', { count: 21 })).toBe('21 особа')
    expect(tUk('capture.registered', { count: 12 })).toBe('Зареєстровано 12 осіб')
  })
})
