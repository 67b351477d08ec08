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
import { http, ok, type Schema } from '../api'
import { errorMessage, useFormErrors } from '../forms'
import { ENROLMENT_CODE_KEY } from '../session/session'

type Role = Schema<'Role'>
const ROLES: Role[] = ['admin', 'registrar', 'tracer', 'analyst', 'negotiator', 'liaison', 'auditor']
/** The choice of a role select: one of ROLES, which are the API's own. */
const asRole = (value: string) => value as Role

type User = Schema<'StaffAccount'>

/** What an admin's action answered that must be shown once (a one-time password or enrolment code). */
type Shown = { kind: 'password' | 'enrolmentCode' | 'done'; username: string; value: string }

const ACTIONS = [
  ['disable', 'admin.disable'],
  ['enable', 'admin.enable'],
  ['reset-password', 'admin.resetPassword'],
  ['revoke-sessions', 'admin.revokeSessions'],
  ['reset-second-factor', 'admin.resetSecondFactor'],
  ['unlock', 'admin.unlock'],
] as const

/** Staff accounts and the security settings: who may sign in, as what, and whether a second factor is required. */
export function AdminPage() {
  const { t, i18n } = useTranslation()
  const client = useQueryClient()
  const users = useQuery({
    queryKey: ['users'],
    queryFn: async () => (await ok(http.GET('/users'))).items,
  })
  const settings = useQuery({
    queryKey: ['settings'],
    queryFn: () => ok(http.GET('/settings')),
  })

  const [shown, setShown] = useState<Shown | null>(null)
  const [actionError, setActionError] = useState<string | null>(null)

  async function act(u: User, action: (typeof ACTIONS)[number][0], label: string) {
    setActionError(null)
    try {
      const r = await ok(http.POST(`/users/{id}/${action}`, { params: { path: { id: u.id } } }))
      if (r.password) setShown({ kind: 'password', username: u.username, value: r.password })
      else if (r.enrolmentCode)
        setShown({ kind: 'enrolmentCode', username: u.username, value: r.enrolmentCode })
      else setShown({ kind: 'done', username: u.username, value: label })
      await client.invalidateQueries({ queryKey: ['users'] })
    } catch (error) {
      setShown(null)
      setActionError(errorMessage(t, error, i18n.language))
    }
  }

  async function setRole(u: User, role: Role) {
    setActionError(null)
    try {
      await ok(http.PUT('/users/{id}/role', { params: { path: { id: u.id } }, body: { role } }))
      await client.invalidateQueries({ queryKey: ['users'] })
    } catch (error) {
      setActionError(errorMessage(t, error, i18n.language))
    }
  }

  /**
   * The answer is the saved settings: no read-back, which an admin without a second factor could
   * not do any more. Such an admin gets their own enrolment code with it and is taken to enrolment.
   */
  async function setRequireSecondFactor(requireSecondFactor: boolean) {
    setActionError(null)
    try {
      const saved = await ok(http.PUT('/settings', { body: { requireSecondFactor } }))
      const { enrolmentCode, ...settings } = saved
      client.setQueryData(['settings'], settings)
      if (enrolmentCode) {
        client.setQueryData(ENROLMENT_CODE_KEY, enrolmentCode)
        await client.invalidateQueries({ queryKey: ['session'] })
      }
    } catch (error) {
      setActionError(errorMessage(t, error, i18n.language))
    }
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
      {shown && (
        <Alert color="green" data-testid="admin-shown">
          {shown.kind === 'password'
            ? t('admin.newPassword', { username: shown.username, password: shown.value })
            : shown.kind === 'enrolmentCode'
              ? t('admin.enrolmentCode', { username: shown.username, code: shown.value })
              : t('admin.done', { action: shown.value, username: shown.username })}
        </Alert>
      )}
      {actionError && (
        <Alert color="red" role="alert">
          {actionError}
        </Alert>
      )}
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('fields.username')}</Table.Th>
            <Table.Th>{t('fields.name')}</Table.Th>
            <Table.Th>{t('fields.role')}</Table.Th>
            <Table.Th>{t('admin.twoFactor')}</Table.Th>
            <Table.Th>{t('admin.status')}</Table.Th>
            <Table.Th>{t('admin.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(users.data ?? []).map((u) => (
            <Table.Tr key={u.id} data-testid={`user-${u.username}`}>
              <Table.Td>{u.username}</Table.Td>
              <Table.Td>{u.name}</Table.Td>
              <Table.Td>
                <Select
                  aria-label={t('admin.setRole', { username: u.username })}
                  data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
                  value={u.role}
                  onChange={(v) => v && v !== u.role && void setRole(u, asRole(v))}
                  allowDeselect={false}
                  size="xs"
                  w={130}
                />
              </Table.Td>
              <Table.Td>
                {u.totp && <Badge color="green">TOTP</Badge>}
                {u.passkeys > 0 && <Badge color="green">{t('admin.passkeys', { count: u.passkeys })}</Badge>}
                {!u.totp && !u.passkeys && '—'}
              </Table.Td>
              <Table.Td>
                {u.banned ? (
                  <Badge color="gray">{t('admin.disabled')}</Badge>
                ) : u.locked ? (
                  <Badge color="orange">{t('admin.locked')}</Badge>
                ) : (
                  <Badge color="blue">{t('admin.active')}</Badge>
                )}
                {u.mustChangePassword && <Badge color="yellow">{t('admin.mustChange')}</Badge>}
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {ACTIONS.filter(([a]) =>
                    a === 'disable'
                      ? !u.banned
                      : a === 'enable'
                        ? u.banned
                        : a === 'unlock'
                          ? u.locked
                          : true,
                  ).map(([action, label]) => (
                    <Button
                      key={action}
                      size="compact-xs"
                      variant="light"
                      onClick={() => void act(u, action, t(label))}
                    >
                      {t(label)}
                    </Button>
                  ))}
                </Group>
              </Table.Td>
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
  const [values, setValues] = useState({ username: '', name: '', role: asRole('registrar') })
  const [created, setCreated] = useState<{ username: string; password: string; code: string } | null>(null)
  const [pending, setPending] = useState(false)
  const { errors, formError, fail, clear } = useFormErrors()

  async function submit(e: FormEvent) {
    e.preventDefault()
    setPending(true)
    try {
      const r = await ok(http.POST('/users', { body: values }))
      setCreated({ username: r.user.username, password: r.password, code: r.enrolmentCode })
      clear()
      setValues({ username: '', name: '', role: asRole('registrar') })
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
          <br />
          {t('admin.enrolmentCode', created)}
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
          data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          value={values.role}
          onChange={(v) => setValues({ ...values, role: asRole(v ?? 'registrar') })}
          allowDeselect={false}
        />
      </Group>
      <Button type="submit" mt="sm" loading={pending}>
        {t('form.add')}
      </Button>
    </Paper>
  )
}
