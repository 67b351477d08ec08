import { useQuery } from '@tanstack/react-query'
import { useSearch } from '@tanstack/react-router'
import { http, ok } from '../api'
import type { paths } from '../api-schema.gen'

export type DashboardData = paths['/dashboard']['get']['responses'][200]['content']['application/json']

/** The overview's figures; `fresh` asks the server to compute them again instead of its kept answer. */
export function useDashboard(fresh: number, range: DashboardRange) {
  return useQuery({
    queryKey: ['dashboard', fresh, range.from, range.to],
    queryFn: () =>
      ok(
        http.GET('/dashboard', {
          params: { query: { ...(fresh > 0 ? { fresh: 'true' as const } : {}), ...range } },
        }),
      ),
    staleTime: 30_000,
  })
}

/** The overview's dates (YYYY-MM-DD), kept in its address (/?from=...&to=...). */
export type DashboardRange = { from?: string; to?: string }

const DAY = /^\d{4}-\d{2}-\d{2}$/
/** The address's dates, anything that is not a day dropped (the API checks the rest). */
export function dashboardSearch(s: Record<string, unknown>): DashboardRange {
  const out: DashboardRange = {}
  for (const k of ['from', 'to'] as const)
    if (typeof s[k] === 'string' && DAY.test(s[k] as string)) out[k] = s[k] as string
  return out
}

export function useDashboardRange(): DashboardRange {
  return useSearch({ from: '/' })
}
