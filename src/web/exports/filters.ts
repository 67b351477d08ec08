// Each page's filters as the export of its list names them (src/exports/model.ts FILTERS): the
// Export menu downloads "this page, every row of it". Pure, so a test holds each mapping against
// the export's strict schema.

type Maybe = string | null | undefined
const kept = (f: Record<string, Maybe>) =>
  Object.fromEntries(
    Object.entries(f).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''),
  )

/** The register page: its filters are the export's, one for one (the dates from a dashboard link). */
export function registerExportFilters(f: {
  q?: Maybe
  status?: Maybe
  category?: Maybe
  facilityId?: Maybe
  fact?: Maybe
  confirmation?: Maybe
  held?: Maybe
  sex?: Maybe
  health?: Maybe
  registeredFrom?: Maybe
  registeredTo?: Maybe
}): Record<string, string> {
  return kept(f)
}

/** The missing register: the same names (from/to are the date last seen). */
export function missingExportFilters(
  f: Partial<Record<'q' | 'status' | 'captivity' | 'unit' | 'region' | 'from' | 'to' | 'source', string>>,
) {
  return kept(f)
}

/** The enquiries list: the state chosen (open, closed, all). */
export function enquiryExportFilters(state: 'open' | 'closed' | 'all') {
  return { state }
}

/**
 * A dashboard section: the section, and the page's dates (the figures over time are computed for
 * them). The exchange fund is the whole fund now: the dashboard's dates do not narrow it.
 */
export function dashboardExportFilters(section: string | undefined, range: { from?: Maybe; to?: Maybe }) {
  return kept({ section, from: range.from, to: range.to })
}

export function fundExportFilters(): Record<string, string> {
  return {}
}
