import { Grid, Select, TextInput, Title } from '@mantine/core'
import { useNavigate } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { CreateMissing } from '../../missing/model'
import { http, ok } from '../api'
import { inputProps, useSchemaForm } from '../forms'
import { ConsentFields, consentBody, consentDefaults, filled, IntakeForm, LanguageSelect } from './ReportForm'
import { useRefreshMissing } from './useMissing'

const PERSON = [
  'surname',
  'firstNames',
  'patronymic',
  'rank',
  'serviceNumber',
  'dateOfBirth',
  'placeOfBirth',
  'unit',
  'region',
  'distinguishingMarks',
  'photoRef',
] as const
const LAST_SEEN = {
  lastSeenOn: 'on',
  lastSeenPlace: 'place',
  circumstances: 'circumstances',
  witness: 'witness',
} as const
const REPORTER = { reporterName: 'name', relation: 'relation', contact: 'contact' } as const

const EMPTY = {
  ...Object.fromEntries(PERSON.map((k) => [k, ''])),
  ...Object.fromEntries(Object.keys(LAST_SEEN).map((k) => [k, ''])),
  ...Object.fromEntries(Object.keys(REPORTER).map((k) => [k, ''])),
  sex: '',
  ...consentDefaults(),
  source: '',
} as Record<string, string | boolean>

/** The API's first report from the form's flat values; blank fields are left out. */
function reportBody(v: Record<string, string | boolean>) {
  const pick = (map: Record<string, string>) =>
    filled(Object.fromEntries(Object.entries(map).map(([from, to]) => [to, v[from]])))
  return filled({
    ...Object.fromEntries(PERSON.map((k) => [k, v[k]])),
    sex: v.sex,
    lastSeen: pick(LAST_SEEN),
    reporter: { ...pick(REPORTER), language: v.language },
    consent: consentBody(v),
    source: v.source,
  })
}

/** A family member or a unit reports one of ours missing: the person, the last sighting, who reports, their consent. */
export function ReportMissingPage() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const refresh = useRefreshMissing()
  const { form, banner, submit } = useSchemaForm({
    initialValues: EMPTY,
    schema: CreateMissing,
    body: reportBody,
  })
  const onSubmit = submit(async (body) => {
    const person = await ok(http.POST('/missing', { body }))
    await refresh()
    await navigate({ to: '/missing/$missingId', params: { missingId: person.id } })
  })
  const field = (key: string, errorKey = key) => (
    <TextInput label={t(`missing.fields.${key}`)} {...inputProps(form, key, errorKey)} />
  )
  return (
    <IntakeForm
      title={t('missing.report.title')}
      banner={banner}
      submitting={form.submitting}
      submitLabel={t('missing.report.submit')}
      onSubmit={onSubmit}
    >
      <Title order={4}>{t('missing.report.person')}</Title>
      <Grid gap="xs" mb="md">
        {PERSON.map((k) => (
          <Grid.Col span={4} key={k}>
            {field(k)}
          </Grid.Col>
        ))}
        <Grid.Col span={4}>
          <Select
            label={t('missing.fields.sex')}
            data={['male', 'female'].map((s) => ({ value: s, label: t(`missing.sexes.${s}`) }))}
            {...inputProps(form, 'sex')}
            value={(form.values.sex as string) || null}
            onChange={(v) => form.setFieldValue('sex', v ?? '')}
            clearable
          />
        </Grid.Col>
      </Grid>
      <Title order={4}>{t('missing.report.lastSeen')}</Title>
      <Grid gap="xs" mb="md">
        {Object.entries(LAST_SEEN).map(([k, path]) => (
          <Grid.Col span={k === 'circumstances' ? 12 : 4} key={k}>
            {field(k, `lastSeen.${path}`)}
          </Grid.Col>
        ))}
      </Grid>
      <Title order={4}>{t('missing.report.reporter')}</Title>
      <Grid gap="xs" mb="md">
        {Object.entries(REPORTER).map(([k, path]) => (
          <Grid.Col span={4} key={k}>
            {field(k, `reporter.${path}`)}
          </Grid.Col>
        ))}
        <Grid.Col span={4}>
          <LanguageSelect form={form} ns="missing" />
        </Grid.Col>
        <Grid.Col span={4}>{field('source')}</Grid.Col>
      </Grid>
      <ConsentFields form={form} ns="missing" title={t('missing.report.consent')} />
    </IntakeForm>
  )
}
