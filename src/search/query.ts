import { parsePartialDate } from '../custody/partial-date'
import { nameTokens } from '../names/normalise'

/** What an operator typed into the search box, taken apart. */
export type SearchQuery = {
  names: string[]
  /** a date of birth, full or partial (YYYY, YYYY-MM, YYYY-MM-DD) */
  dateOfBirth?: string
  serviceNumber?: string
}

/**
 * Splits a query into name words, a date of birth and a service number: "Іванов Сергій 1994",
 * "Ivanov Sergei 12.03.1994", "АБ-123456". A word with digits and letters is a service number.
 */
export function parseSearchQuery(text: string): SearchQuery {
  const out: SearchQuery = { names: [] }
  for (const token of nameTokens(text.slice(0, 300))) {
    if (/^\d[\d.\-/]*$/.test(token)) {
      const date = parsePartialDate(token.replace(/\//g, '.'))
      if (date.ok) out.dateOfBirth = date.value
      continue
    }
    if (/\d/.test(token)) {
      out.serviceNumber = token
      continue
    }
    if (/\p{L}/u.test(token)) out.names.push(token)
  }
  return out
}
