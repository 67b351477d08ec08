import type { MissingFilters } from './useMissing'

const KEYS = ['q', 'status', 'captivity', 'unit', 'region', 'from', 'to', 'source'] as const

/**
 * The register's filters as they stand in its URL (/missing?status=missing&unit=93...), so the
 * dashboard and a colleague's link open the same page; anything else in the query is dropped.
 */
export function missingSearch(s: Record<string, unknown>): Partial<MissingFilters> {
  const out: Partial<MissingFilters> = {}
  for (const k of KEYS) {
    const v = s[k]
    if (typeof v === 'string' && v !== '') out[k] = v
    else if (typeof v === 'number') out[k] = String(v)
  }
  return out
}
