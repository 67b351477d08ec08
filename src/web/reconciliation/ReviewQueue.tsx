import { Alert, Badge, Button, Group, Kbd, Paper, SegmentedControl, Stack, Table, Text } from '@mantine/core'
import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { formatDay } from '../dates'
import { errorMessage } from '../forms'
import { RecordLink } from './links'
import { type Pair, type QueueFilter, useDecide, useQueue } from './useReconciliation'

type Decision = 'accepted' | 'rejected' | 'unsure'

/** Which value of each side an evidence field compares. */
const VALUE_OF: Record<
  string,
  'surname' | 'firstNames' | 'patronymic' | 'dateOfBirth' | 'serviceNumber' | 'placeOfBirth' | 'unit'
> = {
  surname: 'surname',
  given_name: 'firstNames',
  patronymic: 'patronymic',
  date_of_birth: 'dateOfBirth',
  service_number: 'serviceNumber',
  place_of_birth: 'placeOfBirth',
  unit: 'unit',
}
const levelKey = (level: string) =>
  level
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '')

/** Keys that decide or move, and what they do; typing in a field is left alone. */
const KEYS: Record<string, Decision | 'next' | 'previous'> = {
  a: 'accepted',
  r: 'rejected',
  u: 'unsure',
  j: 'next',
  n: 'next',
  k: 'previous',
  p: 'previous',
}

/**
 * The review queue, one pair at a time: our record and their row side by side with each field's
 * agreement and weight, decided from the keyboard (a, r, u; j/n and k/p to move). After a decision
 * the next pair comes; the list is not read again, so the tracer's place stays put.
 */
