import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { http, ok, type Schema } from '../api'

export type Enquiry = Schema<'Enquiry'>
export type EnquiryDetail = Schema<'EnquiryDetail'>
export type EnquiryCandidate = Schema<'EnquiryCandidate'>

/** The tracer's list, most urgent first. */
export function useEnquiryList(state: 'open' | 'closed' | 'all', missingPersonId?: string, enabled = true) {
  return useQuery({
    queryKey: ['enquiries', 'list', state, missingPersonId ?? ''],
    enabled,
    queryFn: () => ok(http.GET('/enquiries', { params: { query: { state, missingPersonId } } })),
  })
}

export function useEnquiry(id: string) {
  return useQuery({
    queryKey: ['enquiries', 'one', id],
    queryFn: () => ok(http.GET('/enquiries/{id}', { params: { path: { id } } })),
  })
}

export function useEnquiryTrail(id: string) {
  return useQuery({
    queryKey: ['enquiries', 'trail', id],
    queryFn: () => ok(http.GET('/enquiries/{id}/trail', { params: { path: { id } } })),
  })
}

/**
 * A change to one enquiry: the answer is the enquiry as it now stands, put in the cache at once;
 * the list, the trail and the missing person's record are read again.
 */
export function useEnquiryChange<V>(id: string, send: (vars: V) => Promise<EnquiryDetail>) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: send,
    onSuccess: async (e) => {
      client.setQueryData(['enquiries', 'one', id], e)
      await client.invalidateQueries({ queryKey: ['enquiries', 'list'] })
      await client.invalidateQueries({ queryKey: ['enquiries', 'trail', id] })
      await client.invalidateQueries({ queryKey: ['missing'] })
    },
  })
}
