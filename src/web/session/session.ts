import { useQuery, useQueryClient } from '@tanstack/react-query'
import { ApiError, api } from '../api'
import type { SessionUser } from '../types'

/** The signed-in user, or null when nobody is. */
export function useSession() {
  return useQuery({
    queryKey: ['session'],
    queryFn: async () => {
      try {
        return (await api<{ user: SessionUser }>('GET', '/session')).user
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return null
        throw e
      }
    },
    staleTime: 60_000,
  })
}

export function useCan() {
  const { data } = useSession()
  return (permission: string) => !!data?.permissions.includes(permission)
}

export function useSignOut() {
  const client = useQueryClient()
  return async () => {
    await api('DELETE', '/session')
    client.clear()
    await client.invalidateQueries({ queryKey: ['session'] })
  }
}
