import {
  Alert,
  Button,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core'
import { useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { ASSESSMENTS, REPORTED_QUESTIONS, ReportFigure } from '../../reported/model'
import { http, ok } from '../api'
import { inputProps, useSchemaForm, withoutBlanks } from '../forms'

const EMPTY = {
  question: 'held_by_us',
  claimed: '',
  low: '' as number | string,
  high: '' as number | string,
  source: '',
  channel: '',
  link: '',
  document: '',
  claimedOn: '',
  aboutDate: '',
  assessment: 'unverified',
  note: '',
}

/** Records what a source claimed, with where and when it was said and the analyst's assessment. */
export function ReportedForm(props: { onDone?: () => void }) {
  const { t } = useTranslation()
  const client = useQueryClient()
  const { form, banner, submit } = useSchemaForm({
    initialValues: EMPTY,
    schema: ReportFigure,
    body: (v) => {
      const { low, high, ...rest } = v
      return {
        ...withoutBlanks(rest),
        low: typeof low === 'number' ? low : null,
        high: typeof high === 'number' ? high : null,
      }
    },
  })
  const f = (k: string) => t(`dashboard.reported.fields.${k}`)
  const options = (group: string, values: readonly string[]) =>
    values.map((value) => ({ value, label: t(`dashboard.reported.${group}.${value}`) }))
  return (
    <form
      aria-label={t('dashboard.reported.add')}
      onSubmit={submit(async (body) => {
        await ok(http.POST('/reported-figures', { body }))
        await client.invalidateQueries({ queryKey: ['reported-figures'] })
        await client.invalidateQueries({ queryKey: ['dashboard'] })
        props.onDone?.()
      })}
    >
      <Stack gap="xs">
        {banner && <Alert color="red">{banner}</Alert>}
        <SimpleGrid cols={{ base: 1, md: 3 }}>
          <Select
            label={f('question')}
            data={options('questions', REPORTED_QUESTIONS)}
            {...inputProps(form, 'question')}
            allowDeselect={false}
          />
          <TextInput label={f('claimed')} required {...inputProps(form, 'claimed')} />
          <Select
            label={f('assessment')}
            data={options('assessments', ASSESSMENTS)}
            {...inputProps(form, 'assessment')}
            allowDeselect={false}
          />
          <NumberInput label={f('low')} min={0} thousandSeparator=" " {...inputProps(form, 'low')} />
          <NumberInput label={f('high')} min={0} thousandSeparator=" " {...inputProps(form, 'high')} />
          <TextInput label={f('source')} required {...inputProps(form, 'source')} />
          <TextInput label={f('channel')} {...inputProps(form, 'channel')} />
          <TextInput label={f('link')} {...inputProps(form, 'link')} />
          <TextInput label={f('document')} {...inputProps(form, 'document')} />
          <TextInput
            label={f('claimedOn')}
            placeholder="YYYY-MM-DD"
            required
            {...inputProps(form, 'claimedOn')}
          />
          <TextInput label={f('aboutDate')} placeholder="YYYY-MM-DD" {...inputProps(form, 'aboutDate')} />
        </SimpleGrid>
        <Textarea label={f('note')} autosize minRows={2} {...inputProps(form, 'note')} />
        <Group>
          <Button type="submit">{t('dashboard.reported.save')}</Button>
        </Group>
      </Stack>
    </form>
  )
}
