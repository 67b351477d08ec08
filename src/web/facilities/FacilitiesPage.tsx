import {
  Alert,
  Button,
  Group,
  NumberInput,
  Paper,
  Progress,
  Select,
  Stack,
  Table,
  TextInput,
  Title,
} from '@mantine/core'
import { useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { CreateFacility } from '../../custody/model'
import { http, ok } from '../api'
import { useFormErrors } from '../forms'
import { FACILITY_KINDS, useOptions } from '../labels'
import { useFacilities } from '../register/usePersons'
import { useCan } from '../session/session'

/** Camps, transit camps and hospitals, with how many they hold against their capacity. */
export function FacilitiesPage() {
  const { t } = useTranslation()
  const can = useCan()
  const facilities = useFacilities()
  return (
    <Stack>
      <Title order={2}>{t('facilities.title')}</Title>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('fields.name')}</Table.Th>
            <Table.Th>{t('fields.kind')}</Table.Th>
            <Table.Th>{t('fields.location')}</Table.Th>
            <Table.Th>{t('facilities.occupancy')}</Table.Th>
            <Table.Th>{t('fields.capacity')}</Table.Th>
            <Table.Th w={160} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(facilities.data ?? []).map((f) => (
            <Table.Tr key={f.id}>
              <Table.Td>{f.name}</Table.Td>
              <Table.Td>{t(`facilityKind.${f.kind}`)}</Table.Td>
              <Table.Td>{f.location}</Table.Td>
              <Table.Td>{f.occupancy}</Table.Td>
              <Table.Td>{f.capacity ?? '—'}</Table.Td>
              <Table.Td>
                {f.capacity ? (
                  <Progress
                    value={Math.min(100, (100 * f.occupancy) / f.capacity)}
                    color={f.occupancy > f.capacity ? 'red' : 'blue'}
                  />
                ) : null}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {can('facilities.write') && <AddFacility />}
    </Stack>
  )
}

function AddFacility() {
  const { t } = useTranslation()
  const options = useOptions()
  const client = useQueryClient()
  const [values, setValues] = useState({
    name: '',
    kind: 'camp',
    location: '',
    capacity: '' as number | string,
  })
  const [pending, setPending] = useState(false)
  const { errors, formError, check, fail, clear } = useFormErrors()

  async function submit(e: FormEvent) {
    e.preventDefault()
    const body = {
      name: values.name,
      kind: values.kind,
      ...(values.location ? { location: values.location } : {}),
      ...(values.capacity !== '' ? { capacity: Number(values.capacity) } : {}),
    }
    const input = check(CreateFacility, body)
    if (!input) return
    setPending(true)
    try {
      await ok(http.POST('/facilities', { body: input }))
      clear()
      setValues({ name: '', kind: 'camp', location: '', capacity: '' })
      await client.invalidateQueries({ queryKey: ['facilities'] })
    } catch (error) {
      fail(error)
    } finally {
      setPending(false)
    }
  }

  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} noValidate maw={900}>
      <Title order={4} mb="xs">
        {t('facilities.add')}
      </Title>
      {formError && (
        <Alert color="red" role="alert" mb="xs">
          {formError}
        </Alert>
      )}
      <Group align="start">
        <TextInput
          label={t('fields.name')}
          value={values.name}
          onChange={(e) => setValues({ ...values, name: e.currentTarget.value })}
          error={errors.name}
          withAsterisk
        />
        <Select
          label={t('fields.kind')}
          data={options('facilityKind', FACILITY_KINDS)}
          value={values.kind}
          onChange={(v) => setValues({ ...values, kind: v ?? 'camp' })}
          allowDeselect={false}
        />
        <TextInput
          label={t('fields.location')}
          value={values.location}
          onChange={(e) => setValues({ ...values, location: e.currentTarget.value })}
          error={errors.location}
        />
        <NumberInput
          label={t('fields.capacity')}
          value={values.capacity}
          onChange={(v) => setValues({ ...values, capacity: v })}
          error={errors.capacity}
          min={0}
          w={120}
        />
      </Group>
      <Button type="submit" mt="sm" loading={pending}>
        {t('form.add')}
      </Button>
    </Paper>
  )
}
