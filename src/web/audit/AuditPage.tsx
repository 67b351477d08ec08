import { Alert, Button, Group, Stack, Title } from '@mantine/core'
import { useInfiniteQuery, useMutation } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { api, queryString } from '../api'
import { type AuditAnswer, AuditTable } from './AuditTable'

type Verification = { ok: boolean; checked: number; firstBadSeq?: number; reason?: string }

/** The whole audit trail, newest first, and a check that its hash chain still holds. */
export function AuditPage() {
  const { t } = useTranslation()
  const entries = useInfiniteQuery({
    queryKey: ['audit'],
    initialPageParam: null as number | null,
    queryFn: ({ pageParam }) =>
      api<AuditAnswer & { nextBefore: number | null }>(
        'GET',
        `/audit${queryString({ before: pageParam, limit: 100 })}`,
      ),
    getNextPageParam: (last) => last.nextBefore,
  })
  const verify = useMutation({ mutationFn: () => api<Verification>('POST', '/audit/verify') })
  const rows = entries.data?.pages.flatMap((p) => p.items) ?? []
  const names = Object.assign({}, ...(entries.data?.pages.map((p) => p.names) ?? []))
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
      <AuditTable entries={rows} names={names} withSubject testId="audit-trail" />
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
