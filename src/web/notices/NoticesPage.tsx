import { Alert, Badge, Button, Group, Loader, Stack, Table, Text, TextInput, Title } from '@mantine/core'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Link } from '@tanstack/react-router'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { http, ok, type Schema } from '../api'
import { formatDay } from '../dates'
import { errorMessage } from '../forms'
import { useCan } from '../session/session'

type Notice = Schema<'Notice'>
type Batch = Schema<'NoticeBatch'>
const today = () => new Date().toISOString().slice(0, 10)

/**
 * The liaison's queue: what is owed to the ICRC, earliest deadline first with its age; a batch of
 * everything due, then marked sent (how, when, reference) and acknowledged.
 */
export function NoticesPage() {
  const { t, i18n } = useTranslation()
  const can = useCan()
  const client = useQueryClient()
  const [batch, setBatch] = useState<Batch | null>(null)
  const [error, setError] = useState<string | null>(null)
  const due = useQuery({
    queryKey: ['notices', 'due'],
    queryFn: () => ok(http.GET('/notices', { params: { query: { state: 'due', limit: 1000 } } })),
  })
  const refresh = () => client.invalidateQueries({ queryKey: ['notices'] })
  const run = async (work: () => Promise<Batch>) => {
    setError(null)
    try {
      setBatch(await work())
      await refresh()
    } catch (e) {
      setError(errorMessage(t, e, i18n.language))
    }
  }
  const items: Notice[] = due.data?.items ?? []
  return (
    <Stack>
      <Title order={2}>{t('notices.title')}</Title>
      {error && (
        <Alert color="red" data-testid="notices-error">
          {error}
        </Alert>
      )}
      {batch && <BatchPanel batch={batch} run={run} />}
      <Group justify="space-between">
        <Title order={4}>{t('notices.due')}</Title>
        {can('notices.write') && items.length > 0 && (
          <Button
            data-testid="prepare-batch"
            onClick={() => run(() => ok(http.POST('/notices/batches', { body: { recipient: 'agency' } })))}
          >
            {t('notices.prepare')}
          </Button>
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
                </Table.Td>
                <Table.Td>{n.article}</Table.Td>
                <Table.Td>{t(`event.${n.event.type}`, { defaultValue: n.event.type })}</Table.Td>
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
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  )
}

/** The batch just prepared or moved on: its state and the form for its next step. */
function BatchPanel({ batch, run }: { batch: Batch; run: (work: () => Promise<Batch>) => Promise<void> }) {
  const { t } = useTranslation()
  const [on, setOn] = useState(today())
  const [how, setHow] = useState('')
  const [reference, setReference] = useState('')
  const id = { path: { id: batch.id } }
  return (
    <Stack gap="xs" data-testid="notice-batch">
      <Group>
        <Title order={4}>{t('notices.batch', { number: batch.number })}</Title>
        <Badge data-testid="batch-state">{t(`notices.state.${batch.state}`)}</Badge>
      </Group>
      {batch.state !== 'acknowledged' && (
        <Group align="end">
          <TextInput
            label={batch.state === 'prepared' ? t('notices.sentOn') : t('notices.ackOn')}
            type="date"
            value={on}
            onChange={(e) => setOn(e.currentTarget.value)}
          />
          {batch.state === 'prepared' && (
            <TextInput label={t('notices.how')} value={how} onChange={(e) => setHow(e.currentTarget.value)} />
          )}
          <TextInput
            label={batch.state === 'prepared' ? t('notices.reference') : t('notices.ackNote')}
            value={reference}
            onChange={(e) => setReference(e.currentTarget.value)}
          />
          {batch.state === 'prepared' ? (
            <Button
              data-testid="mark-sent"
              onClick={() =>
                run(() =>
                  ok(
                    http.POST('/notices/batches/{id}/sent', {
                      params: id,
                      body: { on, how, reference: reference || undefined },
                    }),
                  ),
                )
              }
            >
              {t('notices.markSent')}
            </Button>
          ) : (
            <Button
              data-testid="mark-acknowledged"
              onClick={() =>
                run(() =>
                  ok(
                    http.POST('/notices/batches/{id}/acknowledged', {
                      params: id,
                      body: { on, note: reference || undefined },
                    }),
                  ),
                )
              }
            >
              {t('notices.markAcknowledged')}
            </Button>
          )}
        </Group>
      )}
    </Stack>
  )
}
