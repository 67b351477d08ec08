import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { http, ok } from '../api'
import { formatDay } from '../dates'
import { errorMessage } from '../forms'
import { type EnquiryDetail, useEnquiryChange } from './useEnquiries'

type Reply = EnquiryDetail['replies'][number]
const LANGUAGES = ['uk', 'en', 'ru'] as const
const CHANNELS = ['phone', 'letter', 'in_person', 'email'] as const

/** Replies drafted in the enquirer's language, editable until recorded as sent. */
export function Replies({ e, canWrite }: { e: EnquiryDetail; canWrite: boolean }) {
  const { t, i18n } = useTranslation()
  const [language, setLanguage] = useState<string>(e.enquirer.language)
  const draft = useEnquiryChange(e.id, (lang: string) =>
    ok(
      http.POST('/enquiries/{id}/replies', {
        params: { path: { id: e.id } },
        body: { language: lang as (typeof LANGUAGES)[number] },
      }),
    ),
  )
  return (
    <Stack gap="xs">
      <Title order={3}>{t('enquiries.replies.title')}</Title>
      {draft.error && (
        <Alert color="red" role="alert">
          {errorMessage(t, draft.error, i18n.language)}
        </Alert>
      )}
      {e.replies.map((r) => (
        <ReplyCard key={r.seq} e={e} r={r} canWrite={canWrite} />
      ))}
      {canWrite && e.state === 'open' && (
        <Group align="end">
          <Select
            w={180}
            label={t('enquiries.replies.draftIn')}
            data={LANGUAGES.map((l) => ({ value: l, label: t(`enquiries.languages.${l}`) }))}
            value={language}
            onChange={(v) => setLanguage(v ?? e.enquirer.language)}
            allowDeselect={false}
          />
          <Button loading={draft.isPending} onClick={() => draft.mutate(language)}>
            {t('enquiries.replies.draft')}
          </Button>
        </Group>
      )}
    </Stack>
  )
}

function ReplyCard({ e, r, canWrite }: { e: EnquiryDetail; r: Reply; canWrite: boolean }) {
  const { t, i18n } = useTranslation()
  const [body, setBody] = useState(r.body ?? '')
  const [how, setHow] = useState<string>(e.channel)
  const [sentOn, setSentOn] = useState(new Date().toISOString().slice(0, 10))
  const path = { params: { path: { id: e.id, seq: r.seq } } }
  const save = useEnquiryChange(e.id, (text: string) =>
    ok(http.POST('/enquiries/{id}/replies/{seq}', { ...path, body: { body: text } })),
  )
  const send = useEnquiryChange(e.id, () =>
    ok(
      http.POST('/enquiries/{id}/replies/{seq}/send', {
        ...path,
        body: { how: how as (typeof CHANNELS)[number], sentOn },
      }),
    ),
  )
  const editable = canWrite && !r.sentOn && r.body !== undefined
  const failure = save.error ?? send.error
  return (
    <Card withBorder data-testid="reply">
      <Group gap="xs" mb="xs">
        <Text fw={600}>
          {t('enquiries.replies.draftLabel', {
            seq: r.seq,
            language: t(`enquiries.languages.${r.language}`),
          })}
        </Text>
        {r.sentOn && (
          <Badge color="green">
            {t('enquiries.replies.sent', {
              on: formatDay(i18n.language, r.sentOn),
              how: t(`enquiries.channels.${r.sentHow}`),
            })}
          </Badge>
        )}
      </Group>
      {r.withheld.map((w) => (
        <Text size="sm" c="orange" key={w}>
          {t('enquiries.replies.withheld', {
            what: t(`enquiries.replies.withheldWhy.${w}`, { defaultValue: w }),
          })}
        </Text>
      ))}
      {failure && (
        <Alert color="red" role="alert" my="xs">
          {errorMessage(t, failure, i18n.language)}
        </Alert>
      )}
      {r.body !== undefined && (
        <Textarea
          aria-label={t('enquiries.replies.draftLabel', {
            seq: r.seq,
            language: t(`enquiries.languages.${r.language}`),
          })}
          value={body}
          onChange={(ev) => setBody(ev.currentTarget.value)}
          readOnly={!editable}
          autosize
          minRows={6}
        />
      )}
      {editable && (
        <Group mt="xs" align="end">
          <Button
            variant="light"
            disabled={body === r.body}
            loading={save.isPending}
            onClick={() => save.mutate(body)}
          >
            {t('enquiries.replies.save')}
          </Button>
          <Select
            w={160}
            label={t('enquiries.replies.sentHow')}
            data={CHANNELS.map((c) => ({ value: c, label: t(`enquiries.channels.${c}`) }))}
            value={how}
            onChange={(v) => setHow(v ?? e.channel)}
            allowDeselect={false}
          />
          <TextInput
            w={160}
            label={t('enquiries.replies.sentOn')}
            value={sentOn}
            onChange={(ev) => setSentOn(ev.currentTarget.value)}
          />
          <Button disabled={body !== r.body} loading={send.isPending} onClick={() => send.mutate(undefined)}>
            {t('enquiries.replies.send')}
          </Button>
        </Group>
      )}
    </Card>
  )
}
