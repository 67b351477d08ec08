import { Alert, Button, Checkbox, Paper, Select, Stack, TextInput, Title } from '@mantine/core'
import type { UseFormReturnType } from '@mantine/form'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { inputProps } from '../forms'

/**
 * What the missing-person report and the family enquiry both ask of whoever calls or writes: the
 * form's frame, the caller's language and their consent. One component, so the two intake forms
 * keep asking for consent the same way (the consent decides what a reply may tell; issue 15).
 * `ns` is the locale section whose `fields`, `languages` words label the inputs.
 */
type Values = Record<string, string | boolean>
type Form = UseFormReturnType<Values>

const today = () => new Date().toISOString().slice(0, 10)

/** Drops the fields left blank, so they are sent as absent. */
export const filled = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== ''))

/** The consent's and language's inputs as a new form starts: nothing consented, given today. */
export const consentDefaults = () => ({
  language: 'uk',
  consentUse: false,
  shareIcrc: false,
  shareOtherSide: false,
  sharePublic: false,
  consentOn: today(),
})

/** The API's consent from the form's flat values. */
export const consentBody = (v: Values) =>
  filled({
    use: v.consentUse,
    shareIcrc: v.shareIcrc,
    shareOtherSide: v.shareOtherSide,
    sharePublic: v.sharePublic,
    givenOn: v.consentOn,
  })

/** The frame of an intake form: its title, the refusal banner, the sections and the submit button. */
export function IntakeForm(p: {
  title: string
  banner: string | null
  submitting: boolean
  submitLabel: string
  onSubmit: (e?: React.FormEvent<HTMLFormElement>) => void
  children: ReactNode
}) {
  return (
    <Stack>
      <Title order={2}>{p.title}</Title>
      <Paper withBorder p="md" component="form" onSubmit={p.onSubmit} noValidate aria-label={p.title}>
        {p.banner && (
          <Alert color="red" role="alert" mb="xs">
            {p.banner}
          </Alert>
        )}
        {p.children}
        <Button type="submit" loading={p.submitting}>
          {p.submitLabel}
        </Button>
      </Paper>
    </Stack>
  )
}

/** The language the caller wants the answer in. */
export function LanguageSelect({ form, ns }: { form: Form; ns: 'missing' | 'enquiries' }) {
  const { t } = useTranslation()
  return (
    <Select
      label={t(`${ns}.fields.language`)}
      data={['uk', 'en', 'ru'].map((l) => ({ value: l, label: t(`${ns}.languages.${l}`) }))}
      value={form.values.language as string}
      onChange={(v) => form.setFieldValue('language', v ?? 'uk')}
      allowDeselect={false}
    />
  )
}

/** The consent section: to use the data, with whom it may be shared, and when it was given. */
export function ConsentFields({
  form,
  ns,
  title,
}: {
  form: Form
  ns: 'missing' | 'enquiries'
  title: string
}) {
  const { t } = useTranslation()
  return (
    <>
      <Title order={4}>{title}</Title>
      <Stack gap="xs" mb="md">
        {(['consentUse', 'shareIcrc', 'shareOtherSide', 'sharePublic'] as const).map((key) => (
          <Checkbox
            key={key}
            label={t(`${ns}.fields.${key}`)}
            {...form.getInputProps(key, { type: 'checkbox' })}
          />
        ))}
        <TextInput
          w={240}
          label={t(`${ns}.fields.consentOn`)}
          {...inputProps(form, 'consentOn', 'consent.givenOn')}
        />
      </Stack>
    </>
  )
}
