import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import { dashboardEn } from './locales/dashboard.en'
import { dashboardUk } from './locales/dashboard.uk'
import { en } from './locales/en'
import { enquiriesEn } from './locales/enquiries.en'
import { enquiriesUk } from './locales/enquiries.uk'
import { jobsEn } from './locales/jobs.en'
import { jobsUk } from './locales/jobs.uk'
import { listsEn } from './locales/lists.en'
import { listsUk } from './locales/lists.uk'
import { reconciliationEn } from './locales/reconciliation.en'
import { reconciliationUk } from './locales/reconciliation.uk'
import { uk } from './locales/uk'

export const LANGUAGES = [
  { value: 'en', label: 'English' },
  { value: 'uk', label: 'Українська' },
] as const

const STORAGE_KEY = 'parley.language'

/** The operator's language: their last choice on this machine, else the browser's. */
function initialLanguage(): string {
  const stored = localStorage.getItem(STORAGE_KEY)
  if (stored === 'en' || stored === 'uk') return stored
  return navigator.language.startsWith('uk') ? 'uk' : 'en'
}

export function setLanguage(lang: string) {
  localStorage.setItem(STORAGE_KEY, lang)
  document.documentElement.lang = lang
  void i18next.changeLanguage(lang)
}

void i18next.use(initReactI18next).init({
  resources: { en: { translation: en }, uk: { translation: uk } },
  lng: initialLanguage(),
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
})
for (const [lng, lists] of [
  ['en', listsEn],
  ['uk', listsUk],
] as const)
  i18next.addResourceBundle(lng, 'translation', { lists }, true, true)
for (const [lng, reconciliation] of [
  ['en', reconciliationEn],
  ['uk', reconciliationUk],
] as const)
  i18next.addResourceBundle(lng, 'translation', { reconciliation }, true, true)
for (const [lng, enquiries] of [
  ['en', enquiriesEn],
  ['uk', enquiriesUk],
] as const)
  i18next.addResourceBundle(lng, 'translation', { enquiries, fields: enquiries.paths }, true, false)
for (const [lng, dashboard] of [
  ['en', dashboardEn],
  ['uk', dashboardUk],
] as const)
  i18next.addResourceBundle(lng, 'translation', { dashboard }, true, true)
for (const [lng, jobs] of [
  ['en', jobsEn],
  ['uk', jobsUk],
] as const)
  i18next.addResourceBundle(lng, 'translation', { jobs }, true, true)
document.documentElement.lang = i18next.language

export default i18next
