import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { http, ok, type Schema } from '../api'

export type Run = Schema<'Reconciliation'>
export type Pair = Schema<'ReconciliationPair'>
export type Report = Schema<'DiscrepancyReport'>
export type QueueFilter = 'pending' | 'all' | 'accepted' | 'rejected' | 'unsure'

const running = (run: Run | undefined) => run?.status === 'queued' || run?.status === 'running'

/** Every run, newest first; polled while one of them is still going. */
export function useRuns() {
  return useQuery({
    queryKey: ['reconciliations'],
    queryFn: () => ok(http.GET('/reconciliations')),
    refetchInterval: (q) => (q.state.data?.items.some(running) ? 1000 : false),
  })
}

/** One run, polled once a second while it is queued or running: its progress bar follows it. */
export function useRun(id: string) {
  return useQuery({
    queryKey: ['reconciliations', id],
    queryFn: () => ok(http.GET('/reconciliations/{id}', { params: { path: { id } } })),
    refetchInterval: (q) => (running(q.state.data) ? 1000 : false),
  })
}

export function useQueue(id: string, filter: QueueFilter, enabled: boolean) {
  return useQuery({
    queryKey: ['reconciliations', id, 'pairs', filter],
    enabled,
    queryFn: () =>
      ok(
        http.GET('/reconciliations/{id}/pairs', {
          params: {
            path: { id },
            query: { limit: 500, after: 0, ...(filter === 'all' ? {} : { decision: filter }) },
          },
        }),
      ),
  })
}

export function useReport(id: string, enabled: boolean) {
  return useQuery({
    queryKey: ['reconciliations', id, 'report'],
    enabled,
    queryFn: () => ok(http.GET('/reconciliations/{id}/report', { params: { path: { id } } })),
  })
}

export function useStartRun() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (body: { listId: string; against: 'missing' | 'custody'; threshold: number }) =>
      ok(http.POST('/reconciliations', { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['reconciliations'] }),
  })
}

export function useCancelRun(id: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: () => ok(http.POST('/reconciliations/{id}/cancel', { params: { path: { id } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['reconciliations'] }),
  })
}

/** A decision; the queue is not read again at once, so the tracer's place in it stays put. */
export function useDecide(id: string) {
  return useMutation({
    mutationFn: (v: { rank: number; decision: 'accepted' | 'rejected' | 'unsure' }) =>
      ok(
        http.POST('/reconciliations/{id}/pairs/{rank}/decision', {
          params: { path: { id, rank: v.rank } },
          body: { decision: v.decision },
        }),
      ),
  })
}

export function useSample(id: string) {
  return useMutation({
    mutationFn: (min: number) =>
      ok(http.GET('/reconciliations/{id}/sample', { params: { path: { id }, query: { min, size: 10 } } })),
  })
}

/** Queues the acceptance of a band: the answer is the job's id, followed with useBulkJob. */
export function useBulkAccept(id: string) {
  return useMutation({
    mutationFn: (body: { minProbability: number; count: number }) =>
      ok(http.POST('/reconciliations/{id}/bulk-accept', { params: { path: { id } }, body })),
  })
}

/** What a finished bulk acceptance answers (the job's result). */
export type BulkResult = { accepted: number; skipped: { rank: number; rowNo: number; reason: string }[] }

const going = (status: string | undefined) => status === 'queued' || status === 'running'

/** The bulk acceptance's job, polled once a second until it ends; the queue is read again then. */
export function useBulkJob(runId: string, jobId: string | undefined) {
  const client = useQueryClient()
  return useQuery({
    queryKey: ['jobs', jobId],
    enabled: !!jobId,
    queryFn: async () => {
      const job = await ok(http.GET('/jobs/{id}', { params: { path: { id: jobId! } } }))
      if (!going(job.status)) await client.invalidateQueries({ queryKey: ['reconciliations', runId] })
      return job
    },
    refetchInterval: (q) => (going(q.state.data?.status) || !q.state.data ? 1000 : false),
  })
}

export function useLists() {
  return useQuery({ queryKey: ['lists'], queryFn: () => ok(http.GET('/lists')) })
}
