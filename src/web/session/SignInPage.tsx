import { Alert, Button, Center, Paper, PasswordInput, Stack, TextInput, Title } from '@mantine/core'
import { useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from '../api'
import { useFormErrors } from '../forms'
import { LanguageSwitch } from '../layout/LanguageSwitch'

/** Username and password, then the TOTP code when the account has a second factor. */
export function SignInPage() {
  const { t } = useTranslation()
  const client = useQueryClient()
  const [step, setStep] = useState<'password' | 'code'>('password')
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [code, setCode] = useState('')
  const [pending, setPending] = useState(false)
  const { errors, formError, fail, clear } = useFormErrors()

  async function submit(e: FormEvent) {
    e.preventDefault()
    setPending(true)
    clear()
    try {
      if (step === 'password') {
        const r = await api<{ status: string }>('POST', '/session', { username, password })
        if (r.status === 'second_factor_required') {
          setStep('code')
          return
        }
      } else {
        await api('POST', '/session/second-factor', { code })
      }
      await client.invalidateQueries({ queryKey: ['session'] })
    } catch (error) {
      fail(error)
    } finally {
      setPending(false)
    }
  }

  return (
    <Center mih="100vh" bg="gray.0">
      <Paper withBorder shadow="sm" p="xl" w={380} component="form" onSubmit={submit}>
        <Stack>
          <Title order={2}>{step === 'password' ? t('signIn.title') : t('signIn.secondFactorTitle')}</Title>
          {formError && (
            <Alert color="red" role="alert">
              {formError}
            </Alert>
          )}
          {step === 'password' ? (
            <>
              <TextInput
                label={t('signIn.username')}
                name="username"
                autoComplete="username"
                value={username}
                error={errors.username}
                onChange={(e) => setUsername(e.currentTarget.value)}
                autoFocus
              />
              <PasswordInput
                label={t('signIn.password')}
                name="password"
                autoComplete="current-password"
                value={password}
                error={errors.password}
                onChange={(e) => setPassword(e.currentTarget.value)}
              />
            </>
          ) : (
            <TextInput
              label={t('signIn.code')}
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              value={code}
              error={errors.code}
              onChange={(e) => setCode(e.currentTarget.value)}
              autoFocus
            />
          )}
          <Button type="submit" loading={pending}>
            {step === 'password' ? t('signIn.submit') : t('signIn.verify')}
          </Button>
          <LanguageSwitch />
        </Stack>
      </Paper>
    </Center>
  )
}
