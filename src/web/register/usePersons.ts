import { useInfiniteQuery, useQuery } from '@tanstack/react-query'
import { api, queryString } from '../api'
import type { Facility, PersonPage } from '../types'

export type RegisterFilter = {
  q: string
  status: string | null
  category: string | null
  facilityId: string | null
  /** a fact recorded on the person that holds now: consent_given, refused_repatriation, proceedings_open */
  fact: string | null
  confirmation: 'confirmed' | 'unconfirmed' | 'all'
}
export type RegisterSort = {
  sort: 'registerNumber' | 'surname' | 'dateOfBirth' | 'status'
  direction: 'asc' | 'desc'
}

const PAGE = 200

/** The register page by page: the server filters, sorts and pages; the table asks for more as it scrolls. */
export function usePersons(filter: RegisterFilter, order: RegisterSort) {
  return useInfiniteQuery({
    queryKey: ['persons', filter, order],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      api<PersonPage>(
        'GET',
        `/persons${queryString({ ...filter, ...order, limit: PAGE, cursor: pageParam })}`,
      ),
    getNextPageParam: (last) => last.nextCursor,
  })
}

export function usePersonCount(filter: RegisterFilter) {
  return useQuery({
    queryKey: ['persons-count', filter],
    queryFn: () => api<{ total: number; capped: boolean }>('GET', `/persons/count${queryString(filter)}`),
  })
}

export function useFacilities() {
  return useQuery({
    queryKey: ['facilities'],
    queryFn: async () => (await api<{ items: Facility[] }>('GET', '/facilities')).items,
    staleTime: 30_000,
  })
}
