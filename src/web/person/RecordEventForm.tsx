import { Alert, Button, Grid, Paper, Select, TextInput, Title } from '@mantine/core'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { PersonEventInput, RECORDABLE_EVENT_TYPES } from '../../custody/events'
import { api } from '../api'
import { useFormErrors } from '../forms'
import { HEALTH, useOptions } from '../labels'
import { useFacilities } from '../register/usePersons'
import type { Person } from '../types'
import { useRefreshPerson } from './usePerson'

// Captured, registered and amended are written by the system itself; the form offers the rest,
// transfer first as the commonest.
const RECORDABLE = ['transferred', ...RECORDABLE_EVENT_TYPES.filter((t) => t !== 'transferred')]
const WITH_FACILITY = new Set(['transferred', 'arrived', 'hospitalised', 'discharged', 'recaptured'])
const WITH_HEALTH = new Set(['hospitalised', 'discharged', 'health_bulletin'])

const today = () => new Date().toISOString().slice(0, 10)

export function RecordEventForm({ person }: { person: Person }) {
  const { t } = useTranslation()
  const options = useOptions()
  const facilities = useFacilities()
  const refresh = useRefreshPerson(person.id)
  const [values, setValues] = useState({
    type: 'transferred',
    occurredOn: today(),
    facilityId: '',
    health: '',
    cause: '',
    source: '',
    note: '',
  })
  const [pending, setPending] = useState(false)
  const { errors, formError, check, fail, clear } = useFormErrors()
  const set = (key: keyof typeof values) => (value: string) => setValues({ ...values, [key]: value })

  async function submit(e: FormEvent) {
    e.preventDefault()
    const body: Record<string, string> = { type: values.type, occurredOn: values.occurredOn }
    if (WITH_FACILITY.has(values.type) && values.facilityId) body.facilityId = values.facilityId
    if (WITH_HEALTH.has(values.type) && values.health) body.health = values.health
    if (values.type === 'died' && values.cause) body.cause = values.cause
    if (values.source) body.source = values.source
    if (values.note) body.note = values.note
    if (!check(PersonEventInput, body)) return
    setPending(true)
    try {
      await api('POST', `/persons/${person.id}/events`, body)
      clear()
      setValues({ ...values, facilityId: '', health: '', cause: '', note: '' })
      await refresh()
    } catch (error) {
      fail(error)
    } finally {
      setPending(false)
    }
  }

  const facilityChoices = (facilities.data ?? [])
    .filter((f) => values.type !== 'hospitalised' || f.kind === 'hospital')
    .map((f) => ({ value: f.id, label: f.name }))
  return (
    <Paper
      withBorder
      p="md"
      component="form"
      onSubmit={submit}
      noValidate
      aria-label={t('person.recordEvent')}
    >
      <Title order={4} mb="xs">
        {t('person.recordEvent')}
      </Title>
      {formError && (
        <Alert color="red" role="alert" mb="xs">
          {formError}
        </Alert>
      )}
      <Grid gap="xs">
        <Grid.Col span={6}>
          <Select
            label={t('fields.type')}
            data={options('event', RECORDABLE)}
            value={values.type}
            onChange={(v) => set('type')(v ?? 'transferred')}
            error={errors.type}
            allowDeselect={false}
          />
        </Grid.Col>
        <Grid.Col span={6}>
          <TextInput
            label={t('fields.occurredOn')}
            value={values.occurredOn}
            onChange={(e) => set('occurredOn')(e.currentTarget.value)}
            error={errors.occurredOn}
          />
        </Grid.Col>
        {WITH_FACILITY.has(values.type) && (
          <Grid.Col span={6}>
            <Select
              label={t('fields.facilityId')}
              data={facilityChoices}
              value={values.facilityId || null}
              onChange={(v) => set('facilityId')(v ?? '')}
              error={errors.facilityId}
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
              value={values.health || null}
              onChange={(v) => set('health')(v ?? '')}
              error={errors.health}
              clearable
            />
          </Grid.Col>
        )}
        {values.type === 'died' && (
          <Grid.Col span={6}>
            <TextInput
              label={t('fields.cause')}
              value={values.cause}
              onChange={(e) => set('cause')(e.currentTarget.value)}
              error={errors.cause}
            />
          </Grid.Col>
        )}
        <Grid.Col span={6}>
          <TextInput
            label={t('fields.source')}
            value={values.source}
            onChange={(e) => set('source')(e.currentTarget.value)}
            error={errors.source}
          />
        </Grid.Col>
        <Grid.Col span={12}>
          <TextInput
            label={t('fields.note')}
            value={values.note}
            onChange={(e) => set('note')(e.currentTarget.value)}
            error={errors.note}
          />
        </Grid.Col>
      </Grid>
      <Button type="submit" mt="sm" loading={pending}>
        {t('form.record')}
      </Button>
    </Paper>
  )
}
