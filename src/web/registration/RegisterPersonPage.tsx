import { Alert, Button, Grid, Paper, Select, Stack, TextInput, Title } from '@mantine/core'
import { useQueryClient } from '@tanstack/react-query'
import { useNavigate } from '@tanstack/react-router'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { RegisterPerson } from '../../custody/model'
import { api } from '../api'
import { useFormErrors } from '../forms'
import { useOptions } from '../labels'
import { useFacilities } from '../register/usePersons'
import type { Person } from '../types'
import { EMPTY_PARTICULARS, PersonFields, particularsBody } from './PersonFields'

const today = () => new Date().toISOString().slice(0, 10)

/** One person brought into our power: particulars, and when, where and by whom they were taken. */
export function RegisterPersonPage() {
  const { t } = useTranslation()
  const options = useOptions()
  const navigate = useNavigate()
  const client = useQueryClient()
  const facilities = useFacilities()
  const [particulars, setParticulars] = useState(EMPTY_PARTICULARS)
  const [capture, setCapture] = useState({
    capturedOn: today(),
    capturePlace: '',
    facilityId: '',
    confirmation: 'confirmed',
    source: '',
  })
  const [pending, setPending] = useState(false)
  const { errors, formError, check, fail } = useFormErrors()

  async function submit(e: FormEvent) {
    e.preventDefault()
    const body = {
      ...particularsBody(particulars),
      ...Object.fromEntries(Object.entries(capture).filter(([, v]) => v)),
    }
    if (!check(RegisterPerson, body)) return
    setPending(true)
    try {
      const person = await api<Person>('POST', '/persons', body)
      await client.invalidateQueries({ queryKey: ['persons'] })
      await client.invalidateQueries({ queryKey: ['persons-count'] })
      await navigate({ to: '/persons/$personId', params: { personId: person.id } })
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
        <Title order={2}>{t('registerPerson.title')}</Title>
        {(formError || Object.keys(errors).length > 0) && (
          <Alert color="red" role="alert">
            {formError ?? t('form.fixFields')}
          </Alert>
        )}
        <PersonFields values={particulars} onChange={setParticulars} errors={errors} />
        <Grid gap="sm">
          <Grid.Col span={{ base: 12, md: 3 }}>
            <TextInput
              label={t('fields.capturedOn')}
              name="capturedOn"
              value={capture.capturedOn}
              onChange={(e) => setField('capturedOn')(e.currentTarget.value)}
              error={errors.capturedOn}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>
            <TextInput
              label={t('fields.capturePlace')}
              name="capturePlace"
              value={capture.capturePlace}
              onChange={(e) => setField('capturePlace')(e.currentTarget.value)}
              error={errors.capturePlace}
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
              searchable
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 3 }}>
            <Select
              label={t('fields.confirmation')}
              data={options('confirmation', ['confirmed', 'unconfirmed'])}
              value={capture.confirmation}
              onChange={(v) => setField('confirmation')(v ?? 'confirmed')}
              allowDeselect={false}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 9 }}>
            <TextInput
              label={t('fields.source')}
              name="source"
              value={capture.source}
              onChange={(e) => setField('source')(e.currentTarget.value)}
              error={errors.source}
            />
          </Grid.Col>
        </Grid>
        <Button type="submit" loading={pending} w={200}>
          {t('form.register')}
        </Button>
      </Stack>
    </Paper>
  )
}
