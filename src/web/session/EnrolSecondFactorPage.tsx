import {
  Alert,
  Button,
  Center,
  Code,
  Group,
  Image,
  List,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { useQueryClient } from '@tanstack/react-query'
import QRCode from 'qrcode'
import { type FormEvent, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { http, ok } from '../api'
import { useFormErrors } from '../forms'
import { LanguageSwitch } from '../layout/LanguageSwitch'
import { passkeysSupported, registerPasskey } from './passkey'
import { ENROLMENT_CODE_KEY, useSignOut } from './session'

/** The otpauth:// address as an SVG data URL an authenticator app can scan. */
function useQrCode(text: string | null): string | null {
  const [url, setUrl] = useState<string | null>(null)
  useEffect(() => {
    if (!text) return setUrl(null)
    let live = true
    void QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }).then((svg) => {
      if (live) setUrl(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`)
    })
    return () => {
      live = false
    }
  }, [text])
  return url
}

/** Shown instead of the app when an admin requires a second factor and this account has none yet. */
export function EnrolSecondFactorPage() {
  const { t } = useTranslation()
  const client = useQueryClient()
  const signOut = useSignOut()
  const [password, setPassword] = useState('')
  // an admin who just required a second factor of everyone was handed their own code with it
  const [enrolmentCode, setEnrolmentCode] = useState(
    () => client.getQueryData<string>(ENROLMENT_CODE_KEY) ?? '',
  )
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
          await ok(
            http.POST('/session/second-factor/enrol', {
              body: { password, ...(enrolmentCode.trim() ? { enrolmentCode } : {}) },
            }),
          ),
        )
      } else {
        await ok(http.POST('/session/second-factor/confirm', { body: { code } }))
        await client.invalidateQueries({ queryKey: ['session'] })
      }
    } catch (error) {
      fail(error)
    } finally {
      setPending(false)
    }
  }

  /** A passkey instead of an authenticator app: the same password and enrolment code. */
  async function enrolPasskey() {
    setPending(true)
    clear()
    try {
      await registerPasskey(t, { password, enrolmentCode, name: t('passkey.defaultName') })
      await client.invalidateQueries({ queryKey: ['session'] })
    } catch (error) {
      fail(error)
    } finally {
      setPending(false)
    }
  }

  const secret = enrolment ? new URL(enrolment.totpUri).searchParams.get('secret') : null
  const qr = useQrCode(enrolment?.totpUri ?? null)
  return (
    <Center mih="100vh" bg="gray.0">
      <Paper withBorder shadow="sm" p="xl" w={460} component="form" onSubmit={submit}>
        <Stack>
          <Group justify="space-between">
            <Title order={2}>{t('signIn.enrolTitle')}</Title>
            <LanguageSwitch />
          </Group>
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
                description={t('signIn.enrolmentCodeHint')}
                value={enrolmentCode}
                error={errors.enrolmentCode}
                onChange={(e) => setEnrolmentCode(e.currentTarget.value)}
                autoComplete="off"
              />
              <Button type="submit" loading={pending}>
                {t('signIn.start')}
              </Button>
              {passkeysSupported() && (
                <>
                  <Text size="sm" c="dimmed">
                    {t('passkey.enrolHint')}
                  </Text>
                  <Button variant="light" loading={pending} onClick={() => void enrolPasskey()}>
                    {t('passkey.enrol')}
                  </Button>
                </>
              )}
            </>
          ) : (
            <>
              <Text size="sm">{t('signIn.enrolScan')}</Text>
              {qr && (
                <Image src={qr} alt={t('signIn.qrAlt')} w={200} h={200} mx="auto" data-testid="totp-qr" />
              )}
              <Text size="sm">{t('signIn.enrolKey')}</Text>
              <Code block data-testid="totp-secret">
                {secret}
              </Code>
              <Text size="sm" fw={500}>
                {t('signIn.backupCodes')}
              </Text>
              <Text size="xs" c="dimmed">
                {t('signIn.backupCodesHint')}
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
              <Button variant="subtle" onClick={() => setEnrolment(null)}>
                {t('signIn.startAgain')}
              </Button>
            </>
          )}
          <Button variant="subtle" color="gray" onClick={() => void signOut()}>
            {t('nav.signOut')}
          </Button>
        </Stack>
      </Paper>
    </Center>
  )
}
