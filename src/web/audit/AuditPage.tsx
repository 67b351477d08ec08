import { Alert, Button, Group, Stack, Table, Title } from '@mantine/core'
import { useInfiniteQuery, useMutation } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { api, queryString } from '../api'
import { ChangeSummary } from '../person/AuditTrail'
import type { AuditEntry } from '../types'

type Verification = { ok: boolean; checked: number; firstBadSeq?: number; reason?: string }

/** The whole audit trail, newest first, and a check that its hash chain still holds. */
export function AuditPage() {
  const { t } = useTranslation()
  const entries = useInfiniteQuery({
    queryKey: ['audit'],
    initialPageParam: null as number | null,
    queryFn: ({ pageParam }) =>
      api<{ items: AuditEntry[]; nextBefore: number | null }>(
        'GET',
        `/audit${queryString({ before: pageParam, limit: 100 })}`,
      ),
    getNextPageParam: (last) => last.nextBefore,
  })
  const verify = useMutation({ mutationFn: () => api<Verification>('POST', '/audit/verify') })
  const rows = entries.data?.pages.flatMap((p) => p.items) ?? []
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('audit.title')}</Title>
        <Button onClick={() => verify.mutate()} loading={verify.isPending}>
          {t('audit.verify')}
        </Button>
      </Group>
      {verify.data && (
        <Alert color={verify.data.ok ? 'green' : 'red'} role="status" data-testid="audit-verification">
          {verify.data.ok
            ? t('audit.verified', { count: verify.data.checked })
            : t('audit.broken', { seq: verify.data.firstBadSeq, reason: verify.data.reason })}
        </Alert>
      )}
      {verify.error && <Alert color="red">{verify.error.message}</Alert>}
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>#</Table.Th>
            <Table.Th>{t('audit.at')}</Table.Th>
            <Table.Th>{t('audit.actor')}</Table.Th>
            <Table.Th>{t('audit.action')}</Table.Th>
            <Table.Th>{t('audit.entity')}</Table.Th>
            <Table.Th>{t('audit.change')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((e) => (
            <Table.Tr key={e.seq}>
              <Table.Td>{e.seq}</Table.Td>
              <Table.Td>{new Date(e.at).toLocaleString()}</Table.Td>
              <Table.Td>{e.actorName}</Table.Td>
              <Table.Td>{e.action}</Table.Td>
              <Table.Td>
                {e.entityType} {e.entityId?.slice(0, 8)}
              </Table.Td>
              <Table.Td>
                <ChangeSummary before={e.before} after={e.after} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {entries.hasNextPage && (
        <Button
          variant="light"
          onClick={() => void entries.fetchNextPage()}
          loading={entries.isFetchingNextPage}
        >
          {t('audit.more')}
        </Button>
      )}
    </Stack>
  )
}
