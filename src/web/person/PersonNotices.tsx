import { Badge, Loader, Paper, Table, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { http, ok } from '../api'
import { formatDay } from '../dates'
import { CardLinks } from '../notices/CardLinks'

const STATE_COLOURS: Record<string, string> = {
  due: 'blue',
  prepared: 'yellow',
  sent: 'teal',
  acknowledged: 'green',
  superseded: 'gray',
}

/** Every notice owed to the ICRC about one person, each with its article, deadline and state. */
export function PersonNotices({ personId }: { personId: string }) {
  const { t, i18n } = useTranslation()
  const notices = useQuery({
    queryKey: ['notices', 'person', personId],
    queryFn: () => ok(http.GET('/notices', { params: { query: { person: personId, limit: 1000 } } })),
  })
  const items = notices.data?.items ?? []
  return (
    <Paper withBorder p="md" data-testid="person-notices">
      <Title order={4} mb="xs">
        {t('notices.personTitle')}
      </Title>
      {notices.isPending && <Loader size="sm" />}
      {notices.data && items.length === 0 && <Text c="dimmed">{t('notices.personEmpty')}</Text>}
      {items.length > 0 && (
        <Table verticalSpacing={4}>
          <Table.Tbody>
            {items.map((n) => (
              <Table.Tr key={n.id}>
                <Table.Td>{n.number}</Table.Td>
                <Table.Td>
                  <Text size="sm">{t(`notices.kind.${n.kind}`)}</Text>
                  <Text size="xs" c="dimmed">
                    {n.article}
                  </Text>
                </Table.Td>
                <Table.Td>{t(`event.${n.event.type}`, { defaultValue: n.event.type })}</Table.Td>
                <Table.Td>{formatDay(i18n.language, n.dueOn)}</Table.Td>
                <Table.Td>
                  <Badge color={STATE_COLOURS[n.state]} variant="light" data-testid="notice-state">
                    {t(`notices.noticeState.${n.state}`)}
                  </Badge>
                  {n.overdueDays !== null && n.overdueDays > 0 && (
                    <Text c="red" size="xs">
                      {t('notices.overdue', { count: n.overdueDays })}
                    </Text>
                  )}
                  {n.withheldFromPower && (
                    <Badge ml="xs" color="grape" size="sm">
                      {t('notices.notToPower')}
                    </Badge>
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
    </Paper>
  )
}
