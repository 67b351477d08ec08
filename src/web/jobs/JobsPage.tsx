import { Alert, Badge, Button, Progress, Stack, Table, Text, Title } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { http, ok, type Schema } from '../api'
import { formatMoment } from '../dates'
import { errorMessage } from '../forms'
import { useSession } from '../session/session'

type Job = Schema<'Job'>
const going = (j: Job) => j.status === 'queued' || j.status === 'running'

/** Long work of every kind, as every server sees it: who started it, how far it got, and a way to stop it. */
export function JobsPage() {
  const { t, i18n } = useTranslation()
  const jobs = useQuery({
    queryKey: ['jobs'],
    queryFn: () => ok(http.GET('/jobs')),
    // followed once a second while one of them is still going
    refetchInterval: (q) => (q.state.data?.jobs.some(going) ? 1000 : false),
  })
  return (
    <Stack>
      <Title order={2}>{t('jobs.title')}</Title>
      {jobs.error && <Alert color="red">{errorMessage(t, jobs.error, i18n.language)}</Alert>}
      {jobs.data && jobs.data.jobs.length === 0 && <Text c="dimmed">{t('jobs.none')}</Text>}
      {jobs.data && jobs.data.jobs.length > 0 && (
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('jobs.kind')}</Table.Th>
              <Table.Th>{t('jobs.owner')}</Table.Th>
              <Table.Th>{t('jobs.status')}</Table.Th>
              <Table.Th>{t('jobs.progress')}</Table.Th>
              <Table.Th>{t('jobs.attempts')}</Table.Th>
              <Table.Th>{t('jobs.error')}</Table.Th>
              <Table.Th>{t('jobs.created')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {jobs.data.jobs.map((j) => (
              <JobRow key={j.id} job={j} />
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  )
}

function JobRow({ job }: { job: Job }) {
  const { t, i18n } = useTranslation()
  const { data: user } = useSession()
  const client = useQueryClient()
  const cancel = useMutation({
    mutationFn: () => ok(http.POST('/jobs/{id}/cancel', { params: { path: { id: job.id } } })),
    onSettled: () => client.invalidateQueries({ queryKey: ['jobs'] }),
  })
  const { stage, done, total } = job.progress
  const share = total > 0 ? Math.round((done / total) * 100) : 0
  // the server decides; the button is offered to whom it would allow: the owner or an admin
  const mayCancel = going(job) && !!user && (user.id === job.owner.id || user.role === 'admin')
  const kind = t(`jobs.kinds.${job.kind}`, { defaultValue: job.kind })
  return (
    <Table.Tr>
      <Table.Td>{kind}</Table.Td>
      <Table.Td>{job.owner.name}</Table.Td>
      <Table.Td>
        <Badge variant="light">{t(`jobs.statuses.${job.status}`)}</Badge>
        {job.cancelledBy && (
          <Text size="xs" c="dimmed">
            {t('jobs.cancelledBy', { name: job.cancelledBy })}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        {job.status === 'running' && (
          <Stack gap={2} miw={160} role="status" aria-live="polite">
            <Progress value={share} animated aria-label={`${kind}: ${share}%`} />
            <Text size="xs" c="dimmed">
              {stage ? t('jobs.stage', { stage }) : ''} {total > 0 ? `${done}/${total}` : ''}
            </Text>
          </Stack>
        )}
      </Table.Td>
      <Table.Td>
        {job.attempts}/{job.maxAttempts}
      </Table.Td>
      <Table.Td>
        <Text size="sm">{job.error ?? ''}</Text>
      </Table.Td>
      <Table.Td>{formatMoment(i18n.language, job.createdAt)}</Table.Td>
      <Table.Td>
        {mayCancel && (
          <Button
            size="xs"
            color="red"
            variant="light"
            loading={cancel.isPending}
            onClick={() => cancel.mutate()}
            aria-label={`${t('jobs.cancel')}: ${kind}, ${job.owner.name}`}
          >
            {t('jobs.cancel')}
          </Button>
        )}
        {cancel.error && (
          <Text size="xs" c="red">
            {errorMessage(t, cancel.error, i18n.language)}
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  )
}
