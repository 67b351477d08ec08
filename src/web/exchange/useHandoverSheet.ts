import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from '../api'
import { errorLabel } from './reasons'

export type SheetPerson = {
  surname: string
  firstNames: string
  dateOfBirth: string | null
  serviceNumber: string | null
  wounded: boolean
  keys: string[]
}
export type SheetRow = {
  side: 'give' | 'receive'
  ref: string
  stage: number
  outcome: string
  substituteRef: string | null
  person: SheetPerson | null
  substitute: SheetPerson | null
}
export type Candidate = SheetPerson & { ref: string }
export type Check = {
  side: 'give' | 'receive'
  ref: string
  outcome: string
  substituteRef?: string
  substitute?: SheetPerson | null
}

export const personName = (p: SheetPerson | null, ref: string) =>
  p ? `${p.surname} ${p.firstNames}`.trim() : ref

const sheetKey = (id: string) => ['exchange', id, 'handover', 'sheet']

export const useHandoverSheet = (id: string, enabled: boolean) =>
  useQuery({
    queryKey: sheetKey(id),
    queryFn: () => api<{ rows: SheetRow[] }>('GET', `/exchanges/${id}/handover/sheet`),
    enabled,
    staleTime: Number.POSITIVE_INFINITY,
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
      api('POST', `/exchanges/${id}/handover/check`, {
        side: c.side,
        ref: c.ref,
        outcome: c.outcome,
        ...(c.substituteRef ? { substituteRef: c.substituteRef } : {}),
      }),
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
  api<{ candidates: Candidate[] }>(
    'GET',
    `/exchanges/${id}/handover/substitutes?side=${side}&q=${encodeURIComponent(q)}`,
  )
