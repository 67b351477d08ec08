import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import type { Plan, Terms } from '../../exchange/model'
import { ApiError, api } from '../api'

export type Exchange = {
  id: string
  name: string
  counterpart: string
  mediator: string | null
  status: string
  terms: Terms
  stages: number[]
  annotated: number
  sought: number
  rounds: number
}
export type PlanView = Plan & {
  round: number | null
  people: Record<string, { surname: string; firstNames: string; dateOfBirth: string | null }>
}
export type Difference = Record<
  'give' | 'receive',
  { added: string[]; removed: string[]; substituted: { out: string; in: string }[] }
>
export type Round = {
  n: number
  kind: string
  give: string[]
  receive: string[]
  difference: Difference | null
  detail: { unmatched?: string[] }
}
export type HandoverView = {
  exchange: Exchange
  rows: {
    side: 'give' | 'receive'
    ref: string
    stage: number
    outcome: string
    person: { surname: string; firstNames: string; dateOfBirth: string | null } | null
  }[]
  report: {
    stages: { stage: number; give: Record<string, number>; receive: Record<string, number> }[]
    pending: number
  }
}

export const useExchanges = () =>
  useQuery({ queryKey: ['exchanges'], queryFn: () => api<{ exchanges: Exchange[] }>('GET', '/exchanges') })

export const useExchange = (id: string) =>
  useQuery({ queryKey: ['exchange', id], queryFn: () => api<Exchange>('GET', `/exchanges/${id}`) })

export const useRounds = (id: string) =>
  useQuery({
    queryKey: ['exchange', id, 'rounds'],
    queryFn: () => api<{ rounds: Round[] }>('GET', `/exchanges/${id}/rounds`),
  })

export const useHandover = (id: string, enabled: boolean) =>
  useQuery({
    queryKey: ['exchange', id, 'handover'],
    queryFn: () => api<HandoverView>('GET', `/exchanges/${id}/handover`),
    enabled,
  })

/** Runs a change to an exchange, then refreshes what is shown; keeps the server's message on failure. */
export function useExchangeAction(id: string) {
  const refresh = useRefresh(id)
  const [error, setError] = useState<string | null>(null)
  async function act(run: () => Promise<unknown>) {
    setError(null)
    try {
      await run()
      await refresh()
    } catch (err) {
      setError((err as Error).message)
    }
  }
  return { act, error }
}

/** Refreshes everything shown about one exchange after a change. */
export function useRefresh(id: string) {
  const client = useQueryClient()
  return () => client.invalidateQueries({ queryKey: ['exchange', id] })
}

const TYPES: Record<string, string> = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
}

/** Sends a chosen file as the request body, as the API takes received lists. */
export async function upload<T>(path: string, file: File): Promise<T> {
  const ext = file.name.split('.').pop()?.toLowerCase() ?? ''
  const res = await fetch(`/api/v1${path}?file_name=${encodeURIComponent(file.name)}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': TYPES[ext] ?? 'application/octet-stream' },
    body: file,
  })
  const data = await res.json().catch(() => null)
  if (!res.ok)
    throw new ApiError(
      res.status,
      data?.code ?? 'INTERNAL',
      data?.detail ?? `The server answered ${res.status}`,
      data?.issues ?? [],
    )
  return data as T
}
