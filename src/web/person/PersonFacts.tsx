import {
  Alert,
  Badge,
  Button,
  Grid,
  Group,
  Paper,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { FACT_EVENT_TYPES, PersonEventInput } from '../../custody/events'
import { factsOf } from '../../custody/facts'
import { http, ok, type Schema } from '../api'
import { formatDay } from '../dates'
import { inputProps, useSchemaForm } from '../forms'
import { useCan } from '../session/session'
import { usePersonEvents, useRefreshPerson } from './usePerson'

const today = () => new Date().toISOString().slice(0, 10)

/**
 * The facts every exchange reads from the person (consent to repatriation, an Art. 109 refusal and
 * who heard it, criminal proceedings), as the dated events say them now, and a form to record one.
 */
export function PersonFacts({ person }: { person: Schema<'Person'> }) {
  const { t, i18n } = useTranslation()
  const can = useCan()
  const events = usePersonEvents(person.id)
  const day = (d: string) => formatDay(i18n.language, d)
  if (!events.data) return null
  const f = factsOf(events.data)
  return (
    <Paper withBorder p="md" data-testid="person-facts">
      <Title order={4} mb="xs">
        {t('personFacts.title')}
      </Title>
      <Stack gap={4}>
        <Group gap="xs">
          <Text size="sm" fw={500}>
            {t('personFacts.consent')}:
          </Text>
          {f.consent ? (
            <Badge color={f.consent.given ? 'green' : 'gray'} variant="light">
              {t(f.consent.given ? 'personFacts.consentGiven' : 'personFacts.consentWithdrawn', {
                date: day(f.consent.on),
              })}
            </Badge>
          ) : (
            <Text size="sm" c="dimmed">
              {t('personFacts.notRecorded')}
            </Text>
          )}
        </Group>
        <Group gap="xs">
          <Text size="sm" fw={500}>
            {t('personFacts.refusal')}:
          </Text>
          {f.refusedRepatriation ? (
            <Badge color="red" variant="light" data-testid="fact-refusal">
              {t('personFacts.refused', {
                date: day(f.refusedRepatriation.on),
                heardBy: f.refusedRepatriation.heardBy ?? '—',
                context: person.sex ?? undefined,
              })}
            </Badge>
          ) : (
            <Text size="sm" c="dimmed">
              {t('personFacts.none')}
            </Text>
          )}
        </Group>
        <Group gap="xs">
          <Text size="sm" fw={500}>
            {t('personFacts.proceedings')}:
          </Text>
          {f.proceedings ? (
            <Badge color={f.proceedings.open ? 'orange' : 'gray'} variant="light">
              {t(f.proceedings.open ? 'personFacts.proceedingsOpen' : 'personFacts.proceedingsClosed', {
                date: day(f.proceedings.on),
                reference: f.proceedings.reference ?? '—',
              })}
            </Badge>
          ) : (
            <Text size="sm" c="dimmed">
              {t('personFacts.none')}
            </Text>
          )}
        </Group>
      </Stack>
      {can('persons.write') && <RecordFact personId={person.id} />}
    </Paper>
  )
}

type FactValues = { type: string; occurredOn: string; heardBy: string; reference: string; note: string }

function factBody(values: FactValues) {
  const body: Record<string, string> = { type: values.type, occurredOn: values.occurredOn }
  if (values.type === 'refused_repatriation') body.heardBy = values.heardBy
  if (values.type.startsWith('proceedings_') && values.reference) body.reference = values.reference
  if (values.note) body.note = values.note
  return body
}

function RecordFact({ personId }: { personId: string }) {
  const { t } = useTranslation()
  const refresh = useRefreshPerson(personId)
  const { form, banner, submit } = useSchemaForm<FactValues, typeof PersonEventInput>({
    initialValues: { type: 'consent_given', occurredOn: today(), heardBy: '', reference: '', note: '' },
    schema: PersonEventInput,
    body: factBody,
  })
  const onSubmit = submit(async (body) => {
    await ok(http.POST('/persons/{id}/events', { params: { path: { id: personId } }, body }))
    await refresh()
  })
  const type = form.values.type

  return (
    <form onSubmit={onSubmit} noValidate aria-label={t('personFacts.record')}>
      {banner && (
        <Alert color="red" role="alert" my="xs">
          {banner}
        </Alert>
      )}
      <Grid gap="xs" mt="xs" align="end">
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <Select
            label={t('personFacts.kind')}
            data={FACT_EVENT_TYPES.map((k) => ({ value: k, label: t(`event.${k}`) }))}
            {...inputProps(form, 'type')}
            allowDeselect={false}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <TextInput label={t('fields.occurredOn')} {...inputProps(form, 'occurredOn')} />
        </Grid.Col>
        {type === 'refused_repatriation' && (
          <Grid.Col span={12}>
            <TextInput
              label={t('personFacts.heardBy')}
              placeholder={t('personFacts.heardByExample')}
              {...inputProps(form, 'heardBy')}
              required
            />
          </Grid.Col>
        )}
        {type.startsWith('proceedings_') && (
          <Grid.Col span={12}>
            <TextInput label={t('personFacts.reference')} {...inputProps(form, 'reference')} />
          </Grid.Col>
        )}
        <Grid.Col span={{ base: 12, sm: 8 }}>
          <TextInput label={t('fields.note')} {...inputProps(form, 'note')} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <Button type="submit" loading={form.submitting} fullWidth>
            {t('personFacts.record')}
          </Button>
        </Grid.Col>
      </Grid>
    </form>
  )
}
