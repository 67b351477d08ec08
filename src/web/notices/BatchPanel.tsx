import {
  Badge,
  Button,
  CloseButton,
  Group,
  Loader,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { Link } from '@tanstack/react-router'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { http, ok, type Schema } from '../api'
import { formatDay } from '../dates'
import { useCan } from '../session/session'
import { BatchFiles } from './BatchFiles'
import { CardLinks } from './CardLinks'

type Batch = Schema<'NoticeBatch'>
const today = () => new Date().toISOString().slice(0, 10)

/** One batch opened: its state, the form for its next step, its notices and the files kept with it. */
export function BatchPanel({
  batchId,
  run,
  onClose,
}: {
  batchId: string
  run: (work: () => Promise<Batch>) => Promise<void>
  onClose: () => void
}) {
  const { t, i18n } = useTranslation()
  const can = useCan()
  const batch = useQuery({
    queryKey: ['notices', 'batch', batchId],
    queryFn: () => ok(http.GET('/notices/batches/{id}', { params: { path: { id: batchId } } })),
  })
  if (!batch.data) return <Loader />
  const b = batch.data
  return (
    <Stack gap="xs" data-testid="notice-batch">
      <Group justify="space-between">
        <Group>
          <Title order={4}>{t('notices.batch', { number: b.number })}</Title>
          <Badge data-testid="batch-state">{t(`notices.state.${b.state}`)}</Badge>
          <Text size="sm" c="dimmed">
            {t(`notices.recipient.${b.recipient}`)} · {t('notices.count', { count: b.notices.length })}
          </Text>
        </Group>
        <CloseButton aria-label={t('notices.close')} onClick={onClose} />
      </Group>
      {b.sent && (
        <Text size="sm" data-testid="batch-sent">
          {t('notices.state.sent')}: {formatDay(i18n.language, b.sent.at.slice(0, 10))}
          {b.sent.how && ` · ${b.sent.how}`}
          {b.sent.reference && ` · ${b.sent.reference}`}
        </Text>
      )}
      {can('notices.write') && b.state !== 'acknowledged' && <NextStep key={b.state} batch={b} run={run} />}
      <BatchFiles batch={b} />
      <Table striped data-testid="batch-notices">
        <Table.Tbody>
          {b.notices.map((n) => (
            <Table.Tr key={n.id}>
              <Table.Td>{n.number}</Table.Td>
              <Table.Td>
                <Link to="/persons/$personId" params={{ personId: n.personId }}>
                  {n.name}
                </Link>
              </Table.Td>
              <Table.Td>{t(`notices.kind.${n.kind}`)}</Table.Td>
              <Table.Td>{n.article}</Table.Td>
              <Table.Td>{t(`notices.noticeState.${n.state}`)}</Table.Td>
              <Table.Td>
                <CardLinks notice={n} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  )
}

/** The form for the batch's next step: sent (day, how, reference), then acknowledged (day, their reference). */
function NextStep({ batch, run }: { batch: Batch; run: (work: () => Promise<Batch>) => Promise<void> }) {
  const { t } = useTranslation()
  const [on, setOn] = useState(today())
  const [how, setHow] = useState('')
  const [reference, setReference] = useState('')
  const id = { path: { id: batch.id } }
  const prepared = batch.state === 'prepared'
  return (
    <Group align="end">
      <TextInput
        label={prepared ? t('notices.sentOn') : t('notices.ackOn')}
        type="date"
        value={on}
        onChange={(e) => setOn(e.currentTarget.value)}
      />
      {prepared && (
        <TextInput label={t('notices.how')} value={how} onChange={(e) => setHow(e.currentTarget.value)} />
      )}
      <TextInput
        label={prepared ? t('notices.reference') : t('notices.ackNote')}
        value={reference}
        onChange={(e) => setReference(e.currentTarget.value)}
      />
      {prepared ? (
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
  )
}
