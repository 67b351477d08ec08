import { Alert, Anchor, Badge, Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core'
import { useMutation, useQuery } from '@tanstack/react-query'
import { Link } from '@tanstack/react-router'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { http, ok } from '../api'
import { formatDay } from '../dates'
import { useCan } from '../session/session'
import { missingName } from './labels'
import { missingRefusal } from './refusals'
import { useRefreshMissing } from './useMissing'

/**
 * Records of the register that may be this person (the name engine, with the service number and
 * birth date as evidence), each mergeable into this one; and the records merged into it, each
 * of which can be taken out again.
 */
export function MergePanel({
  personId,
  merged,
}: {
  personId: string
  merged: { id: string; registerNumber: number; surname?: string }[]
}) {
  const { t, i18n } = useTranslation()
  const can = useCan()
  const refresh = useRefreshMissing()
  const [reason, setReason] = useState('')
  const duplicates = useQuery({
    queryKey: ['missing', 'duplicates', personId],
    queryFn: () => ok(http.GET('/missing/{id}/duplicates', { params: { path: { id: personId } } })),
  })
  const merge = useMutation({
    mutationFn: (from: string) =>
      ok(http.POST('/missing/{id}/merge', { params: { path: { id: personId } }, body: { from, reason } })),
    onSuccess: () => refresh(),
  })
  const unmerge = useMutation({
    mutationFn: (id: string) => ok(http.POST('/missing/{id}/unmerge', { params: { path: { id } } })),
    onSuccess: () => refresh(),
  })
  const items = duplicates.data?.items ?? []
  if (!items.length && !merged.length) return null
  const error = merge.error ?? unmerge.error
  return (
    <Card withBorder data-testid="missing-duplicates">
      <Title order={4} mb="xs">
        {t('missing.merge.title')}
      </Title>
      {error && (
        <Alert color="red" role="alert" mb="xs">
          {missingRefusal(t, error, i18n.language)}
        </Alert>
      )}
      <Stack gap="xs">
        {items.map((d) => (
          <Group key={d.person.id} justify="space-between" wrap="nowrap">
            <div>
              <Anchor
                renderRoot={(p) => (
                  <Link to="/missing/$missingId" params={{ missingId: d.person.id }} {...p} />
                )}
              >
                № {d.person.registerNumber} {missingName(d.person)}
              </Anchor>
              <Text size="xs" c="dimmed">
                {[d.person.dateOfBirth && formatDay(i18n.language, d.person.dateOfBirth), d.person.unit]
                  .filter(Boolean)
                  .join(' · ')}
              </Text>
              <Group gap={4}>
                {d.evidence.map((e) => (
                  <Badge key={e} size="xs" variant="light">
                    {t(`missing.merge.evidence.${e}`)}
                  </Badge>
                ))}
                <Text size="xs" c="dimmed">
                  {t('missing.merge.score', { score: d.score.toFixed(2) })}
                </Text>
              </Group>
            </div>
            {can('missing.write') && (
              <Button size="xs" loading={merge.isPending} onClick={() => merge.mutate(d.person.id)}>
                {t('missing.merge.mergeHere', { n: d.person.registerNumber })}
              </Button>
            )}
          </Group>
        ))}
        {items.length > 0 && can('missing.write') && (
          <TextInput
            size="xs"
            label={t('missing.merge.reason')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
          />
        )}
        {merged.map((m) => (
          <Group key={m.id} justify="space-between" data-testid="missing-merged">
            <Text size="sm">{t('missing.merge.merged', { n: m.registerNumber, name: m.surname ?? '' })}</Text>
            {can('missing.write') && (
              <Button
                size="xs"
                variant="default"
                loading={unmerge.isPending}
                onClick={() => unmerge.mutate(m.id)}
              >
                {t('missing.merge.takeOut', { n: m.registerNumber })}
              </Button>
            )}
          </Group>
        ))}
      </Stack>
    </Card>
  )
}
