import { useQuery, useQueryClient } from '@tanstack/react-query'
import { http, ok } from '../api'

const byId = (id: string) => ({ params: { path: { id } } })

export function usePerson(id: string) {
  return useQuery({ queryKey: ['person', id], queryFn: () => ok(http.GET('/persons/{id}', byId(id))) })
}

export function usePersonEvents(id: string) {
  return useQuery({
    queryKey: ['person', id, 'events'],
    queryFn: async () => (await ok(http.GET('/persons/{id}/events', byId(id)))).items,
  })
}

export function usePersonAudit(id: string) {
  return useQuery({
    queryKey: ['person', id, 'audit'],
    queryFn: () => ok(http.GET('/persons/{id}/audit', byId(id))),
  })
}

/** After a change to one person, everything that shows them is read again. */
export function useRefreshPerson(id: string) {
  const client = useQueryClient()
  return async () => {
    await client.invalidateQueries({ queryKey: ['person', id] })
    await client.invalidateQueries({ queryKey: ['persons'] })
    await client.invalidateQueries({ queryKey: ['persons-count'] })
    await client.invalidateQueries({ queryKey: ['facilities'] })
  }
}
