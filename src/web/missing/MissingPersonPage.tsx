import { Alert, Badge, Card, Grid, Group, Loader, Stack, Table, Text, Timeline, Title } from '@mantine/core'
import { Navigate, useParams } from '@tanstack/react-router'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { AuditTable } from '../audit/AuditTable'
import { formatDay } from '../dates'
import { MissingEnquiries } from '../enquiries/MissingEnquiries'
import { errorMessage } from '../forms'
import { useCan } from '../session/session'
import { EventChange } from './EventChange'
import { consentWords, missingName, statusWords } from './labels'
import { MergePanel } from './MergePanel'
import { MissingEventForm } from './MissingEventForm'
import { MissingPhoto } from './MissingPhoto'
import {
  type MissingEvent,
  type MissingPerson,
  type MissingReport,
  useMissingAudit,
  useMissingRecord,
} from './useMissing'

/** One missing person: particulars, status with what is known of captivity, the timeline, the reports and their consent. */
export function MissingPersonPage() {
  const { missingId } = useParams({ from: '/missing/$missingId' })
  const { t, i18n } = useTranslation()
  const can = useCan()
  const record = useMissingRecord(missingId)
  if (record.isPending) return <Loader />
  if (record.isError)
    return (
      <Alert color="red" role="alert">
        {errorMessage(t, record.error, i18n.language)}
      </Alert>
    )
  const { person, reports, events, merged } = record.data
  // a record merged into another is a pointer: its address opens the record it points to
  if (person.mergedInto)
    return <Navigate to="/missing/$missingId" params={{ missingId: person.mergedInto }} replace />
  return (
    <Stack>
      <Group>
        <Title order={2}>{missingName(person)}</Title>
        <Badge size="lg" color={person.status === 'missing' ? 'orange' : 'gray'} data-testid="missing-status">
          {t(`missing.statuses.${person.status}`)}
        </Badge>
        {person.captivity !== 'none' && (
          <Badge
            size="lg"
            color={person.captivity === 'confirmed' ? 'red' : 'yellow'}
            data-testid="missing-captivity"
          >
            {t(`missing.captivity.${person.captivity}`)}
          </Badge>
        )}
        {person.deathReported && person.status === 'missing' && (
          <Badge color="gray">{t('missing.deathReported')}</Badge>
        )}
        {person.bodyRepatriated && <Badge color="gray">{t('missing.bodyRepatriated')}</Badge>}
      </Group>
      <Text c="dimmed" size="sm">
        {statusWords(t, person)}
        {person.lastFacility
          ? ` · ${t('missing.person.lastFacility', { facility: person.lastFacility })}`
          : ''}
      </Text>
      {person.disagreements.length > 0 && (
        <Alert color="yellow">
          {t('missing.person.disagreements', {
            fields: person.disagreements.map((f) => t(`missing.fields.${f}`)).join(', '),
          })}
        </Alert>
      )}
      <Grid>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Particulars person={person} />
          <MissingPhoto personId={person.id} photo={person.photo} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Card withBorder>
            <Title order={4} mb="xs">
              {t('missing.person.timeline')}
            </Title>
            <MissingTimeline events={events} personId={person.id} canChange={can('missing.record')} />
          </Card>
        </Grid.Col>
      </Grid>
      {can('missing.record') && <MissingEventForm personId={person.id} />}
      <MergePanel personId={person.id} merged={merged} />
      <MissingEnquiries missingId={person.id} />
      <Card withBorder>
        <Title order={4} mb="xs">
          {t('missing.person.reports')}
        </Title>
        <Stack gap="sm" data-testid="missing-reports">
          {reports.map((r) => (
            <ReportCard key={r.id} report={r} />
          ))}
        </Stack>
      </Card>
      {can('audit.read') && <MissingAudit id={person.id} />}
    </Stack>
  )
}

function Particulars({ person }: { person: MissingPerson }) {
  const { t, i18n } = useTranslation()
  const day = (v?: string | null) => (v ? formatDay(i18n.language, v) : '')
  const rows: [string, string | null | undefined][] = [
    ['rank', person.rank],
    ['serviceNumber', person.serviceNumber],
    ['dateOfBirth', day(person.dateOfBirth)],
    ['placeOfBirth', person.placeOfBirth],
    ['sex', person.sex ? t(`missing.sexes.${person.sex}`) : null],
    ['unit', person.unit],
    ['region', person.region],
    ['distinguishingMarks', person.distinguishingMarks],
    ['photoRef', person.photoRef],
    ['lastSeenOn', day(person.lastSeen?.on)],
    ['lastSeenPlace', person.lastSeen?.place],
    ['circumstances', person.lastSeen?.circumstances],
    ['witness', person.lastSeen?.witness],
  ]
  return (
    <Card withBorder>
      <Title order={4} mb="xs">
        {t('missing.person.particulars')}
      </Title>
      <Table>
        <Table.Tbody>
          {rows
            .filter(([, v]) => v)
            .map(([k, v]) => (
              <Table.Tr key={k}>
                <Table.Th w="40%">{t(`missing.fields.${k}`)}</Table.Th>
                <Table.Td>{v}</Table.Td>
              </Table.Tr>
            ))}
        </Table.Tbody>
      </Table>
    </Card>
  )
}

