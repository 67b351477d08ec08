import { Alert, Button, Group, PasswordInput, Stack, Table, Text, TextInput, Title } from '@mantine/core'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { http, ok } from '../api'
import { useFormErrors } from '../forms'
import { passkeysSupported, registerPasskey } from './passkey'

/** The signed-in user's passkeys: add one (password again), remove one. */
export function PasskeysPage() {
  const { t, i18n } = useTranslation()
  const client = useQueryClient()
  const passkeys = useQuery({
    queryKey: ['passkeys'],
    queryFn: async () => (await ok(http.GET('/session/passkeys'))).items,
  })
  const [name, setName] = useState('')
  const [password, setPassword] = useState('')
  const [pending, setPending] = useState(false)
  const { errors, formError, fail, clear } = useFormErrors()
  const date = (iso: string | null) => (iso ? new Date(iso).toLocaleString(i18n.language) : '—')

  async function run(action: () => Promise<unknown>) {
    setPending(true)
    clear()
    try {
      await action()
      await client.invalidateQueries({ queryKey: ['passkeys'] })
      await client.invalidateQueries({ queryKey: ['session'] })
    } catch (error) {
      fail(error)
    } finally {
      setPending(false)
    }
  }

  function add(e: FormEvent) {
    e.preventDefault()
    void run(async () => {
      await registerPasskey(t, { password, name: name.trim() || t('passkey.defaultName') })
      setName('')
      setPassword('')
    })
  }

  return (
    <Stack maw={720}>
      <Title order={2}>{t('passkey.title')}</Title>
      <Text size="sm">{t('passkey.intro')}</Text>
      {formError && (
        <Alert color="red" role="alert">
          {formError}
        </Alert>
      )}
      {passkeys.data?.length ? (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('passkey.name')}</Table.Th>
              <Table.Th>{t('passkey.registered')}</Table.Th>
              <Table.Th>{t('passkey.lastUsed')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {passkeys.data.map((p) => (
              <Table.Tr key={p.id} data-testid="passkey-row">
                <Table.Td>{p.name}</Table.Td>
                <Table.Td>{date(p.createdAt)}</Table.Td>
                <Table.Td>{date(p.lastUsedAt)}</Table.Td>
                <Table.Td>
                  <Button
                    size="xs"
                    variant="light"
                    color="red"
                    loading={pending}
                    onClick={() =>
                      void run(() =>
                        ok(http.DELETE('/session/passkeys/{id}', { params: { path: { id: p.id } } })),
                      )
                    }
                  >
                    {t('passkey.remove')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : (
        passkeys.isSuccess && <Text c="dimmed">{t('passkey.none')}</Text>
      )}
      {passkeysSupported() && (
        <form onSubmit={add}>
          <Group align="flex-end">
            <TextInput
              label={t('passkey.name')}
              placeholder={t('passkey.defaultName')}
              value={name}
              error={errors.name}
              onChange={(e) => setName(e.currentTarget.value)}
            />
            <PasswordInput
              label={t('signIn.password')}
              value={password}
              error={errors.password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              w={220}
            />
            <Button type="submit" loading={pending}>
              {t('passkey.add')}
            </Button>
          </Group>
        </form>
      )}
    </Stack>
  )
}
