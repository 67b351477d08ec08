import { Alert, Button, Grid, Paper, Select, Stack, TextInput, Title } from '@mantine/core'
import { useQueryClient } from '@tanstack/react-query'
import { useNavigate } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { RegisterPerson } from '../../custody/model'
import { http, ok } from '../api'
import { inputProps, useSchemaForm } from '../forms'
import { useOptions } from '../labels'
import { useFacilities } from '../register/usePersons'
import { EMPTY_PARTICULARS, PersonFields, particularsBody } from './PersonFields'

const today = () => new Date().toISOString().slice(0, 10)

/** One person brought into our power: particulars, and when, where and by whom they were taken. */
export function RegisterPersonPage() {
  const { t } = useTranslation()
  const options = useOptions()
  const navigate = useNavigate()
  const client = useQueryClient()
  const facilities = useFacilities()
  const { form, banner, submit } = useSchemaForm({
    initialValues: {
      ...EMPTY_PARTICULARS,
      capturedOn: today(),
      capturePlace: '',
      facilityId: '',
      confirmation: 'confirmed',
      source: '',
    },
    schema: RegisterPerson,
    // the capture's fields are flat strings too: blank ones are left out the same way
    body: particularsBody,
  })

  const onSubmit = submit(async (body) => {
    const person = await ok(http.POST('/persons', { body }))
    await client.invalidateQueries({ queryKey: ['persons'] })
    await client.invalidateQueries({ queryKey: ['persons-count'] })
    await navigate({ to: '/persons/$personId', params: { personId: person.id } })
  })

  return (
    <Paper component="form" onSubmit={onSubmit} noValidate maw={1000}>
      <Stack>
        <Title order={2}>{t('registerPerson.title')}</Title>
        {banner && (
          <Alert color="red" role="alert">
            {banner}
          </Alert>
        )}
        <PersonFields form={form} />
        <Grid gap="sm">
          <Grid.Col span={{ base: 12, md: 3 }}>
            <TextInput label={t('fields.capturedOn')} name="capturedOn" {...inputProps(form, 'capturedOn')} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>
            <TextInput
              label={t('fields.capturePlace')}
              name="capturePlace"
              {...inputProps(form, 'capturePlace')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Select
              label={t('fields.facilityId')}
              data={(facilities.data ?? []).map((f) => ({ value: f.id, label: f.name }))}
              {...inputProps(form, 'facilityId')}
              value={form.values.facilityId || null}
              onChange={(v) => inputProps(form, 'facilityId').onChange(v ?? '')}
              clearable
              searchable
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 3 }}>
            <Select
              label={t('fields.confirmation')}
              data={options('confirmation', ['confirmed', 'unconfirmed'])}
              {...inputProps(form, 'confirmation')}
              allowDeselect={false}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 9 }}>
            <TextInput label={t('fields.source')} name="source" {...inputProps(form, 'source')} />
          </Grid.Col>
        </Grid>
        <Button type="submit" loading={form.submitting} w={200}>
          {t('form.register')}
        </Button>
      </Stack>
    </Paper>
  )
}
