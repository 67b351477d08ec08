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
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { FACT_EVENT_TYPES, PersonEventInput } from '../../custody/events'
import { factsOf } from '../../custody/facts'
import { api } from '../api'
import { formatDay } from '../dates'
import { useFormErrors } from '../forms'
import { useCan } from '../session/session'
import type { Person } from '../types'
import { usePersonEvents, useRefreshPerson } from './usePerson'

const today = () => new Date().toISOString().slice(0, 10)

/**
 * The facts every exchange reads from the person (consent to repatriation, an Art. 109 refusal and
 * who heard it, criminal proceedings), as the dated events say them now, and a form to record one.
 */
export function PersonFacts({ person }: { person: Person }) {
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

function RecordFact({ personId }: { personId: string }) {
  const { t } = useTranslation()
  const refresh = useRefreshPerson(personId)
  const [values, setValues] = useState({
    type: 'consent_given',
    occurredOn: today(),
    heardBy: '',
    reference: '',
    note: '',
  })
  const [pending, setPending] = useState(false)
  const { errors, formError, check, fail, clear } = useFormErrors()
  const set = (key: keyof typeof values) => (value: string) => setValues({ ...values, [key]: value })

  async function submit(e: FormEvent) {
    e.preventDefault()
    const body: Record<string, string> = { type: values.type, occurredOn: values.occurredOn }
    if (values.type === 'refused_repatriation') body.heardBy = values.heardBy
    if (values.type.startsWith('proceedings_') && values.reference) body.reference = values.reference
    if (values.note) body.note = values.note
    if (!check(PersonEventInput, body)) return
    setPending(true)
    try {
      await api('POST', `/persons/${personId}/events`, body)
      clear()
      setValues({ ...values, heardBy: '', reference: '', note: '' })
      await refresh()
    } catch (error) {
      fail(error)
    } finally {
      setPending(false)
    }
  }

  return (
    <form onSubmit={submit} noValidate aria-label={t('personFacts.record')}>
      {formError && (
        <Alert color="red" role="alert" my="xs">
          {formError}
        </Alert>
      )}
      <Grid gap="xs" mt="xs" align="end">
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <Select
            label={t('personFacts.kind')}
            data={FACT_EVENT_TYPES.map((k) => ({ value: k, label: t(`event.${k}`) }))}
            value={values.type}
            onChange={(v) => set('type')(v ?? 'consent_given')}
            error={errors.type}
            allowDeselect={false}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <TextInput
            label={t('fields.occurredOn')}
            value={values.occurredOn}
            onChange={(e) => set('occurredOn')(e.currentTarget.value)}
            error={errors.occurredOn}
          />
        </Grid.Col>
        {values.type === 'refused_repatriation' && (
          <Grid.Col span={12}>
            <TextInput
              label={t('personFacts.heardBy')}
              placeholder={t('personFacts.heardByExample')}
              value={values.heardBy}
              onChange={(e) => set('heardBy')(e.currentTarget.value)}
              error={errors.heardBy}
              required
            />
          </Grid.Col>
        )}
        {values.type.startsWith('proceedings_') && (
          <Grid.Col span={12}>
            <TextInput
              label={t('personFacts.reference')}
              value={values.reference}
              onChange={(e) => set('reference')(e.currentTarget.value)}
              error={errors.reference}
            />
          </Grid.Col>
        )}
        <Grid.Col span={{ base: 12, sm: 8 }}>
          <TextInput
            label={t('fields.note')}
            value={values.note}
            onChange={(e) => set('note')(e.currentTarget.value)}
            error={errors.note}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <Button type="submit" loading={pending} fullWidth>
            {t('personFacts.record')}
          </Button>
        </Grid.Col>
      </Grid>
    </form>
  )
}
