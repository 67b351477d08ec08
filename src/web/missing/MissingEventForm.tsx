import { Alert, Button, Grid, Paper, Select, TextInput, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { MISSING_EVENT_TYPES, MissingEventInput } from '../../missing/events'
import { http, ok } from '../api'
import { inputProps, useSchemaForm } from '../forms'
import { useRefreshMissing } from './useMissing'

// Reported missing is written by the first report; the form offers what becomes known afterwards.
const RECORDABLE = MISSING_EVENT_TYPES.filter((type) => type !== 'reported_missing')
const WITH_PLACE = new Set(['died', 'found'])
const today = () => new Date().toISOString().slice(0, 10)

type Values = {
  type: string
  occurredOn: string
  source: string
  confidence: string
  facility: string
  how: string
  place: string
  cause: string
  note: string
}

function eventBody(v: Values) {
  const body: Record<string, string> = {
    type: v.type,
    occurredOn: v.occurredOn,
    source: v.source,
    confidence: v.confidence,
  }
  if (v.type === 'seen_in_facility') body.facility = v.facility
  if (v.type === 'returned') body.how = v.how
  if (WITH_PLACE.has(v.type) && v.place) body.place = v.place
  if (v.type === 'died' && v.cause) body.cause = v.cause
  if (v.note) body.note = v.note
  return body
}

/** What became known of a missing person, with its source and how sure the source is. */
export function MissingEventForm({ personId }: { personId: string }) {
  const { t } = useTranslation()
  const refresh = useRefreshMissing()
  const { form, banner, submit } = useSchemaForm<Values, typeof MissingEventInput>({
    initialValues: {
      type: 'captivity_indicated',
      occurredOn: today(),
      source: '',
      confidence: 'medium',
      facility: '',
      how: 'exchange',
      place: '',
      cause: '',
      note: '',
    },
    schema: MissingEventInput,
    body: eventBody,
  })
  const onSubmit = submit(async (body) => {
    await ok(http.POST('/missing/{id}/events', { params: { path: { id: personId } }, body }))
    await refresh()
  })
  const v = form.values
  const choose = (key: keyof Values, values: readonly string[], group: string) => (
    <Select
      label={t(`missing.fields.${key}`)}
      data={values.map((x) => ({ value: x, label: t(`missing.${group}.${x}`) }))}
      {...inputProps(form, key)}
      allowDeselect={false}
    />
  )
  return (
    <Paper
      withBorder
      p="md"
      component="form"
      onSubmit={onSubmit}
      noValidate
      aria-label={t('missing.event.title')}
    >
      <Title order={4} mb="xs">
        {t('missing.event.title')}
      </Title>
      {banner && (
        <Alert color="red" role="alert" mb="xs">
          {banner}
        </Alert>
      )}
      <Grid gap="xs">
        <Grid.Col span={6}>{choose('type', RECORDABLE, 'events')}</Grid.Col>
        <Grid.Col span={6}>
          <TextInput label={t('missing.fields.occurredOn')} {...inputProps(form, 'occurredOn')} />
        </Grid.Col>
        <Grid.Col span={6}>
          <TextInput label={t('missing.fields.source')} {...inputProps(form, 'source')} />
        </Grid.Col>
        <Grid.Col span={6}>{choose('confidence', ['high', 'medium', 'low'], 'confidence')}</Grid.Col>
        {v.type === 'seen_in_facility' && (
          <Grid.Col span={6}>
            <TextInput label={t('missing.fields.facility')} {...inputProps(form, 'facility')} />
          </Grid.Col>
        )}
        {v.type === 'returned' && (
          <Grid.Col span={6}>{choose('how', ['exchange', 'release', 'other'], 'how')}</Grid.Col>
        )}
        {WITH_PLACE.has(v.type) && (
          <Grid.Col span={6}>
            <TextInput label={t('missing.fields.place')} {...inputProps(form, 'place')} />
          </Grid.Col>
        )}
        {v.type === 'died' && (
          <Grid.Col span={6}>
            <TextInput label={t('missing.fields.cause')} {...inputProps(form, 'cause')} />
          </Grid.Col>
        )}
        <Grid.Col span={12}>
          <TextInput label={t('missing.fields.note')} {...inputProps(form, 'note')} />
        </Grid.Col>
      </Grid>
      <Button type="submit" mt="sm" loading={form.submitting}>
        {t('missing.event.submit')}
      </Button>
    </Paper>
  )
}
