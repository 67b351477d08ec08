import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Loader,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { useMutation, useQuery } from '@tanstack/react-query'
import { Link } from '@tanstack/react-router'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { http, ok, type Schema } from '../api'
import { formatDay } from '../dates'
import { errorMessage } from '../forms'
import { useRefreshMissing } from './useMissing'

type Review = Schema<'ReturnReview'>

/**
 * Ours who came home in an exchange whose register record could not take "returned" (it said
 * dead, or returned already): the reason, and the two ways to settle it, for a tracer.
 */
export function ReturnReviewsPage() {
  const { t, i18n } = useTranslation()
  const reviews = useQuery({
    queryKey: ['missing', 'reviews'],
    queryFn: () => ok(http.GET('/missing/return-reviews', { params: { query: { state: 'open' } } })),
  })
  return (
    <Stack>
      <Title order={2}>{t('missing.reviews.title')}</Title>
      <Text c="dimmed" size="sm">
        {t('missing.reviews.intro')}
      </Text>
      {reviews.isPending ? (
        <Loader size="sm" />
      ) : reviews.isError ? (
        <Alert color="red" role="alert">
          {errorMessage(t, reviews.error, i18n.language)}
        </Alert>
      ) : reviews.data.items.length === 0 ? (
        <Text data-testid="reviews-empty">{t('missing.reviews.empty')}</Text>
      ) : (
        <Table data-testid="return-reviews">
          <Table.Thead>
            <Table.Tr>
              {(['person', 'record', 'exchange', 'reason', 'action'] as const).map((c) => (
                <Table.Th key={c}>{t(`missing.reviews.columns.${c}`)}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {reviews.data.items.map((r) => (
              <ReviewRow key={r.id} review={r} day={(d) => formatDay(i18n.language, d)} />
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  )
}

function ReviewRow({ review: r, day }: { review: Review; day: (d: string) => string }) {
  const { t, i18n } = useTranslation()
  const refresh = useRefreshMissing()
  const [note, setNote] = useState('')
  const settle = useMutation({
    mutationFn: (action: 'record_return' | 'dismiss') =>
      ok(
        http.POST('/missing/return-reviews/{id}/resolve', {
          params: { path: { id: r.id } },
          body: { action, ...(note.trim() ? { note: note.trim() } : {}) },
        }),
      ),
    onSuccess: () => refresh(),
  })
  return (
    <Table.Tr>
      <Table.Td>{r.person}</Table.Td>
      <Table.Td>
        <Anchor
          renderRoot={(p) => (
            <Link to="/missing/$missingId" params={{ missingId: r.missingPersonId }} {...p} />
          )}
        >
          № {r.registerNumber}
        </Anchor>{' '}
        <Badge variant="light" color="gray">
          {t(`missing.statuses.${r.recordStatus}`, { defaultValue: r.recordStatus })}
        </Badge>
      </Table.Td>
      <Table.Td>
        {r.exchange}, {day(r.returnedOn)}
      </Table.Td>
      <Table.Td>{r.reason}</Table.Td>
      <Table.Td>
        <Stack gap={4}>
          <TextInput
            size="xs"
            aria-label={t('missing.reviews.note')}
            placeholder={t('missing.reviews.note')}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
          />
          <Group gap={4}>
            <Button size="xs" loading={settle.isPending} onClick={() => settle.mutate('record_return')}>
              {t('missing.reviews.recordReturn')}
            </Button>
            <Button
              size="xs"
              variant="default"
              loading={settle.isPending}
              onClick={() => settle.mutate('dismiss')}
            >
              {t('missing.reviews.dismiss')}
            </Button>
          </Group>
          {settle.isError && (
            <Text size="xs" c="red" role="alert">
              {errorMessage(t, settle.error, i18n.language)}
            </Text>
          )}
        </Stack>
      </Table.Td>
    </Table.Tr>
  )
}
