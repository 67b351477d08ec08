import type { TFunction } from 'i18next'
import { ApiError } from '../api'
import { formatDay } from '../dates'
import { errorMessage } from '../forms'

/**
 * A refusal of the register in the reader's words: the event it conflicts with by kind and date,
 * or the refusal's code with its numbers, else the shared wording.
 */
export function missingRefusal(t: TFunction, error: unknown, language: string): string {
  if (error instanceof ApiError && error.code === 'INVALID_TRANSITION') {
    const d = error.details as {
      conflictsWith?: { type: string; occurredOn: string }
      refusal?: string
      registerNumber?: number
      mergedIntoNumber?: number
      seq?: number
      by?: number
    }
    if (d.conflictsWith)
      return t('missing.refusals.conflict', {
        event: t(`missing.events.${d.conflictsWith.type}`),
        date: formatDay(language, d.conflictsWith.occurredOn),
      })
    if (d.refusal) return t(`missing.refusals.${d.refusal}`, { ...d, defaultValue: error.message })
  }
  return errorMessage(t, error, language)
}
