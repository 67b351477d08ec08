import { isFullDate } from './partial-date'

type Particulars = {
  category: string
  surname?: string | null
  firstNames?: string | null
  rank?: string | null
  dateOfBirth?: string | null
  serviceNumber?: string | null
  placeOfBirth?: string | null
  nationality?: string | null
}

/**
 * Which of the minimum particulars are still missing. For prisoners of war and retained personnel
 * that is the GC III Art. 17 minimum (surname, first names, rank, full date of birth, service
 * number); for civilians the core of GC IV Art. 138 (surname, first names, place and date of
 * birth, nationality), since civilians have no rank or service number.
 */
export function missingMinimumParticulars(p: Particulars): string[] {
  const civilian = p.category === 'civilian_internee'
  const missing: string[] = []
  if (!p.surname) missing.push('surname')
  if (!p.firstNames) missing.push('firstNames')
  if (!isFullDate(p.dateOfBirth)) missing.push('dateOfBirth')
  if (civilian) {
    if (!p.placeOfBirth) missing.push('placeOfBirth')
    if (!p.nationality) missing.push('nationality')
  } else {
    if (!p.rank) missing.push('rank')
    if (!p.serviceNumber) missing.push('serviceNumber')
  }
  return missing
}
