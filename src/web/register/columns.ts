import type { TFunction } from 'i18next'
import { missingMinimumParticulars } from '../../custody/completeness'

export const ROW_HEIGHT = 36
// minmax(0, …): a long name or heading is cut short in its cell instead of widening the column,
// so the heading row and the virtualised rows (separate grids) keep one set of widths; the name
// carries its Latin form beside it, which leaves the name room at 1024 px.
export const COLUMNS = '56px minmax(0, 3fr) 92px minmax(0, 1fr) 104px 112px minmax(0, 1.2fr) minmax(0, 1.3fr)'

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
