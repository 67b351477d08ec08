import { Alert, Badge, Button, Group, List, Paper, Stack, Table, Text, Title } from '@mantine/core'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { http, ok } from '../../api'
import { Agreement } from './Agreement'
import { DUPLICATES_ANCHOR } from './PlanBlocked'
import './strings'

/** The received list's duplicates for a decision, and the last round's difference by name. */
export function ListsPanel({ id, rounds, editable }: { id: string; rounds: number; editable: boolean }) {
  return (
    <>
      <Duplicates id={id} editable={editable} />
      {rounds > 1 && <RoundDifference id={id} n={rounds} />}
      {editable && rounds > 0 && <Agreement id={id} />}
    </>
  )
}

function Duplicates({ id, editable }: { id: string; editable: boolean }) {
  const { t } = useTranslation()
  const client = useQueryClient()
  const [error, setError] = useState<string | null>(null)
  const q = useQuery({
    queryKey: ['exchange', id, 'duplicates'],
    queryFn: () => ok(http.GET('/exchanges/{id}/received/duplicates', { params: { path: { id } } })),
  })
  if (!q.data || q.data.counts.rows === 0) return null
  async function decide(key: string, decision: 'merge' | 'keep_both', keep?: string) {
    setError(null)
    try {
      await ok(
        http.POST('/exchanges/{id}/received/duplicates/{key}', {
          params: { path: { id, key } },
          body: { decision, keep },
        }),
      )
      await client.invalidateQueries({ queryKey: ['exchange', id] })
    } catch (err) {
      setError((err as Error).message)
    }
  }
  const cells = (w: Record<string, string> | null) => (w ? Object.values(w).filter(Boolean).join(' · ') : '')
  return (
    <Paper withBorder p="md" data-testid="duplicates" id={DUPLICATES_ANCHOR}>
      <Title order={4} mb="xs">
        {t('exchangeLists.duplicates')}
      </Title>
      <Text data-testid="received-counts" mb="xs">
        {t('exchangeLists.counts', q.data.counts)}
      </Text>
      {error && (
        <Alert color="red" role="alert" mb="xs">
          {error}
        </Alert>
      )}
      {q.data.groups.length === 0 && <Text c="dimmed">{t('exchangeLists.none')}</Text>}
      <Stack>
        {q.data.groups.map((g) => (
          <Paper key={g.key} withBorder p="xs" data-testid="duplicate-group">
            <Table>
              <Table.Tbody>
                {g.rows.map((r) => (
                  <Table.Tr key={r.ref}>
                    <Table.Td>{t('exchangeLists.row', { line: r.line })}</Table.Td>
                    <Table.Td>{cells(r.written)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {g.evidence.map((e) => (
              <Text key={`${e.a}:${e.b}`} size="sm" c="dimmed">
                {t('exchangeLists.score', { score: e.score.toFixed(2) })} ·{' '}
                {t('exchangeLists.agreed', {
                  fields: e.agreed.map((f) => t(`exchangeLists.fields.${f}`)).join(', '),
                })}{' '}
                · {t(`exchangeLists.dates.${e.date}`)}
              </Text>
            ))}
            <Group mt="xs">
              <Badge variant="light" color={g.decision ? 'green' : 'orange'}>
                {g.decision === 'merge'
                  ? t('exchangeLists.merged', { keep: g.keep })
                  : g.decision === 'keep_both'
                    ? t('exchangeLists.keptBoth')
                    : t('exchangeLists.undecided')}
              </Badge>
              {editable && (
                <>
                  <Button size="md" variant="light" onClick={() => decide(g.key, 'merge', g.rows[0]?.ref)}>
                    {t('exchangeLists.merge')}
                  </Button>
                  <Button size="md" variant="default" onClick={() => decide(g.key, 'keep_both')}>
                    {t('exchangeLists.keepBoth')}
                  </Button>
                </>
              )}
            </Group>
          </Paper>
        ))}
      </Stack>
    </Paper>
  )
}

function RoundDifference({ id, n }: { id: string; n: number }) {
  const { t } = useTranslation()
  const q = useQuery({
    queryKey: ['exchange', id, 'difference', n],
    queryFn: () => ok(http.GET('/exchanges/{id}/rounds/{n}/difference', { params: { path: { id, n } } })),
  })
  if (!q.data) return null
  const names = (label: string, items: string[], testid: string) => (
    <div data-testid={testid}>
      <Text fw={500}>
        {label} ({items.length})
      </Text>
      {items.length === 0 ? (
        <Text c="dimmed">{t('exchangeLists.nothing')}</Text>
      ) : (
        <List size="sm">
          {items.map((x) => (
            <List.Item key={x}>{x}</List.Item>
          ))}
        </List>
      )}
    </div>
  )
  return (
    <Paper withBorder p="md" data-testid="round-difference">
      <Title order={4} mb="xs">
        {t('exchangeLists.difference', { n })}
      </Title>
      <Group align="flex-start" grow>
        {(['give', 'receive'] as const).map((side) => {
          const d = q.data.difference[side]
          return (
            <Stack key={side} gap="xs">
              <Text fw={700}>{t(`exchangeLists.sides.${side}`)}</Text>
              {names(
                t('exchangeLists.added'),
                d.added.map((x) => x.name),
                `${side}-added`,
              )}
              {names(
                t('exchangeLists.removed'),
                d.removed.map((x) => x.name),
                `${side}-removed`,
              )}
              {names(
                t('exchangeLists.substituted'),
                d.substituted.map(
                  (s) => `${s.out.name} → ${s.in.name}${s.by ? ` (${t(`exchangeLists.by.${s.by}`)})` : ''}`,
                ),
                `${side}-substituted`,
              )}
              {names(
                t('exchangeLists.unmatched'),
                d.unmatched.map((u) => u.written),
                `${side}-unmatched`,
              )}
            </Stack>
          )
        })}
      </Group>
    </Paper>
  )
}
