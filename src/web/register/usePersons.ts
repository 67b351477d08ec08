import { useInfiniteQuery, useQuery } from '@tanstack/react-query'
import { http, ok } from '../api'
import type { paths } from '../api-schema.gen'

export type RegisterFilter = {
  q: string
  status: string | null
  category: string | null
  facilityId: string | null
  /** a fact recorded on the person that holds now: consent_given, refused_repatriation, proceedings_open */
  fact: string | null
  confirmation: 'confirmed' | 'unconfirmed' | 'all'
  /** from a dashboard figure's link: only persons held now, of one sex or health */
  held?: 'true'
  sex?: string
  health?: string
  /** from a dashboard figure's link: registered in these days (YYYY-MM-DD, both included) */
  registeredFrom?: string
  registeredTo?: string
}
export type RegisterSort = {
  sort: 'registerNumber' | 'surname' | 'dateOfBirth' | 'status'
  direction: 'asc' | 'desc'
}

const PAGE = 200

type PersonQuery = NonNullable<paths['/persons']['get']['parameters']['query']>

/**
 * The filter as the API's query: unset fields left out. The filter's choices are offered from the
 * same lists the API validates (statuses, categories, facts), so their strings are its values.
 */
const asQuery = (filter: RegisterFilter) =>
  Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== null && v !== '')) as PersonQuery

/** The register page by page: the server filters, sorts and pages; the table asks for more as it scrolls. */
export function usePersons(filter: RegisterFilter, order: RegisterSort) {
  return useInfiniteQuery({
    queryKey: ['persons', filter, order],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      ok(
        http.GET('/persons', {
          params: { query: { ...asQuery(filter), ...order, limit: PAGE, cursor: pageParam ?? undefined } },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor,
  })
}

export function usePersonCount(filter: RegisterFilter) {
  return useQuery({
    queryKey: ['persons-count', filter],
    queryFn: () => ok(http.GET('/persons/count', { params: { query: asQuery(filter) } })),
  })
}

export function useFacilities() {
  return useQuery({
    queryKey: ['facilities'],
    queryFn: async () => (await ok(http.GET('/facilities'))).items,
    staleTime: 30_000,
  })
}
