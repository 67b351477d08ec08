import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useNavigate } from '@tanstack/react-router'
import { ApiError, http, ok, type Schema } from '../api'

/** Where the admin page leaves the enrolment code the server handed an admin who must now enrol. */
export const ENROLMENT_CODE_KEY = ['enrolmentCode'] as const

/** The signed-in user, or null when nobody is. */
export function useSession() {
  return useQuery({
    queryKey: ['session'],
    queryFn: async () => {
      try {
        return (await ok(http.GET('/session'))).user
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return null
        throw e
      }
    },
    staleTime: 60_000,
  })
}

/** A permission as the API names it: a misspelt one fails tsc instead of hiding a button for good. */
export type Permission = Schema<'SessionUser'>['permissions'][number]

export function useCan() {
  const { data } = useSession()
  return (permission: Permission) => !!data?.permissions.includes(permission)
}

/**
 * Signs out and forgets everything the previous user saw. Order matters: the session is set to
 * nobody first so the root swaps the shell for the sign-in page (its pages, and their queries, go
 * away), then every cached query is dropped, then "nobody" is seeded again into the emptied cache so
 * the sign-in page shows at once instead of asking the server. The address goes back to the start:
 * whoever signs in next does not land on the previous user's page.
 */
export function useSignOut() {
  const client = useQueryClient()
  const navigate = useNavigate()
  return async () => {
    try {
      await ok(http.DELETE('/session'))
    } catch (e) {
      // an already closed session is signed out all the same
      if (!(e instanceof ApiError && e.status === 401)) throw e
    }
    await client.cancelQueries()
    client.setQueryData(['session'], null)
    client.clear()
    client.setQueryData(['session'], null)
    await navigate({ to: '/' })
  }
}
