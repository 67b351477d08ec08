import type { TFunction } from 'i18next'
import type { MissingPerson } from './useMissing'

/** "Коваль Петро Іванович", or the register number when the reader may not see names. */
export function missingName(
  p: Pick<MissingPerson, 'surname' | 'firstNames' | 'patronymic' | 'registerNumber'>,
) {
  if (!p.surname) return `№ ${p.registerNumber}`
  return [p.surname, p.firstNames, p.patronymic].filter(Boolean).join(' ')
}

/** Status in words, with "captivity confirmed" beside it: a person stays missing while held. */
export function statusWords(t: TFunction, p: Pick<MissingPerson, 'status' | 'captivity' | 'deathReported'>) {
  const words = [t(`missing.statuses.${p.status}`)]
  if (p.status === 'missing' && p.captivity !== 'none') words.push(t(`missing.captivity.${p.captivity}`))
  if (p.status === 'missing' && p.deathReported) words.push(t('missing.deathReported'))
  return words.join(' · ')
}

/** With whom a report's consent lets the data be shared, in words. */
export function consentWords(
  t: TFunction,
  c: { use: boolean; shareIcrc: boolean; shareOtherSide: boolean; sharePublic: boolean },
) {
  const whom = [
    c.shareIcrc && t('missing.consent.icrc'),
    c.shareOtherSide && t('missing.consent.otherSide'),
    c.sharePublic && t('missing.consent.public'),
  ].filter(Boolean)
  return [
    c.use ? t('missing.consent.use') : t('missing.consent.noUse'),
    whom.length
      ? t('missing.consent.sharedWith', { whom: whom.join(', ') })
      : t('missing.consent.sharedWithNobody'),
  ].join('; ')
}
