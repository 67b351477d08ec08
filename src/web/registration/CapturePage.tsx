import {
  Alert,
  Button,
  Divider,
  Grid,
  Group,
  Paper,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { RegisterCapture } from '../../custody/model'
import { api } from '../api'
import { useFormErrors } from '../forms'
import { useFacilities } from '../register/usePersons'
import { EMPTY_PARTICULARS, type ParticularsValues, PersonFields, particularsBody } from './PersonFields'

const today = () => new Date().toISOString().slice(0, 10)

/** A whole group taken on one day at one place, registered together in one transaction. */
export function CapturePage() {
  const { t } = useTranslation()
  const client = useQueryClient()
  const facilities = useFacilities()
  const [capture, setCapture] = useState({
    capturedOn: today(),
    place: '',
    capturingUnit: '',
    source: '',
    facilityId: '',
  })
  const [persons, setPersons] = useState<ParticularsValues[]>([EMPTY_PARTICULARS])
  const [pending, setPending] = useState(false)
  const [done, setDone] = useState<number | null>(null)
  const { errors, formError, check, fail } = useFormErrors()

  async function submit(e: FormEvent) {
    e.preventDefault()
    setDone(null)
    const body = {
      ...Object.fromEntries(Object.entries(capture).filter(([, v]) => v)),
      persons: persons.map(particularsBody),
    }
    if (!check(RegisterCapture, body)) return
    setPending(true)
    try {
      const r = await api<{ persons: unknown[] }>('POST', '/captures', body)
      setDone(r.persons.length)
      setPersons([EMPTY_PARTICULARS])
      await client.invalidateQueries({ queryKey: ['persons'] })
      await client.invalidateQueries({ queryKey: ['persons-count'] })
    } catch (error) {
      fail(error)
    } finally {
      setPending(false)
    }
  }

  const setField = (key: keyof typeof capture) => (value: string) => setCapture({ ...capture, [key]: value })
  return (
    <Paper component="form" onSubmit={submit} noValidate maw={1000}>
      <Stack>
        <Title order={2}>{t('capture.title')}</Title>
        {done !== null && (
          <Alert color="green" role="status">
            {t('capture.registered', { count: done })}
          </Alert>
        )}
        {(formError || Object.keys(errors).length > 0) && (
          <Alert color="red" role="alert">
            {formError ?? t('form.fixFields')}
          </Alert>
        )}
        <Grid gap="sm">
          <Grid.Col span={{ base: 12, md: 3 }}>
            <TextInput
              label={t('fields.capturedOn')}
              value={capture.capturedOn}
              onChange={(e) => setField('capturedOn')(e.currentTarget.value)}
              error={errors.capturedOn}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>
            <TextInput
              label={t('fields.capturePlace')}
              value={capture.place}
              onChange={(e) => setField('place')(e.currentTarget.value)}
              error={errors.place}
              withAsterisk
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <TextInput
              label={t('fields.capturingUnit')}
              value={capture.capturingUnit}
              onChange={(e) => setField('capturingUnit')(e.currentTarget.value)}
              error={errors.capturingUnit}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 8 }}>
            <TextInput
              label={t('fields.source')}
              value={capture.source}
              onChange={(e) => setField('source')(e.currentTarget.value)}
              error={errors.source}
              withAsterisk
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Select
              label={t('fields.facilityId')}
              data={(facilities.data ?? []).map((f) => ({ value: f.id, label: f.name }))}
              value={capture.facilityId || null}
              onChange={(v) => setField('facilityId')(v ?? '')}
              error={errors.facilityId}
              clearable
            />
          </Grid.Col>
        </Grid>
        <Text fw={600}>{t('capture.persons', { count: persons.length })}</Text>
        {errors.persons && <Text c="red">{errors.persons}</Text>}
        {persons.map((p, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions in the capture list; issues name them by index
          <Stack key={i} gap="xs">
            <Divider label={`${i + 1}`} labelPosition="left" />
            <PersonFields
              compact
              values={p}
              prefix={`persons.${i}.`}
              errors={errors}
              onChange={(v) => setPersons(persons.map((q, j) => (j === i ? v : q)))}
            />
            {persons.length > 1 && (
              <Group>
                <Button
                  variant="subtle"
                  color="red"
                  size="xs"
                  onClick={() => setPersons(persons.filter((_, j) => j !== i))}
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
              setPersons([
                ...persons,
                { ...EMPTY_PARTICULARS, category: persons.at(-1)?.category ?? 'prisoner_of_war' },
              ])
            }
          >
            {t('form.addPerson')}
          </Button>
          <Button type="submit" loading={pending}>
            {t('form.register')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  )
}
