import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { HANDOVER_OUTCOMES } from '../../exchange/schema'
import { http, ok, type Schema } from '../api'
import { errorLabel } from './reasons'

export type SheetPerson = Schema<'HandoverSheetPerson'>
export type SheetRow = Awaited<ReturnType<typeof readSheet>>['rows'][number]
export type Candidate = SheetPerson & { ref: string }
export type Check = {
  side: 'give' | 'receive'
  ref: string
  outcome: (typeof HANDOVER_OUTCOMES)[number]
  substituteRef?: string
  substitute?: SheetPerson | null
}

export const personName = (p: SheetPerson | null, ref: string) =>
  p ? `${p.surname} ${p.firstNames}`.trim() : ref

const readSheet = (id: string) => ok(http.GET('/exchanges/{id}/handover/sheet', { params: { path: { id } } }))

const sheetKey = (id: string) => ['exchange', id, 'handover', 'sheet']

export const useHandoverSheet = (id: string, enabled: boolean) =>
  useQuery({
    queryKey: sheetKey(id),
    queryFn: () => readSheet(id),
    enabled,
    staleTime: Number.POSITIVE_INFINITY,
    // never after a tap, but each time the page is opened: other tablets check persons off too
    refetchOnMount: 'always',
  })

/**
 * One tap on the tablet: the row shows the result at once (optimistic), the server is told in the
 * background; on refusal the row goes back and the server's reason is shown. No refetch of the
 * whole sheet after each tap: at 2,000 rows that is what made each tap take seconds.
 */
export function useCheckOff(id: string) {
  const { t } = useTranslation()
  const client = useQueryClient()
  const [error, setError] = useState<string | null>(null)
  const mutation = useMutation({
    mutationFn: (c: Check) =>
      ok(
        http.POST('/exchanges/{id}/handover/check', {
          params: { path: { id } },
          body: {
            side: c.side,
            ref: c.ref,
            outcome: c.outcome,
            ...(c.substituteRef ? { substituteRef: c.substituteRef } : {}),
          },
        }),
      ),
    onMutate: async (c) => {
      setError(null)
      await client.cancelQueries({ queryKey: sheetKey(id) })
      const before = client.getQueryData<{ rows: SheetRow[] }>(sheetKey(id))
      const row = before?.rows.find((r) => r.side === c.side && r.ref === c.ref)
      client.setQueryData<{ rows: SheetRow[] }>(sheetKey(id), (old) =>
        old
          ? {
              rows: old.rows.map((r) =>
                r.side === c.side && r.ref === c.ref
                  ? {
                      ...r,
                      outcome: c.outcome,
                      substituteRef: c.substituteRef ?? null,
                      substitute: c.substitute ?? null,
                    }
                  : r,
              ),
            }
          : old,
      )
      return { row }
    },
    onError: (err, c, context) => {
      const row = context?.row
      if (row)
        client.setQueryData<{ rows: SheetRow[] }>(sheetKey(id), (old) =>
          old ? { rows: old.rows.map((r) => (r.side === c.side && r.ref === c.ref ? row : r)) } : old,
        )
      const name = row?.person ? `${row.person.surname} ${row.person.firstNames}` : c.ref
      setError(`${name}: ${errorLabel(err, t)}`)
    },
  })
  return { check: mutation.mutate, error, clearError: () => setError(null) }
}

export const findSubstitutes = (id: string, side: 'give' | 'receive', q: string) =>
  ok(http.GET('/exchanges/{id}/handover/substitutes', { params: { path: { id }, query: { side, q } } }))
