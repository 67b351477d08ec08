import { Alert, Anchor, Button, Group, Progress, Stack, Text } from '@mantine/core'
import { useMutation, useQuery } from '@tanstack/react-query'
import { Link } from '@tanstack/react-router'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { http, ok } from '../api'

const going = (status: string | undefined) => status === 'queued' || status === 'running'

/**
 * A large batch being prepared by a worker (the job `notices.batch`), followed here once a second:
 * how many notices are checked, a way to stop it, and the batch opened when it is ready.
 */
export function BatchJobProgress({
  jobId,
  onReady,
  onEnded,
}: {
  jobId: string
  /** The batch the job wrote. */
  onReady: (batchId: string) => void
  /** The job ended without a batch (failed or cancelled), or was dismissed. */
  onEnded: () => void
}) {
  const { t } = useTranslation()
  const job = useQuery({
    queryKey: ['jobs', jobId],
    queryFn: () => ok(http.GET('/jobs/{id}', { params: { path: { id: jobId } } })),
    refetchInterval: (q) => (going(q.state.data?.status) || !q.state.data ? 1000 : false),
  })
  const cancel = useMutation({
    mutationFn: () => ok(http.POST('/jobs/{id}/cancel', { params: { path: { id: jobId } } })),
  })
  const status = job.data?.status
  const batchId = (job.data?.result as { batchId?: string } | undefined)?.batchId
  useEffect(() => {
    if (status === 'done' && batchId) onReady(batchId)
  }, [status, batchId, onReady])
  if (!job.data || going(status)) {
    const { done = 0, total = 0 } = job.data?.progress ?? {}
    const share = total > 0 ? Math.round((done / total) * 100) : 0
    return (
      <Stack gap={4} role="status" aria-live="polite" data-testid="batch-job">
        <Text size="sm">{t('notices.preparing', { done, total })}</Text>
        <Progress value={share} animated aria-label={`${t('notices.prepare')}: ${share}%`} />
        <Group>
          <Button size="xs" variant="default" loading={cancel.isPending} onClick={() => cancel.mutate()}>
            {t('notices.stopPreparing')}
          </Button>
          <Anchor component={Link} to="/jobs" size="xs">
            {t('notices.onJobsPage')}
          </Anchor>
        </Group>
      </Stack>
    )
  }
  if (status === 'done') return null
  return (
    <Alert
      color={status === 'cancelled' ? 'gray' : 'red'}
      data-testid="batch-job-ended"
      withCloseButton
      onClose={onEnded}
    >
      {status === 'cancelled'
        ? t('notices.preparingCancelled')
        : t('notices.preparingFailed', { error: job.data.error ?? '' })}
    </Alert>
  )
}
