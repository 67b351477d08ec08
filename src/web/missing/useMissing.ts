import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query'
import { http, ok, type Schema } from '../api'
import type { paths } from '../api-schema.gen'

/** A record of the missing-persons register as the API gives it (fields a role may not see are absent). */
export type MissingPerson = Schema<'MissingPerson'>
export type MissingReport = Schema<'MissingReport'>
export type MissingEvent = Schema<'MissingEvent'>

export type MissingFilters = Record<
  'q' | 'status' | 'captivity' | 'unit' | 'region' | 'from' | 'to' | 'source',
  string
>

type MissingQuery = NonNullable<paths['/missing']['get']['parameters']['query']>

/**
 * The filters as the API's query, blank ones left out. Status and captivity are chosen from the same
 * lists the API validates, so their strings are its values.
 */
const asQuery = (filters: MissingFilters) =>
  Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== '')) as MissingQuery

/** The register page by page (newest first), with the filters as the server applies them. */
export function useMissingList(filters: MissingFilters) {
  return useInfiniteQuery({
    queryKey: ['missing', 'list', filters],
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam }) =>
      ok(http.GET('/missing', { params: { query: { ...asQuery(filters), limit: 100, before: pageParam } } })),
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  })
}

export function useMissingRecord(id: string) {
  return useQuery({
    queryKey: ['missing', 'record', id],
    queryFn: () => ok(http.GET('/missing/{id}', { params: { path: { id } } })),
  })
}

export function useMissingAudit(id: string, enabled: boolean) {
  return useQuery({
    queryKey: ['missing', 'audit', id],
    enabled,
    queryFn: () =>
      ok(
        http.GET('/audit', { params: { query: { entityType: 'missing_person', entityId: id, limit: 200 } } }),
      ),
  })
}

/** After a change to one record, the record, its audit trail and the register are read again. */
export function useRefreshMissing() {
  const client = useQueryClient()
  return () => client.invalidateQueries({ queryKey: ['missing'] })
}
