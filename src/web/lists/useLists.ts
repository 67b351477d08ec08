import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query'
import { ApiError, http, ok, type Schema } from '../api'

export type UploadAnalysis = Schema<'ListUploadAnalysis'>
export type ListReadRow = Schema<'ListReadRow'>
export type ListShownRow = Schema<'ListShownRow'>
export type ListRowFlag = Schema<'ListRowFlag'>
export type ListPageData = Schema<'ListPage'>

export const LIST_FIELDS = [
  'id',
  'surname',
  'givenName',
  'patronymic',
  'fatherName',
  'dateOfBirth',
  'placeOfBirth',
  'serviceNumber',
  'rank',
  'unit',
  'sex',
  'citizenship',
  'capturedOn',
  'capturePlace',
] as const
export type ListField = (typeof LIST_FIELDS)[number]
export const SOURCE_KINDS = ['other_side', 'icrc', 'unit', 'open_source', 'other'] as const

export function useListIndex() {
  return useQuery({ queryKey: ['lists', 'index'], queryFn: () => ok(http.GET('/lists')) })
}

export function useListPage(id: string) {
  return useQuery({
    queryKey: ['lists', 'page', id],
    queryFn: () => ok(http.GET('/lists/{id}', { params: { path: { id } } })),
  })
}

/** A list's flagged rows, page by page in file order. */
export function useFlaggedRows(id: string) {
  return useInfiniteQuery({
    queryKey: ['lists', 'flagged', id],
    initialPageParam: 0,
    queryFn: ({ pageParam }) =>
      ok(
        http.GET('/lists/{id}/shown-rows', {
          params: { path: { id }, query: { after: pageParam, limit: 100, flagged: 'true' } },
        }),
      ),
    getNextPageParam: (last) => last.nextAfter ?? undefined,
  })
}

export function useRefreshLists() {
  const client = useQueryClient()
  return () => client.invalidateQueries({ queryKey: ['lists'] })
}

const TYPES: Record<string, string> = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  jsonl: 'application/x-ndjson',
  ndjson: 'application/x-ndjson',
}

/**
 * Uploads a received file as the request body. XMLHttpRequest, not fetch: only it reports the
 * bytes sent, and a list of tens of thousands of rows takes long enough to need a progress bar.
 */
export function uploadList(
  file: File,
  source: string,
  onProgress: (sent: number, total: number) => void,
): Promise<UploadAnalysis> {
  const q = new URLSearchParams({ file_name: file.name, ...(source.trim() ? { source: source.trim() } : {}) })
  const ext = file.name.split('.').pop()?.toLowerCase() ?? ''
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', `/api/v1/lists/uploads?${q}`)
    xhr.withCredentials = true
    xhr.setRequestHeader('content-type', TYPES[ext] ?? 'application/octet-stream')
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size)
    xhr.onerror = () => reject(new TypeError('network'))
    xhr.onload = () => {
      // biome-ignore lint/suspicious/noExplicitAny: the answer is read field by field
      let data: any = null
      try {
        data = JSON.parse(xhr.responseText)
      } catch {}
      if (xhr.status >= 200 && xhr.status < 300) resolve(data as UploadAnalysis)
      else
        reject(
          new ApiError(
            xhr.status,
            data?.code ?? 'INTERNAL',
            data?.detail ?? String(xhr.status),
            data?.issues ?? [],
          ),
        )
    }
    xhr.send(file)
  })
}
