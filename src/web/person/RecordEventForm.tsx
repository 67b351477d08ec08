import { Alert, Button, Grid, Paper, Select, TextInput, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { PersonEventInput, RECORDABLE_EVENT_TYPES } from '../../custody/events'
import { http, ok, type Schema } from '../api'
import { inputProps, useSchemaForm } from '../forms'
import { HEALTH, useOptions } from '../labels'
import { useFacilities } from '../register/usePersons'
import { useRefreshPerson } from './usePerson'

// Captured, registered and amended are written by the system itself; the form offers the rest,
// transfer first as the commonest.
const RECORDABLE = ['transferred', ...RECORDABLE_EVENT_TYPES.filter((t) => t !== 'transferred')]
const WITH_FACILITY = new Set(['transferred', 'arrived', 'hospitalised', 'discharged', 'recaptured'])
const WITH_HEALTH = new Set(['hospitalised', 'discharged', 'health_bulletin'])

const today = () => new Date().toISOString().slice(0, 10)

type EventValues = {
  type: string
  occurredOn: string
  facilityId: string
  health: string
  cause: string
  source: string
  note: string
}

/** The API's event from the form: only the fields this kind of event has, blank ones left out. */
function eventBody(values: EventValues) {
  const body: Record<string, string> = { type: values.type, occurredOn: values.occurredOn }
  if (WITH_FACILITY.has(values.type) && values.facilityId) body.facilityId = values.facilityId
  if (WITH_HEALTH.has(values.type) && values.health) body.health = values.health
  if (values.type === 'died' && values.cause) body.cause = values.cause
  if (values.source) body.source = values.source
  if (values.note) body.note = values.note
  return body
}

export function RecordEventForm({ person }: { person: Schema<'Person'> }) {
  const { t } = useTranslation()
  const options = useOptions()
  const facilities = useFacilities()
  const refresh = useRefreshPerson(person.id)
  const { form, banner, submit } = useSchemaForm<EventValues, typeof PersonEventInput>({
    initialValues: {
      type: 'transferred',
      occurredOn: today(),
      facilityId: '',
      health: '',
      cause: '',
      source: '',
      note: '',
    },
    schema: PersonEventInput,
    body: eventBody,
  })
  const onSubmit = submit(async (body) => {
    await ok(http.POST('/persons/{id}/events', { params: { path: { id: person.id } }, body }))
    await refresh()
  })
  const values = form.values
  const select = (key: keyof EventValues) => ({
    ...inputProps(form, key),
    value: values[key] || null,
    onChange: (v: string | null) => inputProps(form, key).onChange(v ?? ''),
  })

  const facilityChoices = (facilities.data ?? [])
    .filter((f) => values.type !== 'hospitalised' || f.kind === 'hospital')
    .map((f) => ({ value: f.id, label: f.name }))
  return (
    <Paper
      withBorder
      p="md"
      component="form"
      onSubmit={onSubmit}
      noValidate
      aria-label={t('person.recordEvent')}
    >
      <Title order={4} mb="xs">
        {t('person.recordEvent')}
      </Title>
      {banner && (
        <Alert color="red" role="alert" mb="xs">
          {banner}
        </Alert>
      )}
      <Grid gap="xs">
        <Grid.Col span={6}>
          <Select
            label={t('fields.type')}
            data={options('event', RECORDABLE)}
            {...inputProps(form, 'type')}
            allowDeselect={false}
          />
        </Grid.Col>
        <Grid.Col span={6}>
          <TextInput label={t('fields.occurredOn')} {...inputProps(form, 'occurredOn')} />
        </Grid.Col>
        {WITH_FACILITY.has(values.type) && (
          <Grid.Col span={6}>
            <Select
              label={t('fields.facilityId')}
              data={facilityChoices}
              {...select('facilityId')}
              searchable
              clearable
            />
          </Grid.Col>
        )}
        {WITH_HEALTH.has(values.type) && (
          <Grid.Col span={6}>
            <Select
              label={t('fields.health')}
              data={options('health', HEALTH)}
              {...select('health')}
              clearable
            />
          </Grid.Col>
        )}
        {values.type === 'died' && (
          <Grid.Col span={6}>
            <TextInput label={t('fields.cause')} {...inputProps(form, 'cause')} />
          </Grid.Col>
        )}
        <Grid.Col span={6}>
          <TextInput label={t('fields.source')} {...inputProps(form, 'source')} />
        </Grid.Col>
        <Grid.Col span={12}>
          <TextInput label={t('fields.note')} {...inputProps(form, 'note')} />
        </Grid.Col>
      </Grid>
      <Button type="submit" mt="sm" loading={form.submitting}>
        {t('form.record')}
      </Button>
    </Paper>
  )
}
