import { Badge, Button, Table, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { http, ok } from '../api'
import { formatDay } from '../dates'

/** The batches made so far, newest first: to whom, their state, how and with which reference sent. */
export function PastBatches({ onOpen }: { onOpen: (id: string) => void }) {
  const { t, i18n } = useTranslation()
  const batches = useQuery({
    queryKey: ['notices', 'batches'],
    queryFn: () => ok(http.GET('/notices/batches', { params: { query: { limit: 100 } } })),
  })
  const items = batches.data?.items ?? []
  const day = (at: string) => formatDay(i18n.language, at.slice(0, 10))
  return (
    <>
      <Title order={4}>{t('notices.pastBatches')}</Title>
      {batches.data && items.length === 0 && <Text c="dimmed">{t('notices.noBatches')}</Text>}
      {items.length > 0 && (
        <Table striped data-testid="past-batches">
          <Table.Thead>
            <Table.Tr>
              {(['number', 'recipient', 'state', 'count', 'prepared', 'sent'] as const).map((c) => (
                <Table.Th key={c}>{t(`notices.batchColumns.${c}`)}</Table.Th>
              ))}
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((b) => (
              <Table.Tr key={b.id}>
                <Table.Td>{b.number}</Table.Td>
                <Table.Td>{t(`notices.recipient.${b.recipient}`)}</Table.Td>
                <Table.Td>
                  <Badge variant="light">{t(`notices.state.${b.state}`)}</Badge>
                  {b.backlog && (
                    <Badge ml="xs" variant="outline" color="gray" data-testid="backlog-badge">
                      {t('notices.backlogBadge')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{b.count}</Table.Td>
                <Table.Td>
                  {day(b.preparedAt)} · {b.preparedBy}
                </Table.Td>
                <Table.Td>
                  {b.sent && [day(b.sent.at), b.sent.how, b.sent.reference].filter(Boolean).join(' · ')}
                </Table.Td>
                <Table.Td>
                  <Button size="xs" variant="subtle" data-testid="open-batch" onClick={() => onOpen(b.id)}>
                    {t('notices.open')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </>
  )
}
