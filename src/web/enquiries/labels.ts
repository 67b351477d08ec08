import type { Enquiry } from './useEnquiries'

/** "Коваль Петро Іванович", or the year of birth alone when the reader may not see names. */
export function soughtName(s: Enquiry['sought']): string {
  const name = [s.surname, s.firstNames, s.patronymic].filter(Boolean).join(' ')
  return name || (s.dateOfBirth ? `* ${s.dateOfBirth}` : '—')
}
