import { useQuery } from '@tanstack/react-query'
import { http, ok } from '../api'
import type { paths } from '../api-schema.gen'

export type DashboardData = paths['/dashboard']['get']['responses'][200]['content']['application/json']

/** The overview's figures; `fresh` asks the server to compute them again instead of its kept answer. */
export function useDashboard(fresh: number) {
  return useQuery({
    queryKey: ['dashboard', fresh],
    queryFn: () => ok(http.GET('/dashboard', { params: { query: fresh > 0 ? { fresh: 'true' } : {} } })),
    staleTime: 30_000,
  })
}
