import { Alert, Badge, Button, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { api } from '../api'
import { useExchangeAction, useHandover } from './useExchange'

const OUTCOMES = ['crossed', 'no_show', 'refused'] as const

/**
 * The day of the swap on a tablet: one card per person, stage by stage, with large buttons; the
 * report of who crossed against what was agreed; completion writes the histories.
 */
export function Handover({ id, status, writable }: { id: string; status: string; writable: boolean }) {
  const { t } = useTranslation()
  const handover = useHandover(id, status !== 'agreed')
  const { act, error } = useExchangeAction(id)
  const data = handover.data
  if (!data) return null
  const live = writable && status === 'executing'
  const stages = [...new Set(data.rows.map((r) => r.stage))]
  return (
    <Stack component="section" aria-label={t('exchange.handover')}>
      <Group>
        <Title order={4}>{t('exchange.handover')}</Title>
        {live && (
          <Button
            color="green"
            size="lg"
            onClick={() => act(() => api('POST', `/exchanges/${id}/handover/complete`))}
          >
            {t('exchange.complete')}
          </Button>
        )}
        <Text data-testid="handover-pending">{t('exchange.pending', { n: data.report.pending })}</Text>
      </Group>
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      <Table data-testid="handover-report">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('exchange.stage')}</Table.Th>
            <Table.Th>{t('exchange.give')}</Table.Th>
            <Table.Th>{t('exchange.receive')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.report.stages.map((s) => (
            <Table.Tr key={s.stage}>
              <Table.Td>{s.stage}</Table.Td>
              {(['give', 'receive'] as const).map((side) => (
                <Table.Td key={side}>
                  {t('exchange.crossedOf', { crossed: s[side].crossed, agreed: s[side].agreed })}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {stages.map((stage) => (
        <Stack key={stage} gap="xs">
          <Title order={5}>{t('exchange.stageN', { n: stage })}</Title>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
            {data.rows
              .filter((r) => r.stage === stage)
              .map((r) => {
                const label = r.person ? `${r.person.surname} ${r.person.firstNames}` : r.ref
                return (
                  <Card
                    key={`${r.side}:${r.ref}`}
                    withBorder
                    padding="sm"
                    aria-label={label}
                    component="article"
                  >
                    <Group justify="space-between">
                      <Text fw={600}>{label}</Text>
                      <Badge
                        variant="light"
                        color={
                          r.outcome === 'crossed' ? 'green' : r.outcome === 'pending' ? 'gray' : 'orange'
                        }
                      >
                        {t(`exchange.outcomes.${r.outcome}`)}
                      </Badge>
                    </Group>
                    <Text size="sm" c="dimmed">
                      {t(`exchange.${r.side}`)}
                      {r.person?.dateOfBirth ? ` · ${r.person.dateOfBirth}` : ''}
                    </Text>
                    {live && (
                      <Group mt="xs" grow>
                        {OUTCOMES.map((o) => (
                          <Button
                            key={o}
                            size="md"
                            variant={r.outcome === o ? 'filled' : 'light'}
                            onClick={() =>
                              act(() =>
                                api('POST', `/exchanges/${id}/handover/check`, {
                                  side: r.side,
                                  ref: r.ref,
                                  outcome: o,
                                }),
                              )
                            }
                          >
                            {t(`exchange.outcomes.${o}`)}
                          </Button>
                        ))}
                      </Group>
                    )}
                  </Card>
                )
              })}
          </SimpleGrid>
        </Stack>
      ))}
    </Stack>
  )
}
