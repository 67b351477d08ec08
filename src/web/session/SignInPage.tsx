import { Alert, Button, Center, Paper, PasswordInput, Stack, TextInput, Title } from '@mantine/core'
import { useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { http, ok } from '../api'
import { useFormErrors } from '../forms'
import { LanguageSwitch } from '../layout/LanguageSwitch'
import { passkeysSupported, signInWithPasskey } from './passkey'

/** Username and password, then the TOTP code or a passkey, whichever the account has. */
export function SignInPage() {
  const { t } = useTranslation()
  const client = useQueryClient()
  const [step, setStep] = useState<'password' | 'code'>('password')
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [code, setCode] = useState('')
  const [methods, setMethods] = useState<string[]>(['totp'])
  const [pending, setPending] = useState(false)
  const { errors, formError, fail, clear } = useFormErrors()

  async function submit(e: FormEvent) {
    e.preventDefault()
    setPending(true)
    clear()
    try {
      if (step === 'password') {
        const r = await ok(http.POST('/session', { body: { username, password } }))
        if (r.status === 'second_factor_required') {
          setMethods(r.methods?.length ? r.methods : ['totp'])
          setStep('code')
          return
        }
      } else {
        await ok(http.POST('/session/second-factor', { body: { code } }))
      }
      await client.invalidateQueries({ queryKey: ['session'] })
    } catch (error) {
      fail(error)
    } finally {
      setPending(false)
    }
  }

  async function passWithPasskey() {
    setPending(true)
    clear()
    try {
      await signInWithPasskey(t)
      await client.invalidateQueries({ queryKey: ['session'] })
    } catch (error) {
      fail(error)
    } finally {
      setPending(false)
    }
  }

  const totp = step === 'password' || methods.includes('totp')
  const passkey = step === 'code' && methods.includes('passkey') && passkeysSupported()
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
            totp && (
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
            )
          )}
          {step === 'code' && !totp && !passkey && <Alert color="yellow">{t('passkey.unsupported')}</Alert>}
          {totp && (
            <Button type="submit" loading={pending}>
              {step === 'password' ? t('signIn.submit') : t('signIn.verify')}
            </Button>
          )}
          {passkey && (
            <Button
              variant={totp ? 'light' : 'filled'}
              loading={pending}
              onClick={() => void passWithPasskey()}
            >
              {t('passkey.use')}
            </Button>
          )}
          <LanguageSwitch />
        </Stack>
      </Paper>
    </Center>
  )
}
