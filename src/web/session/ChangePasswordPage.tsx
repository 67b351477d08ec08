import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core'
import { useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { http, ok } from '../api'
import { useFormErrors } from '../forms'

/** Shown instead of the app after an admin's password reset, until the user chooses their own. */
export function ChangePasswordPage() {
  const { t } = useTranslation()
  const client = useQueryClient()
  const [values, setValues] = useState({ currentPassword: '', newPassword: '' })
  const [pending, setPending] = useState(false)
  const { errors, formError, fail, clear } = useFormErrors()

  async function submit(e: FormEvent) {
    e.preventDefault()
    setPending(true)
    clear()
    try {
      await ok(http.POST('/session/password', { body: values }))
      await client.invalidateQueries({ queryKey: ['session'] })
    } catch (error) {
      fail(error)
    } finally {
      setPending(false)
    }
  }

  return (
    <Center mih="100vh" bg="gray.0">
      <Paper withBorder shadow="sm" p="xl" w={460} component="form" onSubmit={submit} noValidate>
        <Stack>
          <Title order={2}>{t('account.changePasswordTitle')}</Title>
          <Text size="sm">{t('account.changePasswordIntro')}</Text>
          {formError && (
            <Alert color="red" role="alert">
              {formError}
            </Alert>
          )}
          <PasswordInput
            label={t('account.currentPassword')}
            value={values.currentPassword}
            error={errors.currentPassword}
            onChange={(e) => setValues({ ...values, currentPassword: e.currentTarget.value })}
            autoFocus
          />
          <PasswordInput
            label={t('account.newPassword')}
            value={values.newPassword}
            error={errors.newPassword}
            onChange={(e) => setValues({ ...values, newPassword: e.currentTarget.value })}
          />
          <Button type="submit" loading={pending}>
            {t('account.save')}
          </Button>
        </Stack>
      </Paper>
    </Center>
  )
}
