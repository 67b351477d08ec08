import { Alert, Button, Checkbox, Group, Stack, Text, TextInput, Title } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { http, ok } from '../api'
import { formatDay } from '../dates'
import { errorMessage } from '../forms'
import { type EnquiryDetail, useEnquiryChange } from './useEnquiries'

/** What must be done next, by when; a passed date makes the enquiry overdue. */
export function FollowUps({ e, canWrite }: { e: EnquiryDetail; canWrite: boolean }) {
  const { t, i18n } = useTranslation()
  const [dueOn, setDueOn] = useState('')
  const [what, setWhat] = useState('')
  const add = useEnquiryChange(e.id, () =>
    ok(http.POST('/enquiries/{id}/follow-ups', { params: { path: { id: e.id } }, body: { dueOn, what } })),
  )
  const done = useEnquiryChange(e.id, (seq: number) =>
    ok(http.POST('/enquiries/{id}/follow-ups/{seq}/done', { params: { path: { id: e.id, seq } } })),
  )
  const failure = add.error ?? done.error
  return (
    <Stack gap="xs">
      <Title order={3}>{t('enquiries.followUps.title')}</Title>
      {e.followUps.length === 0 && <Text size="sm">{t('enquiries.followUps.none')}</Text>}
      {e.followUps.map((f) => (
        <Group key={f.seq} gap="xs">
          <Checkbox
            aria-label={f.what}
            checked={!!f.doneOn}
            disabled={!canWrite || !!f.doneOn}
            onChange={() => done.mutate(f.seq)}
          />
          <Text c={!f.doneOn && f.dueOn < new Date().toISOString().slice(0, 10) ? 'red' : undefined}>
            {formatDay(i18n.language, f.dueOn)}: {f.what}
          </Text>
          {f.doneOn && (
            <Text size="sm" c="dimmed">
              {t('enquiries.followUps.doneOn', { on: formatDay(i18n.language, f.doneOn) })}
            </Text>
          )}
        </Group>
      ))}
      {failure && (
        <Alert color="red" role="alert">
          {errorMessage(t, failure, i18n.language)}
        </Alert>
      )}
      {canWrite && (
        <Group align="end">
          <TextInput
            w={160}
            label={t('enquiries.followUps.dueOn')}
            value={dueOn}
            onChange={(ev) => setDueOn(ev.currentTarget.value)}
          />
          <TextInput
            w={360}
            label={t('enquiries.followUps.what')}
            value={what}
            onChange={(ev) => setWhat(ev.currentTarget.value)}
          />
          <Button
            variant="light"
            loading={add.isPending}
            onClick={() =>
              add.mutate(undefined, {
                onSuccess: () => {
                  setDueOn('')
                  setWhat('')
                },
              })
            }
          >
            {t('enquiries.followUps.add')}
          </Button>
        </Group>
      )}
    </Stack>
  )
}
