import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, queryString } from '../api'
import type { AuditAnswer } from '../audit/AuditTable'

/** A record of the missing-persons register as the API gives it (fields a role may not see are absent). */
export type MissingPerson = {
  id: string
  registerNumber: number
  surname?: string
  firstNames?: string | null
  patronymic?: string | null
  sex?: string | null
  rank?: string | null
  serviceNumber?: string | null
  dateOfBirth?: string | null
  placeOfBirth?: string | null
  unit?: string | null
  region?: string | null
  distinguishingMarks?: string | null
  photoRef?: string | null
  lastSeen?: {
    on?: string | null
    place?: string | null
    circumstances?: string | null
    witness?: string | null
  }
  disagreements: string[]
  status: 'missing' | 'returned' | 'dead' | 'found'
  captivity: 'none' | 'indicated' | 'confirmed'
  deathReported: boolean
  bodyRepatriated: boolean
  lastFacility?: string | null
  lastEventOn?: string | null
  version: number
}

export type MissingReport = {
  id: string
  seq: number
  reporter?: { name: string; relation: string | null; contact: string | null; language: string }
  consent: {
    use: boolean
    shareIcrc: boolean
    shareOtherSide: boolean
    sharePublic: boolean
    givenOn: string | null
  }
  particulars?: Record<string, unknown>
  receivedOn: string
  source: string
}

export type MissingEvent = {
  seq: number
  type: string
  occurredOn: string
  source: string
  confidence: 'high' | 'medium' | 'low'
  details: Record<string, unknown>
}

export type MissingRecord = { person: MissingPerson; reports: MissingReport[]; events: MissingEvent[] }

export type MissingFilters = Record<
  'q' | 'status' | 'captivity' | 'unit' | 'region' | 'from' | 'to' | 'source',
  string
>

/** The register page by page (newest first), with the filters as the server applies them. */
export function useMissingList(filters: MissingFilters) {
  return useInfiniteQuery({
    queryKey: ['missing', 'list', filters],
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam }) =>
      api<{ items: MissingPerson[]; nextBefore: number | null }>(
        'GET',
        `/missing${queryString({ ...filters, limit: 100, before: pageParam })}`,
      ),
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  })
}

export function useMissingRecord(id: string) {
  return useQuery({
    queryKey: ['missing', 'record', id],
    queryFn: () => api<MissingRecord>('GET', `/missing/${id}`),
  })
}

export function useMissingAudit(id: string, enabled: boolean) {
  return useQuery({
    queryKey: ['missing', 'audit', id],
    enabled,
    queryFn: () =>
      api<AuditAnswer>(
        'GET',
        `/audit${queryString({ entityType: 'missing_person', entityId: id, limit: 200 })}`,
      ),
  })
}

/** After a change to one record, the record, its audit trail and the register are read again. */
export function useRefreshMissing() {
  const client = useQueryClient()
  return () => client.invalidateQueries({ queryKey: ['missing'] })
}
