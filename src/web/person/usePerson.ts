import { useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '../api'
import type { AuditAnswer } from '../audit/AuditTable'
import type { Person, PersonEvent } from '../types'

export function usePerson(id: string) {
  return useQuery({ queryKey: ['person', id], queryFn: () => api<Person>('GET', `/persons/${id}`) })
}

export function usePersonEvents(id: string) {
  return useQuery({
    queryKey: ['person', id, 'events'],
    queryFn: async () => (await api<{ items: PersonEvent[] }>('GET', `/persons/${id}/events`)).items,
  })
}

export function usePersonAudit(id: string) {
  return useQuery({
    queryKey: ['person', id, 'audit'],
    queryFn: () => api<AuditAnswer>('GET', `/persons/${id}/audit`),
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
