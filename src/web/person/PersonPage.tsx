import { Alert, Badge, Grid, Group, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core'
import { useParams } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import type { Schema } from '../api'
import { formatDay } from '../dates'
import { errorMessage } from '../forms'
import { useFacilities } from '../register/usePersons'
import { useCan } from '../session/session'
import { AmendForm } from './AmendForm'
import { AuditTrail } from './AuditTrail'
import { PersonFacts } from './PersonFacts'
import { PersonNotices } from './PersonNotices'
import { RecordEventForm } from './RecordEventForm'
import { Timeline } from './Timeline'
import { usePerson } from './usePerson'

/** One person's record: particulars, where they are and how they are, what happened, who changed what. */
export function PersonPage() {
  const { personId } = useParams({ from: '/persons/$personId' })
  const { t, i18n } = useTranslation()
  const can = useCan()
  const person = usePerson(personId)
  const facilities = useFacilities()
  if (person.isPending) return <Loader />
  if (person.isError)
    return (
      <Alert color="red" role="alert">
        {errorMessage(t, person.error, i18n.language)}
      </Alert>
    )
  const p = person.data
  const facility = facilities.data?.find((f) => f.id === p.facilityId)
  // Ukrainian words about a person agree with their sex ("Інтернована", "Народилася")
  const context = p.sex ?? undefined
  return (
    <Stack>
      <Group justify="space-between" align="start">
        <Stack gap={2}>
          <Title order={2}>
            {[p.surname, p.firstNames, p.patronymic].filter(Boolean).join(' ') ||
              t('person.registerNumber', { n: p.registerNumber })}
          </Title>
          {p.surnameLatin && (
            <Text c="dimmed">{[p.surnameLatin, p.firstNamesLatin].filter(Boolean).join(' ')}</Text>
          )}
          <Text size="sm" c="dimmed">
            {t('person.registerNumber', { n: p.registerNumber })} · {t(`category.${p.category}`, { context })}
            {p.dateOfBirth &&
              ` · ${t('person.born', { date: formatDay(i18n.language, p.dateOfBirth), context })}`}
          </Text>
        </Stack>
        <Group>
          <Badge size="lg" data-testid="person-status">
            {t(`status.${p.status}`, { context })}
          </Badge>
          {p.health && (
            <Badge size="lg" color="orange">
              {t(`health.${p.health}`, { context })}
            </Badge>
          )}
          {facility && (
            <Badge size="lg" variant="outline" data-testid="person-facility">
              {facility.name}
            </Badge>
          )}
        </Group>
      </Group>
      {p.confirmation === 'unconfirmed' && <Alert color="yellow">{t('person.unconfirmed')}</Alert>}
      <Grid>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Paper withBorder p="md">
            <Group justify="space-between" mb="xs">
              <Title order={4}>{t('person.particulars')}</Title>
              <Badge color={p.art17Complete ? 'green' : 'gray'} variant="light">
                {p.art17Complete ? t('person.art17Complete') : t('person.art17Incomplete')}
              </Badge>
            </Group>
            <Particulars person={p} />
            {can('persons.write') && <AmendForm person={p} />}
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Stack>
            <PersonFacts person={p} />
            {can('persons.write') && <RecordEventForm person={p} />}
            <Paper withBorder p="md">
              <Title order={4} mb="xs">
                {t('person.timeline')}
              </Title>
              <Timeline personId={p.id} sex={p.sex} />
            </Paper>
          </Stack>
        </Grid.Col>
      </Grid>
      {can('notices.read') && <PersonNotices personId={p.id} />}
      {can('audit.read') && (
        <Paper withBorder p="md">
          <Title order={4} mb="xs">
            {t('person.auditTrail')}
          </Title>
          <AuditTrail personId={p.id} sex={p.sex} />
        </Paper>
      )}
    </Stack>
  )
}

function Particulars({ person: p }: { person: Schema<'Person'> }) {
  const { t, i18n } = useTranslation()
  // a field the reader's role may not see is absent from the response: its row is left out
  const rows: [string, string | null | undefined][] = [
    ['surname', p.surname],
    ['firstNames', p.firstNames],
    ['patronymic', p.patronymic],
    ['sex', p.sex ? t(`sex.${p.sex}`) : null],
    ['rank', p.rank],
    ['serviceNumber', p.serviceNumber],
    ['dateOfBirth', p.dateOfBirth && formatDay(i18n.language, p.dateOfBirth)],
    ['placeOfBirth', p.placeOfBirth],
    ['nationality', p.nationality],
    ['powerDependedOn', p.powerDependedOn],
    ['unit', p.unit],
    ['fatherFirstName', p.fatherFirstName],
    ['motherMaidenName', p.motherMaidenName],
    ['nextOfKinName', p.nextOfKin?.name],
    ['nextOfKinAddress', p.nextOfKin?.address],
    ['lastResidence', p.lastResidence],
    ['distinguishingMarks', p.distinguishingMarks],
  ]
  return (
    <Table withRowBorders={false} verticalSpacing={3}>
      <Table.Tbody>
        {rows
          .flatMap(([key, value]) => (value === undefined ? [] : [[key, value] as const]))
          .map(([key, value]) => (
            <Table.Tr key={key}>
              <Table.Th w="40%" fw={500} c="dimmed">
                {t(`fields.${key}`)}
              </Table.Th>
              <Table.Td>{value ?? t('form.none')}</Table.Td>
            </Table.Tr>
          ))}
      </Table.Tbody>
    </Table>
  )
}
