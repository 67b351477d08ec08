import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Loader,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core'
import { Link } from '@tanstack/react-router'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { formatDay } from '../dates'
import { ExportMenu } from '../exports/ExportMenu'
import { enquiryExportFilters } from '../exports/filters'
import { errorMessage } from '../forms'
import { useCan } from '../session/session'
import { soughtName } from './labels'
import { useEnquiryList } from './useEnquiries'

/** The tracer's page: open enquiries, the overdue ones first, each with its age and whether to search again. */
export function EnquiriesPage() {
  const { t, i18n } = useTranslation()
  const can = useCan()
  const [state, setState] = useState<'open' | 'closed' | 'all'>('open')
  const list = useEnquiryList(state)
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('enquiries.title')}</Title>
        <Group>
          <ExportMenu list="enquiries" filters={enquiryExportFilters(state)} />
          {can('enquiries.work') && (
            <Button renderRoot={(props) => <Link to="/enquiries/new" {...props} />}>
              {t('enquiries.take')}
            </Button>
          )}
        </Group>
      </Group>
      <SegmentedControl
        w={320}
        value={state}
        onChange={(v) => setState(v as typeof state)}
        data={(['open', 'closed', 'all'] as const).map((s) => ({
          value: s,
          label: t(`enquiries.states.${s}`),
        }))}
      />
      {list.isPending && <Loader />}
      {list.isError && (
        <Alert color="red" role="alert">
          {errorMessage(t, list.error, i18n.language)}
        </Alert>
      )}
      {list.data && (
        <>
          <Text size="sm" c="dimmed">
            {t('enquiries.counts', {
              open: list.data.items.length,
              overdue: list.data.items.filter((e) => e.urgency.overdue).length,
            })}{' '}
            · {t('enquiries.overdueAfter', { days: list.data.overdueAfterDays })}
          </Text>
          {list.data.items.length === 0 ? (
            <Text>{t('enquiries.empty')}</Text>
          ) : (
            <Table striped aria-label={t('enquiries.title')}>
              <Table.Thead>
                <Table.Tr>
                  {(['number', 'received', 'age', 'sought', 'enquirer', 'channel', 'state'] as const).map(
                    (c) => (
                      <Table.Th key={c}>{t(`enquiries.columns.${c}`)}</Table.Th>
                    ),
                  )}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.items.map((e) => (
                  <Table.Tr key={e.id} data-testid="enquiry-row">
                    <Table.Td>
                      <Anchor
                        renderRoot={(props) => (
                          <Link to="/enquiries/$enquiryId" params={{ enquiryId: e.id }} {...props} />
                        )}
                      >
                        {e.number}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{formatDay(i18n.language, e.receivedOn)}</Table.Td>
                    <Table.Td>{t('enquiries.ageDays', { count: e.urgency.ageDays })}</Table.Td>
                    <Table.Td>{soughtName(e.sought)}</Table.Td>
                    <Table.Td>{e.enquirer.name ?? '—'}</Table.Td>
                    <Table.Td>{t(`enquiries.channels.${e.channel}`)}</Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {e.urgency.overdue && (
                          <Badge
                            color="red"
                            title={e.urgency.reasons.map((r) => t(`enquiries.reasons.${r}`)).join(', ')}
                          >
                            {t('enquiries.overdue')}:{' '}
                            {e.urgency.reasons.map((r) => t(`enquiries.reasons.${r}`)).join(', ')}
                          </Badge>
                        )}
                        {e.newCandidates > 0 && e.state === 'open' && (
                          <Badge
                            color="blue"
                            title={t('enquiries.newCandidatesHint')}
                            data-testid="new-candidates"
                          >
                            {t('enquiries.newCandidates', { count: e.newCandidates })}
                          </Badge>
                        )}
                        {e.stale && e.state === 'open' && (
                          <Badge color="yellow" title={t('enquiries.staleHint')}>
                            {t('enquiries.stale')}
                          </Badge>
                        )}
                        {e.answeredOn && (
                          <Badge color="green" variant="light">
                            {t('enquiries.answered', { on: formatDay(i18n.language, e.answeredOn) })}
                          </Badge>
                        )}
                        {e.state === 'closed' && <Badge color="gray">{t('enquiries.states.closed')}</Badge>}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </>
      )}
    </Stack>
  )
}
