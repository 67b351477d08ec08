import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  TextInput,
  Title,
} from '@mantine/core'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from '../api'
import { useFormErrors } from '../forms'

const ROLES = ['admin', 'registrar', 'tracer', 'analyst', 'negotiator', 'liaison', 'auditor']

type User = { id: string; username: string; name: string; role: string; twoFactorEnabled: boolean }

/** Staff accounts and the security settings: who may sign in, as what, and whether a second factor is required. */
export function AdminPage() {
  const { t } = useTranslation()
  const client = useQueryClient()
  const users = useQuery({
    queryKey: ['users'],
    queryFn: async () => (await api<{ items: User[] }>('GET', '/users')).items,
  })
  const settings = useQuery({
    queryKey: ['settings'],
    queryFn: () => api<{ requireSecondFactor: boolean }>('GET', '/settings'),
  })

  async function setRequireSecondFactor(requireSecondFactor: boolean) {
    await api('PUT', '/settings', { requireSecondFactor })
    await client.invalidateQueries({ queryKey: ['settings'] })
  }

  return (
    <Stack maw={900}>
      <Title order={2}>{t('admin.title')}</Title>
      <Checkbox
        label={t('admin.requireSecondFactor')}
        checked={settings.data?.requireSecondFactor ?? false}
        disabled={!settings.data}
        onChange={(e) => void setRequireSecondFactor(e.currentTarget.checked)}
      />
      <Title order={4}>{t('admin.users')}</Title>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('fields.username')}</Table.Th>
            <Table.Th>{t('fields.name')}</Table.Th>
            <Table.Th>{t('fields.role')}</Table.Th>
            <Table.Th>{t('admin.twoFactor')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(users.data ?? []).map((u) => (
            <Table.Tr key={u.id}>
              <Table.Td>{u.username}</Table.Td>
              <Table.Td>{u.name}</Table.Td>
              <Table.Td>{u.role}</Table.Td>
              <Table.Td>{u.twoFactorEnabled ? <Badge color="green">TOTP</Badge> : '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <AddUser />
    </Stack>
  )
}

function AddUser() {
  const { t } = useTranslation()
  const client = useQueryClient()
  const [values, setValues] = useState({ username: '', name: '', role: 'registrar' })
  const [created, setCreated] = useState<{ username: string; password: string } | null>(null)
  const [pending, setPending] = useState(false)
  const { errors, formError, fail, clear } = useFormErrors()

  async function submit(e: FormEvent) {
    e.preventDefault()
    setPending(true)
    try {
      const r = await api<{ user: { username: string }; password: string }>('POST', '/users', values)
      setCreated({ username: r.user.username, password: r.password })
      clear()
      setValues({ username: '', name: '', role: 'registrar' })
      await client.invalidateQueries({ queryKey: ['users'] })
    } catch (error) {
      fail(error)
    } finally {
      setPending(false)
    }
  }

  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} noValidate>
      <Title order={5} mb="xs">
        {t('admin.addUser')}
      </Title>
      {created && (
        <Alert color="green" mb="xs">
          {t('admin.newPassword', created)}
        </Alert>
      )}
      {formError && (
        <Alert color="red" mb="xs" role="alert">
          {formError}
        </Alert>
      )}
      <Group align="start">
        <TextInput
          label={t('fields.username')}
          value={values.username}
          onChange={(e) => setValues({ ...values, username: e.currentTarget.value })}
          error={errors.username}
        />
        <TextInput
          label={t('fields.name')}
          value={values.name}
          onChange={(e) => setValues({ ...values, name: e.currentTarget.value })}
          error={errors.name}
        />
        <Select
          label={t('fields.role')}
          data={ROLES}
          value={values.role}
          onChange={(v) => setValues({ ...values, role: v ?? 'registrar' })}
          allowDeselect={false}
        />
      </Group>
      <Button type="submit" mt="sm" loading={pending}>
        {t('form.add')}
      </Button>
    </Paper>
  )
}