export function ReviewQueue({
  runId,
  canDecide,
  against,
}: {
  runId: string
  canDecide: boolean
  against: string
}) {
  const { t, i18n } = useTranslation()
  const [filter, setFilter] = useState<QueueFilter>('pending')
  const queue = useQueue(runId, filter, true)
  const decide = useDecide(runId)
  const [at, setAt] = useState(0)
  const [decided, setDecided] = useState<Record<number, Decision>>({})
  const pairs = queue.data?.pairs ?? []
  const pair = pairs[Math.min(at, Math.max(0, pairs.length - 1))]

  const act = useCallback(
    (what: Decision | 'next' | 'previous') => {
      if (what === 'next') return setAt((i) => Math.min(i + 1, Math.max(0, pairs.length - 1)))
      if (what === 'previous') return setAt((i) => Math.max(0, i - 1))
      if (!pair || !canDecide || decide.isPending) return
      decide.mutate(
        { rank: pair.rank, decision: what },
        {
          onSuccess: () => {
            setDecided((d) => ({ ...d, [pair.rank]: what }))
            setAt((i) => Math.min(i + 1, Math.max(0, pairs.length - 1)))
          },
        },
      )
    },
    [pair, pairs.length, canDecide, decide],
  )

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null
      if (target && ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) return
      if (e.ctrlKey || e.metaKey || e.altKey) return
      const what = KEYS[e.key.toLowerCase()]
      if (!what) return
      e.preventDefault()
      act(what)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [act])

  const day = (v: string | null | undefined) => (v ? formatDay(i18n.language, v) : '')
  const show = (field: string, side: Pair['ours'] | Pair['theirs']) => {
    const key = VALUE_OF[field]
    const v = key && side ? (side as unknown as Record<string, string | null | undefined>)[key] : undefined
    return field === 'date_of_birth' ? day(v) : (v ?? '')
  }
  const decision = pair ? (decided[pair.rank] ?? pair.decision) : null

  return (
    <Stack>
      <Group justify="space-between">
        <SegmentedControl
          value={filter}
          onChange={(v) => {
            setFilter(v as QueueFilter)
            setAt(0)
            setDecided({})
          }}
          data={(['pending', 'all', 'accepted', 'rejected', 'unsure'] as const).map((f) => ({
            value: f,
            label: t(`reconciliation.queue.${f}`),
          }))}
        />
        <Text size="sm" c="dimmed">
          {t('reconciliation.queue.keys')}
        </Text>
      </Group>
      {queue.error && <Alert color="red">{errorMessage(t, queue.error, i18n.language)}</Alert>}
      {decide.error && <Alert color="red">{errorMessage(t, decide.error, i18n.language)}</Alert>}
      {queue.data && pairs.length === 0 && <Text c="dimmed">{t('reconciliation.queue.empty')}</Text>}
      {pair && (
        <Paper
          withBorder
          p="md"
          aria-label={t('reconciliation.queue.position', {
            at: at + 1,
            of: pairs.length,
            pending: queue.data?.pending,
          })}
        >
          <Stack gap="sm">
            <Group justify="space-between">
              <Text fw={600}>
                {t('reconciliation.queue.position', {
                  at: Math.min(at, pairs.length - 1) + 1,
                  of: pairs.length,
                  pending: queue.data?.pending,
                })}
              </Text>
              <Group gap="xs">
                <Badge color={pair.above ? 'green' : 'gray'} variant="light">
                  {t('reconciliation.queue.probability', { p: pair.probability.toFixed(4) })} ·{' '}
                  {t(pair.above ? 'reconciliation.queue.above' : 'reconciliation.queue.below')}
                </Badge>
                {decision && (
                  <Badge
                    color={decision === 'accepted' ? 'green' : decision === 'rejected' ? 'red' : 'yellow'}
                  >
                    {t('reconciliation.queue.decided', {
                      decision: t(`reconciliation.decision.${decision}`),
                    })}
                  </Badge>
                )}
              </Group>
            </Group>
            <Table withTableBorder>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('reconciliation.queue.field')}</Table.Th>
                  <Table.Th>
                    {pair.ours ? (
                      <RecordLink against={against} id={pair.ours.id}>
                        {t('reconciliation.queue.ours')} No. {pair.ours.registerNumber}
                      </RecordLink>
                    ) : (
                      t('reconciliation.queue.ours')
                    )}
                  </Table.Th>
                  <Table.Th>{t('reconciliation.queue.theirs', { row: pair.rowNo })}</Table.Th>
                  <Table.Th>{t('reconciliation.queue.level')}</Table.Th>
                  <Table.Th ta="right">{t('reconciliation.queue.weight')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {pair.evidence.fields
                  .filter((f) => f.field !== 'email')
                  .map((f) => (
                    <Table.Tr key={f.field}>
                      <Table.Td>{t(`reconciliation.fields.${f.field}`)}</Table.Td>
                      <Table.Td>{show(f.field, pair.ours)}</Table.Td>
                      <Table.Td>{show(f.field, pair.theirs)}</Table.Td>
                      <Table.Td>
                        {t(`reconciliation.levels.${levelKey(f.level)}`, { defaultValue: f.level })}
                      </Table.Td>
                      <Table.Td ta="right" c={f.weight >= 0 ? 'green' : 'red'}>
                        {f.weight >= 0 ? '+' : ''}
                        {f.weight.toFixed(2)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
              </Table.Tbody>
            </Table>
            {pair.ours && (
              <Text size="sm" c="dimmed">
                {t('reconciliation.queue.status', {
                  status: pair.ours.status,
                  captivity: pair.ours.captivity,
                })}
              </Text>
            )}
            {pair.theirs?.written && (
              <Text size="sm">
                {t('reconciliation.queue.written')}:{' '}
                {Object.entries(pair.theirs.written)
                  .map(([k, v]) => `${k}: ${v}`)
                  .join(' · ')}
              </Text>
            )}
            <Group>
              {canDecide && (
                <>
                  <Button color="green" onClick={() => act('accepted')} loading={decide.isPending}>
                    {t('reconciliation.queue.accept')}
                  </Button>
                  <Button color="red" variant="light" onClick={() => act('rejected')}>
                    {t('reconciliation.queue.reject')}
                  </Button>
                  <Button color="yellow" variant="light" onClick={() => act('unsure')}>
                    {t('reconciliation.queue.doubt')}
                  </Button>
                </>
              )}
              <Button variant="default" onClick={() => act('previous')}>
                {t('reconciliation.queue.previous')}
              </Button>
              <Button variant="default" onClick={() => act('next')}>
                {t('reconciliation.queue.next')}
              </Button>
              <Text size="xs" c="dimmed">
                <Kbd>a</Kbd> <Kbd>r</Kbd> <Kbd>u</Kbd> <Kbd>j</Kbd> <Kbd>k</Kbd>
              </Text>
            </Group>
          </Stack>
        </Paper>
      )}
    </Stack>
  )
}
