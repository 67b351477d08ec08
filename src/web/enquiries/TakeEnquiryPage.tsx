import { Grid, Select, Text, Textarea, TextInput, Title } from '@mantine/core'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useNavigate, useSearch } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { TakeEnquiry } from '../../enquiries/model'
import { http, ok } from '../api'
import { inputProps, useSchemaForm } from '../forms'
import { missingName } from '../missing/labels'
import {
  ConsentFields,
  consentBody,
  consentDefaults,
  filled,
  IntakeForm,
  LanguageSelect,
} from '../missing/ReportForm'

const today = () => new Date().toISOString().slice(0, 10)

const PERSON = ['surname', 'firstNames', 'patronymic', 'dateOfBirth', 'serviceNumber', 'unit'] as const
const ENQUIRER = { enquirerName: 'name', relation: 'relation', contact: 'contact' } as const
const CHANNELS = ['phone', 'letter', 'in_person', 'email'] as const

const EMPTY = {
  ...Object.fromEntries(PERSON.map((k) => [k, ''])),
  ...Object.fromEntries(Object.keys(ENQUIRER).map((k) => [k, ''])),
  channel: 'phone',
  ...consentDefaults(),
  receivedOn: today(),
  note: '',
} as Record<string, string | boolean>

/** The API's enquiry from the form's flat values: a record of the register, or the person as told. */
function enquiryBody(v: Record<string, string | boolean>, missingId: string | undefined) {
  return filled({
    channel: v.channel,
    receivedOn: v.receivedOn,
    note: v.note,
    enquirer: filled({
      name: v.enquirerName,
      relation: v.relation,
      contact: v.contact,
      language: v.language,
    }),
    consent: consentBody(v),
    ...(missingId
      ? { missingPersonId: missingId }
      : { person: filled(Object.fromEntries(PERSON.map((k) => [k, v[k]]))) }),
  })
}

/** An operator takes a family's enquiry: by which channel, who asks, about whom, with what consent. */
export function TakeEnquiryPage() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const client = useQueryClient()
  const { missingId } = useSearch({ from: '/enquiries/new' })
  const record = useQuery({
    queryKey: ['missing', 'record', missingId],
    enabled: !!missingId,
    queryFn: () => ok(http.GET('/missing/{id}', { params: { path: { id: missingId! } } })),
  })
  const { form, banner, submit } = useSchemaForm({
    initialValues: EMPTY,
    schema: TakeEnquiry,
    body: (v) => enquiryBody(v, missingId),
  })
  const onSubmit = submit(async (body) => {
    const e = await ok(http.POST('/enquiries', { body }))
    await client.invalidateQueries({ queryKey: ['enquiries'] })
    await client.invalidateQueries({ queryKey: ['missing'] })
    await navigate({ to: '/enquiries/$enquiryId', params: { enquiryId: e.id } })
  })
  const field = (key: string, errorKey = key) => (
    <TextInput label={t(`enquiries.fields.${key}`)} {...inputProps(form, key, errorKey)} />
  )
  const choose = (key: string, values: readonly string[], words: string) => (
    <Select
      label={t(`enquiries.fields.${key}`)}
      data={values.map((v) => ({ value: v, label: t(`enquiries.${words}.${v}`) }))}
      value={form.values[key] as string}
      onChange={(v) => form.setFieldValue(key, v ?? values[0]!)}
      error={form.errors[key]}
      allowDeselect={false}
    />
  )
  return (
    <IntakeForm
      title={t('enquiries.form.title')}
      banner={banner}
      submitting={form.submitting}
      submitLabel={t('enquiries.form.submit')}
      onSubmit={onSubmit}
    >
      <Grid gap="xs" mb="md">
        <Grid.Col span={4}>{choose('channel', CHANNELS, 'channels')}</Grid.Col>
        <Grid.Col span={4}>{field('receivedOn')}</Grid.Col>
      </Grid>
      <Title order={4}>{t('enquiries.form.person')}</Title>
      {missingId ? (
        <Text mb="md" data-testid="enquiry-about">
          {t('enquiries.form.aboutRecord', {
            name: record.data ? missingName(record.data.person) : '…',
          })}
        </Text>
      ) : (
        <>
          <Text size="sm" c="dimmed">
            {t('enquiries.form.aboutNew')}
          </Text>
          <Grid gap="xs" mb="md">
            {PERSON.map((k) => (
              <Grid.Col span={4} key={k}>
                {field(k, `person.${k}`)}
              </Grid.Col>
            ))}
          </Grid>
        </>
      )}
      <Title order={4}>{t('enquiries.form.enquirer')}</Title>
      <Grid gap="xs" mb="md">
        {Object.entries(ENQUIRER).map(([k, path]) => (
          <Grid.Col span={4} key={k}>
            {field(k, `enquirer.${path}`)}
          </Grid.Col>
        ))}
        <Grid.Col span={4}>
          <LanguageSelect form={form} ns="enquiries" />
        </Grid.Col>
        <Grid.Col span={8}>
          <Textarea label={t('enquiries.fields.note')} autosize minRows={1} {...inputProps(form, 'note')} />
        </Grid.Col>
      </Grid>
      <ConsentFields form={form} ns="enquiries" title={t('enquiries.form.consent')} />
    </IntakeForm>
  )
}
