import {
  Alert,
  Badge,
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core'
import { useNavigate } from '@tanstack/react-router'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { formatMoment } from '../dates'
import { errorMessage } from '../forms'
import { useCan } from '../session/session'
import { RunLink } from './links'
import { RunProgress } from './RunProgress'
import { useLists, useRuns, useStartRun } from './useReconciliation'

/** Reconciliations: start one on a stored list, follow the runs, open one to review it. */
export function ReconciliationsPage() {
  const { t, i18n } = useTranslation()
  const can = useCan()
  const runs = useRuns()
  return (
    <Stack>
      <Title order={2}>{t('reconciliation.title')}</Title>
      {can('missing.record') && can('lists.read') && <StartForm />}
      {runs.error && <Alert color="red">{errorMessage(t, runs.error, i18n.language)}</Alert>}
      {runs.data && runs.data.items.length === 0 && <Text c="dimmed">{t('reconciliation.runs.none')}</Text>}
      {runs.data && runs.data.items.length > 0 && (
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('reconciliation.runs.number')}</Table.Th>
              <Table.Th>{t('reconciliation.runs.list')}</Table.Th>
              <Table.Th>{t('reconciliation.runs.against')}</Table.Th>
              <Table.Th>{t('reconciliation.runs.status')}</Table.Th>
              <Table.Th>{t('reconciliation.runs.started')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {runs.data.items.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>
                  <RunLink runId={r.id}>{r.number}</RunLink>
                </Table.Td>
                <Table.Td>{r.listName}</Table.Td>
                <Table.Td>{t(`reconciliation.against.${r.against}`)}</Table.Td>
                <Table.Td>
                  {r.status === 'running' || r.status === 'queued' ? (
                    <RunProgress run={r} />
                  ) : (
                    <Badge variant="light">{t(`reconciliation.status.${r.status}`)}</Badge>
                  )}
                </Table.Td>
                <Table.Td>{formatMoment(i18n.language, r.createdAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  )
}

function StartForm() {
  const { t, i18n } = useTranslation()
  const lists = useLists()
  const start = useStartRun()
  const navigate = useNavigate()
  const [listId, setListId] = useState<string | null>(null)
  const [against, setAgainst] = useState<'missing' | 'custody'>('missing')
  const [threshold, setThreshold] = useState<number>(0.9)
  const stored = ((lists.data as { lists?: { id: string; name: string }[] } | undefined)?.lists ?? []).map(
    (l) => ({ value: l.id, label: l.name }),
  )
  return (
    <Paper withBorder p="md">
      <Stack>
        <Title order={4}>{t('reconciliation.start.title')}</Title>
        {lists.data && stored.length === 0 && <Text c="dimmed">{t('reconciliation.start.noLists')}</Text>}
        <Group align="end">
          <Select
            label={t('reconciliation.start.list')}
            data={stored}
            value={listId}
            onChange={setListId}
            searchable
            w={320}
          />
          <Select
            label={t('reconciliation.start.against')}
            data={[
              { value: 'missing', label: t('reconciliation.start.againstMissing') },
              { value: 'custody', label: t('reconciliation.start.againstCustody') },
            ]}
            value={against}
            onChange={(v) => setAgainst((v as 'missing' | 'custody') ?? 'missing')}
            allowDeselect={false}
            w={420}
          />
          <NumberInput
            label={t('reconciliation.start.threshold')}
            value={threshold}
            onChange={(v) => setThreshold(Number(v))}
            min={0.5}
            max={0.999}
            step={0.01}
            decimalScale={3}
            w={120}
          />
          <Button
            disabled={!listId}
            loading={start.isPending}
            onClick={() =>
              listId &&
              start.mutate(
                { listId, against, threshold },
                {
                  onSuccess: (run) => navigate({ to: '/reconciliations/$runId', params: { runId: run.id } }),
                },
              )
            }
          >
            {t('reconciliation.start.go')}
          </Button>
        </Group>
        {start.error && <Alert color="red">{errorMessage(t, start.error, i18n.language)}</Alert>}
      </Stack>
    </Paper>
  )
}
