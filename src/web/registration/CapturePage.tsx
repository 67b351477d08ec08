import {
  Alert,
  Anchor,
  Button,
  Divider,
  Grid,
  Group,
  List,
  Paper,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { useQueryClient } from '@tanstack/react-query'
import { Link } from '@tanstack/react-router'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { RegisterCapture } from '../../custody/model'
import { http, ok, type Schema } from '../api'
import { inputProps, useSchemaForm } from '../forms'
import { useFacilities } from '../register/usePersons'
import { EMPTY_PARTICULARS, type ParticularsValues, PersonFields, particularsBody } from './PersonFields'

const today = () => new Date().toISOString().slice(0, 10)

type CaptureValues = {
  capturedOn: string
  place: string
  capturingUnit: string
  source: string
  facilityId: string
  persons: ParticularsValues[]
}

function captureBody({ persons, ...capture }: CaptureValues) {
  return {
    ...Object.fromEntries(Object.entries(capture).filter(([, v]) => v)),
    persons: persons.map(particularsBody),
  }
}

/** A whole group taken on one day at one place, registered together in one transaction. */
export function CapturePage() {
  const { t } = useTranslation()
  const client = useQueryClient()
  const facilities = useFacilities()
  const [registered, setRegistered] = useState<Schema<'PersonWritten'>[] | null>(null)
  const { form, banner, submit } = useSchemaForm<CaptureValues, typeof RegisterCapture>({
    initialValues: {
      capturedOn: today(),
      place: '',
      capturingUnit: '',
      source: '',
      facilityId: '',
      persons: [EMPTY_PARTICULARS],
    },
    schema: RegisterCapture,
    body: captureBody,
  })

  const onSubmit = submit(async (body) => {
    setRegistered(null)
    const r = await ok(http.POST('/captures', { body }))
    setRegistered(r.persons)
    await client.invalidateQueries({ queryKey: ['persons'] })
    await client.invalidateQueries({ queryKey: ['persons-count'] })
  })

  const persons = form.values.persons
  return (
    <Paper component="form" onSubmit={onSubmit} noValidate maw={1000}>
      <Stack>
        <Title order={2}>{t('capture.title')}</Title>
        {registered && <Registered persons={registered} />}
        {banner && (
          <Alert color="red" role="alert">
            {banner}
          </Alert>
        )}
        <Grid gap="sm">
          <Grid.Col span={{ base: 12, md: 3 }}>
            <TextInput label={t('fields.capturedOn')} {...inputProps(form, 'capturedOn')} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>
            <TextInput label={t('fields.capturePlace')} {...inputProps(form, 'place')} withAsterisk />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <TextInput label={t('fields.capturingUnit')} {...inputProps(form, 'capturingUnit')} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 8 }}>
            <TextInput label={t('fields.source')} {...inputProps(form, 'source')} withAsterisk />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Select
              label={t('fields.facilityId')}
              data={(facilities.data ?? []).map((f) => ({ value: f.id, label: f.name }))}
              {...inputProps(form, 'facilityId')}
              value={form.values.facilityId || null}
              onChange={(v) => inputProps(form, 'facilityId').onChange(v ?? '')}
              clearable
            />
          </Grid.Col>
        </Grid>
        <Text fw={600}>{t('capture.persons', { count: persons.length })}</Text>
        {form.errors.persons && <Text c="red">{form.errors.persons}</Text>}
        {persons.map((_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions in the capture list; issues name them by index
          <Stack key={i} gap="xs">
            <Divider label={`${i + 1}`} labelPosition="left" />
            <PersonFields compact form={form} valuePrefix={`persons.${i}.`} />
            {persons.length > 1 && (
              <Group>
                <Button
                  variant="subtle"
                  color="red"
                  size="xs"
                  onClick={() => form.removeListItem('persons', i)}
                >
                  {t('form.remove')}
                </Button>
              </Group>
            )}
          </Stack>
        ))}
        <Group>
          <Button
            variant="light"
            onClick={() =>
              form.insertListItem('persons', {
                ...EMPTY_PARTICULARS,
                category: persons.at(-1)?.category ?? 'prisoner_of_war',
              })
            }
          >
            {t('form.addPerson')}
          </Button>
          <Button type="submit" loading={form.submitting}>
            {t('form.register')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  )
}

/** "3 persons registered", each a link to their new record. */
function Registered({ persons }: { persons: Schema<'PersonWritten'>[] }) {
  const { t } = useTranslation()
  return (
    <Alert color="green" role="status" title={t('capture.registered', { count: persons.length })}>
      <List size="sm">
        {persons.map((p) => (
          <List.Item key={p.id}>
            <Anchor
              renderRoot={(props) => <Link to="/persons/$personId" params={{ personId: p.id }} {...props} />}
            >
              {[p.surname, p.firstNames].filter(Boolean).join(' ')} (
              {t('person.registerNumber', { n: p.registerNumber })})
            </Anchor>
          </List.Item>
        ))}
      </List>
    </Alert>
  )
}
