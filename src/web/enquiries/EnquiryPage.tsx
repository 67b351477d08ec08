import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { Link, useParams } from '@tanstack/react-router'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { http, ok } from '../api'
import { formatDay } from '../dates'
import { errorMessage } from '../forms'
import { useCan } from '../session/session'
import { Candidates } from './Candidates'
import { EnquiryTrail } from './EnquiryTrail'
import { FollowUps } from './FollowUps'
import { soughtName } from './labels'
import { Replies } from './Replies'
import { type EnquiryDetail, useEnquiry, useEnquiryChange } from './useEnquiries'

/** One enquiry: who asks and their consent, the sought person, candidates with evidence, replies, follow-ups, trail. */
export function EnquiryPage() {
  const { enquiryId } = useParams({ from: '/enquiries/$enquiryId' })
  const { t, i18n } = useTranslation()
  const enquiry = useEnquiry(enquiryId)
  if (enquiry.isPending) return <Loader />
  if (enquiry.isError)
    return (
      <Alert color="red" role="alert">
        {errorMessage(t, enquiry.error, i18n.language)}
      </Alert>
    )
  return <EnquiryView e={enquiry.data} />
}

function EnquiryView({ e }: { e: EnquiryDetail }) {
  const { t, i18n } = useTranslation()
  const can = useCan()
  const work = can('enquiries.work') && e.state === 'open'
  const search = useEnquiryChange(e.id, () =>
    ok(http.POST('/enquiries/{id}/search', { params: { path: { id: e.id } } })),
  )
  const [reason, setReason] = useState('')
  const close = useEnquiryChange(e.id, (r: string) =>
    ok(http.POST('/enquiries/{id}/close', { params: { path: { id: e.id } }, body: { reason: r } })),
  )
  const day = (d: string) => formatDay(i18n.language, d)
  const whom = [
    e.consent.shareIcrc && t('enquiries.page.icrc'),
    e.consent.shareOtherSide && t('enquiries.page.otherSide'),
    e.consent.sharePublic && t('enquiries.page.public'),
  ].filter(Boolean)
  const failure = search.error ?? close.error
  return (
    <Stack>
      <Group>
        <Title order={2}>{t('enquiries.page.title', { number: e.number })}</Title>
        {e.urgency.overdue && (
          <Badge color="red" size="lg">
            {t('enquiries.overdue')}: {e.urgency.reasons.map((r) => t(`enquiries.reasons.${r}`)).join(', ')}
          </Badge>
        )}
        <Badge variant="light">{t('enquiries.ageDays', { count: e.urgency.ageDays })}</Badge>
        {e.state === 'closed' && <Badge color="gray">{t('enquiries.states.closed')}</Badge>}
      </Group>
      <Text c="dimmed" size="sm">
        {t('enquiries.page.received', {
          on: day(e.receivedOn),
          channel: t(`enquiries.channels.${e.channel}`),
        })}
        {e.closedOn
          ? ` · ${t('enquiries.page.closed', { on: day(e.closedOn), reason: e.closedReason })}`
          : ''}
      </Text>
      {failure && (
        <Alert color="red" role="alert">
          {errorMessage(t, failure, i18n.language)}
        </Alert>
      )}
      <Group align="stretch" grow>
        <Card withBorder>
          <Title order={4}>{t('enquiries.page.enquirer')}</Title>
          {e.enquirer.name && (
            <Text data-testid="enquirer">
              {e.enquirer.name}
              {e.enquirer.relation ? ` (${e.enquirer.relation})` : ''}
            </Text>
          )}
          {e.enquirer.contact && <Text>{e.enquirer.contact}</Text>}
          <Text size="sm">{t(`enquiries.languages.${e.enquirer.language}`)}</Text>
          {e.note && <Text size="sm">{e.note}</Text>}
          <Title order={5} mt="xs">
            {t('enquiries.page.consent')}
          </Title>
          <Text size="sm" data-testid="consent">
            {e.consent.use ? t('enquiries.page.consentUse') : t('enquiries.page.consentNoUse')}
            {whom.length > 0 && `; ${t('enquiries.page.consentShare', { whom: whom.join(', ') })}`}
          </Text>
        </Card>
        <Card withBorder>
          <Title order={4}>{t('enquiries.page.sought')}</Title>
          <Text data-testid="sought">{soughtName(e.sought)}</Text>
          <Text size="sm">
            {t(`missing.statuses.${e.sought.status}`)}
            {e.sought.captivity !== 'none' ? ` · ${t(`missing.captivity.${e.sought.captivity}`)}` : ''}
          </Text>
          <Anchor
            size="sm"
            renderRoot={(props) => (
              <Link to="/missing/$missingId" params={{ missingId: e.sought.id }} {...props} />
            )}
          >
            {t('enquiries.page.openRecord')}
          </Anchor>
        </Card>
      </Group>
      <Group>
        <Text size="sm" c={e.stale ? 'orange' : 'dimmed'}>
          {e.stale && `${t('enquiries.staleHint')} · `}
          {t('enquiries.page.searchedAt', {
            at: e.searchedAt
              ? new Date(e.searchedAt).toLocaleString(i18n.language)
              : t('enquiries.page.never'),
          })}
        </Text>
        {work && (
          <Button
            size="xs"
            variant={e.stale ? 'filled' : 'light'}
            loading={search.isPending}
            onClick={() => search.mutate(undefined)}
          >
            {t('enquiries.page.searchAgain')}
          </Button>
        )}
      </Group>
      <Candidates e={e} canDecide={work} />
      <Replies e={e} canWrite={can('enquiries.work')} />
      <FollowUps e={e} canWrite={work} />
      {work && (
        <Group align="end">
          <TextInput
            label={t('enquiries.page.closeReason')}
            value={reason}
            onChange={(ev) => setReason(ev.currentTarget.value)}
            w={400}
          />
          <Button
            color="gray"
            disabled={!reason.trim()}
            loading={close.isPending}
            onClick={() => close.mutate(reason)}
          >
            {t('enquiries.page.close')}
          </Button>
        </Group>
      )}
      <EnquiryTrail id={e.id} />
    </Stack>
  )
}
