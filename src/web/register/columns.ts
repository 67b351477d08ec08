import type { TFunction } from 'i18next'
import { missingMinimumParticulars } from '../../custody/completeness'

export const ROW_HEIGHT = 36
export const COLUMNS = '70px 2.2fr 1.6fr 100px 1fr 120px 120px 1.2fr 120px'

type Art17Row = {
  art17Complete: boolean
  category: string
  surname?: string | null
  firstNames?: string | null
  rank: string | null
  dateOfBirth: string | null
  serviceNumber?: string | null
  placeOfBirth?: string | null
  nationality: string | null
}

/**
 * The Art. 17 column in words: what is still missing ("missing rank, service number"), and the
 * whole sentence for the tooltip. A field the reader's role does not see (absent from the row) is
 * not named as missing; when none can be named the cell just says incomplete.
 */
export function art17Cell(t: TFunction, p: Art17Row): { short: string; full: string } {
  if (p.art17Complete) return { short: t('register.art17Done'), full: t('person.art17Complete') }
  const shown = p as Record<string, unknown>
  const missing = missingMinimumParticulars(p)
    .filter((field) => shown[field] !== undefined)
    .map((field) => t(`fields.${field}`).toLowerCase())
  if (missing.length === 0) return { short: t('register.art17Missing'), full: t('person.art17Incomplete') }
  const fields = missing.join(', ')
  return {
    short: t('register.art17Lacks', { fields }),
    full: `${t('person.art17Incomplete')}: ${t('register.art17Lacks', { fields })}`,
  }
}