function eventDetails(t: TFunction, e: MissingEvent): string {
  const d = e.details
  const from = (d as { mergedFrom?: { registerNumber: number } }).mergedFrom
  const parts = [
    d.facility,
    d.how && t(`missing.how.${d.how}`),
    d.place,
    d.cause,
    d.note,
    from && t('missing.merge.fromRecord', { n: from.registerNumber }),
  ]
  return parts.filter(Boolean).join(' · ')
}

/**
 * The history, newest first, each event with its source and how sure the source is; a corrected or
 * retracted event stays, struck through, beside the row that replaced it and its reason.
 */
function MissingTimeline(p: { events: MissingEvent[]; personId: string; canChange: boolean }) {
  const { t, i18n } = useTranslation()
  const newestFirst = [...p.events].reverse()
  return (
    <Timeline active={0} bulletSize={14} lineWidth={2} data-testid="missing-timeline">
      {newestFirst.map((e) => {
        const gone = e.replacedBy != null || e.retracted
        return (
          <Timeline.Item
            key={e.seq}
            title={
              <Text fw={500} size="sm" td={gone ? 'line-through' : undefined} c={gone ? 'dimmed' : undefined}>
                {e.retracted
                  ? t('missing.change.retracted', { event: t(`missing.events.${e.type}`) })
                  : t(`missing.events.${e.type}`)}
              </Text>
            }
            data-testid={`missing-event-${e.seq}`}
          >
            <Text size="sm" c="dimmed">
              {formatDay(i18n.language, e.occurredOn)} · {e.source} ·{' '}
              {t('missing.confidenceOf', { level: t(`missing.confidence.${e.confidence}`) })}
            </Text>
            {eventDetails(t, e) && <Text size="sm">{eventDetails(t, e)}</Text>}
            {e.corrects != null && (
              <Text size="xs" c="dimmed">
                {t(e.retracted ? 'missing.change.retractsNote' : 'missing.change.correctsNote', {
                  n: e.corrects,
                  reason: e.reason ?? '',
                })}
              </Text>
            )}
            {e.replacedBy != null && (
              <Text size="xs" c="dimmed">
                {t('missing.change.replacedBy', { n: e.replacedBy })}
              </Text>
            )}
            {p.canChange && !gone && <EventChange personId={p.personId} event={e} />}
          </Timeline.Item>
        )
      })}
    </Timeline>
  )
}

function ReportCard({ report: r }: { report: MissingReport }) {
  const { t, i18n } = useTranslation()
  const stated = Object.keys(r.particulars ?? {}).map((f) => t(`missing.fields.${f}`))
  return (
    <Card withBorder padding="sm">
      <Text fw={500}>
        {t('missing.person.reportNumber', { n: r.seq })}:{' '}
        {t('missing.person.receivedOn', { date: formatDay(i18n.language, r.receivedOn), source: r.source })}
      </Text>
      {r.reporter && (
        <Text size="sm">
          {t('missing.person.reportedBy', {
            name: r.reporter.name,
            relation: r.reporter.relation ?? '—',
            contact: r.reporter.contact ?? '—',
          })}
          , {t('missing.person.answerIn', { language: t(`missing.languages.${r.reporter.language}`) })}
        </Text>
      )}
      <Text size="sm" data-testid="missing-consent">
        {t('missing.consent.title')}: {consentWords(t, r.consent)}
        {r.consent.givenOn
          ? ` (${t('missing.consent.givenOn', { date: formatDay(i18n.language, r.consent.givenOn) })})`
          : ''}
      </Text>
      {stated.length > 0 && (
        <Text size="sm" c="dimmed">
          {t('missing.person.stated', { fields: stated.join(', ') })}
        </Text>
      )}
    </Card>
  )
}

/** Who read or changed this record (admin and auditor). */
function MissingAudit({ id }: { id: string }) {
  const { t, i18n } = useTranslation()
  const audit = useMissingAudit(id, true)
  return (
    <Card withBorder>
      <Title order={4} mb="xs">
        {t('missing.person.audit')}
      </Title>
      {audit.isPending ? (
        <Loader size="sm" />
      ) : audit.isError ? (
        <Text c="red">{errorMessage(t, audit.error, i18n.language)}</Text>
      ) : (
        <AuditTable
          // the register's actions in the reader's words (the shared table knows only its own)
          entries={audit.data.items.map((e) => ({
            ...e,
            action: t(`missing.auditActions.${e.action.replaceAll('.', '_')}`, { defaultValue: e.action }),
          }))}
          names={audit.data.names}
          testId="missing-audit"
        />
      )}
    </Card>
  )
}
