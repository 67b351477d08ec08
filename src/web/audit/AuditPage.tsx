import { Alert, Button, Group, Stack, Title } from '@mantine/core'
import { useInfiniteQuery, useMutation } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { http, ok } from '../api'
import { AuditTable } from './AuditTable'

/** The whole audit trail, newest first, and a check that its hash chain still holds. */
export function AuditPage() {
  const { t } = useTranslation()
  const entries = useInfiniteQuery({
    queryKey: ['audit'],
    initialPageParam: null as number | null,
    queryFn: ({ pageParam }) =>
      ok(http.GET('/audit', { params: { query: { before: pageParam ?? undefined, limit: 100 } } })),
    getNextPageParam: (last) => last.nextBefore,
  })
  const verify = useMutation({ mutationFn: () => ok(http.POST('/audit/verify')) })
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
