import { Alert, Badge, Button, Group, Loader, Stack, Table, Text, Title } from '@mantine/core'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Link } from '@tanstack/react-router'
import { useCallback, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { http, ok, type Schema } from '../api'
import { formatDay } from '../dates'
import { errorMessage } from '../forms'
import { useCan } from '../session/session'
import { BacklogButton } from './BacklogButton'
import { BatchJobProgress } from './BatchJobProgress'
import { BatchPanel } from './BatchPanel'
import { CardLinks } from './CardLinks'
import { PastBatches } from './PastBatches'
import { WithholdButton } from './WithholdButton'

type Notice = Schema<'Notice'>
type Batch = Schema<'NoticeBatch'>

/**
 * The liaison's queue: what is owed to the ICRC, earliest deadline first with its age; a batch of
 * everything due, then marked sent (how, when, reference) and acknowledged; the past batches, each
 * opened with its notices and the files kept as sent.
 */
export function NoticesPage() {
  const { t, i18n } = useTranslation()
  const can = useCan()
  const client = useQueryClient()
  const [openId, setOpenId] = useState<string | null>(null)
  const [jobId, setJobId] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const due = useQuery({
    queryKey: ['notices', 'due'],
    queryFn: () => ok(http.GET('/notices', { params: { query: { state: 'due', limit: 1000 } } })),
  })
  const refresh = () => client.invalidateQueries({ queryKey: ['notices'] })
  const run = async (work: () => Promise<Batch | null>) => {
    setError(null)
    try {
      const batch = await work()
      if (batch) setOpenId(batch.id)
      await refresh()
    } catch (e) {
      setError(errorMessage(t, e, i18n.language))
    }
  }
  const onBatchReady = useCallback(
    (batchId: string) => {
      setJobId(null)
      setOpenId(batchId)
      client.invalidateQueries({ queryKey: ['notices'] })
    },
    [client],
  )
  const items: Notice[] = due.data?.items ?? []
  return (
    <Stack>
      <Title order={2}>{t('notices.title')}</Title>
      {error && (
        <Alert color="red" data-testid="notices-error">
          {error}
        </Alert>
      )}
      {jobId && <BatchJobProgress jobId={jobId} onReady={onBatchReady} onEnded={() => setJobId(null)} />}
      {openId && <BatchPanel batchId={openId} run={run} onClose={() => setOpenId(null)} />}
      <Group justify="space-between">
        <Title order={4}>{t('notices.due')}</Title>
        {can('notices.write') && items.length > 0 && (
          <Group>
            <BacklogButton />
            <Button
              data-testid="prepare-batch"
              onClick={() =>
                run(async () => {
                  const out = await ok(http.POST('/notices/batches', { body: { recipient: 'agency' } }))
                  // a large batch is prepared by a worker (202): followed here until it is ready
                  if ('jobId' in out) {
                    setJobId(out.jobId)
                    return null
                  }
                  return out
                })
              }
            >
              {t('notices.prepare')}
            </Button>
          </Group>
        )}
      </Group>
      {due.isLoading && <Loader />}
      {due.data && items.length === 0 && <Text c="dimmed">{t('notices.empty')}</Text>}
      {items.length > 0 && (
        <Table striped data-testid="notices-due">
          <Table.Thead>
            <Table.Tr>
              {(['number', 'name', 'article', 'event', 'due', 'age'] as const).map((c) => (
                <Table.Th key={c}>{t(`notices.columns.${c}`)}</Table.Th>
              ))}
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((n) => (
              <Table.Tr key={n.id}>
                <Table.Td>{n.number}</Table.Td>
                <Table.Td>
                  <Link to="/persons/$personId" params={{ personId: n.personId }}>
                    {n.name}
                  </Link>
                  {n.withheldFromPower && (
                    <Badge ml="xs" color="grape" size="sm">
                      {t('notices.notToPower')}
                    </Badge>
                  )}
                  {/* GC IV Art. 137 concerns civilians only */}
                  {!n.withheldFromPower && n.convention === 'GC IV' && can('notices.write') && (
                    <Group mt={4}>
                      <WithholdButton personId={n.personId} name={n.name} />
                    </Group>
                  )}
                </Table.Td>
                <Table.Td>{n.article}</Table.Td>
                <Table.Td>
                  {n.event.type === 'weekly'
                    ? t('notices.weekly')
                    : t(`event.${n.event.type}`, { defaultValue: n.event.type })}
                </Table.Td>
                <Table.Td>{formatDay(i18n.language, n.dueOn)}</Table.Td>
                <Table.Td>
                  {n.overdueDays !== null && n.overdueDays > 0 ? (
                    <Text c="red" size="sm">
                      {t('notices.overdue', { count: n.overdueDays })}
                    </Text>
                  ) : (
                    <Text size="sm">{t('notices.left', { count: -(n.overdueDays ?? 0) })}</Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <CardLinks notice={n} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <PastBatches onOpen={setOpenId} />
    </Stack>
  )
}
