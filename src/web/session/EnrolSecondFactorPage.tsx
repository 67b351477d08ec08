import {
  Alert,
  Button,
  Center,
  Code,
  List,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from '../api'
import { useFormErrors } from '../forms'

/** Shown instead of the app when an admin requires a second factor and this account has none yet. */
export function EnrolSecondFactorPage() {
  const { t } = useTranslation()
  const client = useQueryClient()
  const [password, setPassword] = useState('')
  const [enrolmentCode, setEnrolmentCode] = useState('')
  const [code, setCode] = useState('')
  const [enrolment, setEnrolment] = useState<{ totpUri: string; backupCodes: string[] } | null>(null)
  const [pending, setPending] = useState(false)
  const { errors, formError, fail, clear } = useFormErrors()

  async function submit(e: FormEvent) {
    e.preventDefault()
    setPending(true)
    clear()
    try {
      if (!enrolment) {
        setEnrolment(
          await api('POST', '/session/second-factor/enrol', {
            password,
            ...(enrolmentCode.trim() ? { enrolmentCode } : {}),
          }),
        )
      } else {
        await api('POST', '/session/second-factor/confirm', { code })
        await client.invalidateQueries({ queryKey: ['session'] })
      }
    } catch (error) {
      fail(error)
    } finally {
      setPending(false)
    }
  }

  const secret = enrolment ? new URL(enrolment.totpUri).searchParams.get('secret') : null
  return (
    <Center mih="100vh" bg="gray.0">
      <Paper withBorder shadow="sm" p="xl" w={460} component="form" onSubmit={submit}>
        <Stack>
          <Title order={2}>{t('signIn.enrolTitle')}</Title>
          {formError && (
            <Alert color="red" role="alert">
              {formError}
            </Alert>
          )}
          {!enrolment ? (
            <>
              <Text size="sm">{t('signIn.enrolIntro')}</Text>
              <PasswordInput
                label={t('signIn.password')}
                value={password}
                error={errors.password}
                onChange={(e) => setPassword(e.currentTarget.value)}
                autoFocus
              />
              <TextInput
                label={t('account.enrolmentCode')}
                value={enrolmentCode}
                error={errors.enrolmentCode}
                onChange={(e) => setEnrolmentCode(e.currentTarget.value)}
                autoComplete="off"
              />
              <Button type="submit" loading={pending}>
                {t('signIn.start')}
              </Button>
            </>
          ) : (
            <>
              <Text size="sm">{t('signIn.enrolKey')}</Text>
              <Code block data-testid="totp-secret">
                {secret}
              </Code>
              <Text size="sm" fw={500}>
                {t('signIn.backupCodes')}
              </Text>
              <List size="sm" ff="monospace">
                {enrolment.backupCodes.map((c) => (
                  <List.Item key={c}>{c}</List.Item>
                ))}
              </List>
              <TextInput
                label={t('signIn.code')}
                inputMode="numeric"
                value={code}
                error={errors.code}
                onChange={(e) => setCode(e.currentTarget.value)}
                autoFocus
              />
              <Button type="submit" loading={pending}>
                {t('signIn.confirm')}
              </Button>
            </>
          )}
        </Stack>
      </Paper>
    </Center>
  )
}
