import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { ApiError, http, ok, type Schema } from '../api'

export type Exchange = Schema<'ExchangeWithCounts'>
export type PlanView = Schema<'ExchangePlan'>
export type Difference = NonNullable<Schema<'ExchangeRound'>['difference']>
/** A round; of what it was made from (`detail`, documented loosely) the page reads the unmatched rows. */
export type Round = Omit<Schema<'ExchangeRound'>, 'detail'> & { detail: { unmatched?: string[] } }
export type HandoverView = Schema<'Handover'>

export const useExchanges = () =>
  useQuery({ queryKey: ['exchanges'], queryFn: () => ok(http.GET('/exchanges')) })

export const useExchange = (id: string) =>
  useQuery({
    queryKey: ['exchange', id],
    queryFn: () => ok(http.GET('/exchanges/{id}', { params: { path: { id } } })),
  })

export const useRounds = (id: string) =>
  useQuery({
    queryKey: ['exchange', id, 'rounds'],
    queryFn: async () => {
      const { rounds } = await ok(http.GET('/exchanges/{id}/rounds', { params: { path: { id } } }))
      return { rounds: rounds as Round[] }
    },
  })

export const useHandover = (id: string, enabled: boolean) =>
  useQuery({
    queryKey: ['exchange', id, 'handover'],
    queryFn: () => ok(http.GET('/exchanges/{id}/handover', { params: { path: { id } } })),
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
