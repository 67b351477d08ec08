import { Alert, Button, Group, Paper, Stack, Text, TextInput } from '@mantine/core'
import { useMutation, useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { http, ok } from '../api'
import { formatDay } from '../dates'
import { missingName } from './labels'
import { missingRefusal } from './refusals'
import { type MissingEvent, type MissingPerson, useRefreshMissing } from './useMissing'

type Target = Pick<MissingPerson, 'id' | 'registerNumber' | 'surname' | 'firstNames' | 'patronymic'>

/**
 * "Entered on the wrong person": the tracer finds the right record by name or service number,
 * reads what will happen, says why, and confirms. The server retracts the event here and records
 * it there in one write, audited on both records; a history the event cannot join is refused
 * naming the event it conflicts with, and nothing changes.
 */
export function EventMove(p: { personId: string; event: MissingEvent; close: () => void }) {
  const { t, i18n } = useTranslation()
  const refresh = useRefreshMissing()
  const [q, setQ] = useState('')
  const [target, setTarget] = useState<Target | null>(null)
  const [reason, setReason] = useState('')
  const wanted = q.trim()
  const found = useQuery({
    queryKey: ['missing', 'move-search', wanted],
    enabled: wanted.length >= 2,
    queryFn: () => ok(http.GET('/missing', { params: { query: { q: wanted, limit: 10 } } })),
  })
  const move = useMutation({
    mutationFn: () =>
      ok(
        http.POST('/missing/{id}/events/{seq}/retraction', {
          params: { path: { id: p.personId, seq: p.event.seq } },
          body: { reason, moveTo: target!.id },
        }),
      ),
    onSuccess: async () => {
      await refresh()
      p.close()
    },
  })
  const event = t(`missing.events.${p.event.type}`)
  const date = formatDay(i18n.language, p.event.occurredOn)
  const title = t('missing.move.title', { event })
  const candidates = (found.data?.items ?? []).filter((r) => r.id !== p.personId)
  return (
    <Paper
      withBorder
      p="xs"
      mt={4}
      component="form"
      aria-label={title}
      onSubmit={(ev: React.FormEvent) => {
        ev.preventDefault()
        if (target) move.mutate()
      }}
    >
      {move.isError && (
        <Alert color="red" role="alert" mb="xs">
          {missingRefusal(t, move.error, i18n.language)}
        </Alert>
      )}
      {!target ? (
        <Stack gap="xs">
          <TextInput
            size="xs"
            label={t('missing.move.search')}
            description={t('missing.move.searchHint')}
            value={q}
            onChange={(x) => setQ(x.currentTarget.value)}
            autoFocus
          />
          {wanted.length >= 2 && found.isSuccess && candidates.length === 0 && (
            <Text size="xs" c="dimmed">
              {t('missing.move.none')}
            </Text>
          )}
          {candidates.length > 0 && (
            <Stack gap={4} role="group" aria-label={t('missing.move.choose')}>
              <Text size="xs" fw={500}>
                {t('missing.move.choose')}
              </Text>
              {candidates.map((r) => (
                <Button
                  key={r.id}
                  size="compact-sm"
                  variant="light"
                  justify="flex-start"
                  onClick={() => setTarget(r)}
                >
                  № {r.registerNumber} {missingName(r)}
                  {r.dateOfBirth ? ` · ${formatDay(i18n.language, r.dateOfBirth)}` : ''}
                  {r.unit ? ` · ${r.unit}` : ''}
                </Button>
              ))}
            </Stack>
          )}
          <Group gap="xs">
            <Button size="xs" variant="default" onClick={p.close}>
              {t('missing.change.cancel')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <Stack gap="xs">
          <Text size="sm" data-testid="missing-move-confirm">
            {t('missing.move.confirm', {
              event,
              date,
              n: target.registerNumber,
              name: missingName(target),
            })}
          </Text>
          <TextInput
            size="xs"
            label={t('missing.change.reason')}
            value={reason}
            onChange={(x) => setReason(x.currentTarget.value)}
          />
          <Group gap="xs">
            <Button size="xs" type="submit" loading={move.isPending} disabled={reason.trim() === ''}>
              {t('missing.move.save', { n: target.registerNumber })}
            </Button>
            <Button size="xs" variant="default" onClick={() => setTarget(null)}>
              {t('missing.move.another')}
            </Button>
            <Button size="xs" variant="default" onClick={p.close}>
              {t('missing.change.cancel')}
            </Button>
          </Group>
        </Stack>
      )}
    </Paper>
  )
}
