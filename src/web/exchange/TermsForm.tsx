import {
  ActionIcon,
  Alert,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  Select,
  Stack,
  TextInput,
  Title,
} from '@mantine/core'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { PRIORITY_CATEGORIES, type Quota } from '../../exchange/model'
import { TermsInput } from '../../exchange/schema'
import { api } from '../api'
import { useFormErrors } from '../forms'
import { type Exchange, useRefresh } from './useExchange'

type QuotaRow = { side: 'give' | 'receive'; group: string; min: number | string; max: number | string }

/** The agreed terms: balance, size, quotas, proceedings, stages. Checked as the server checks them. */
export function TermsForm({ exchange, editable }: { exchange: Exchange; editable: boolean }) {
  const { t } = useTranslation()
  const refresh = useRefresh(exchange.id)
  const terms = exchange.terms
  const [balance, setBalance] = useState<string>(terms.balance.kind === 'ratio' ? 'ratio' : 'equal')
  const [ratio, setRatio] = useState(
    terms.balance.kind === 'ratio'
      ? { give: terms.balance.give, receive: terms.balance.receive }
      : { give: 1, receive: 1 },
  )
  const [maxSize, setMaxSize] = useState<number | string>(terms.maxSize ?? '')
  const [allowProceedings, setAllowProceedings] = useState(terms.allowProceedings)
  const [stages, setStages] = useState(exchange.stages.join(', '))
  const [quotas, setQuotas] = useState<QuotaRow[]>(
    terms.quotas.map((q) => ({ side: q.side, group: q.group, min: q.min ?? '', max: q.max ?? '' })),
  )
  const [saved, setSaved] = useState(false)
  const { errors, formError, check, fail } = useFormErrors()

  async function submit(e: FormEvent) {
    e.preventDefault()
    setSaved(false)
    const body = {
      balance: balance === 'ratio' ? { kind: 'ratio', ...ratio } : { kind: 'equal' },
      ...(maxSize !== '' ? { maxSize: Number(maxSize) } : {}),
      allowProceedings,
      quotas: quotas.map((q) => ({
        side: q.side,
        group: q.group,
        ...(q.min !== '' ? { min: Number(q.min) } : {}),
        ...(q.max !== '' ? { max: Number(q.max) } : {}),
      })) as Quota[],
      priorities: terms.priorities,
    }
    if (!check(TermsInput, body)) return
    const stageSizes = stages
      .split(/[,\s]+/)
      .filter(Boolean)
      .map(Number)
    try {
      await api('PUT', `/exchanges/${exchange.id}/terms`, { terms: body, stages: stageSizes })
      setSaved(true)
      await refresh()
    } catch (error) {
      fail(error)
    }
  }

  const groups = [...PRIORITY_CATEGORIES, 'category:civilian_internee', 'category:prisoner_of_war'].map(
    (g) => ({
      value: g,
      label: t(`exchange.groups.${g.replace(':', '_')}`),
    }),
  )
  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} noValidate aria-label={t('exchange.terms')}>
      <Title order={4} mb="xs">
        {t('exchange.terms')}
      </Title>
      {formError && (
        <Alert color="red" role="alert" mb="xs">
          {formError}
        </Alert>
      )}
      <Stack gap="xs">
        <Group align="start">
          <Select
            label={t('exchange.balance')}
            data={[
              { value: 'equal', label: t('exchange.equal') },
              { value: 'ratio', label: t('exchange.ratio') },
            ]}
            value={balance}
            onChange={(v) => setBalance(v ?? 'equal')}
            disabled={!editable}
          />
          {balance === 'ratio' && (
            <>
              <NumberInput
                label={t('exchange.ratioGive')}
                value={ratio.give}
                min={1}
                onChange={(v) => setRatio({ ...ratio, give: Number(v) })}
                error={errors['balance.give']}
              />
              <NumberInput
                label={t('exchange.ratioReceive')}
                value={ratio.receive}
                min={1}
                onChange={(v) => setRatio({ ...ratio, receive: Number(v) })}
                error={errors['balance.receive']}
              />
            </>
          )}
          <NumberInput
            label={t('exchange.maxSize')}
            value={maxSize}
            onChange={setMaxSize}
            error={errors.maxSize}
            disabled={!editable}
          />
          <TextInput
            label={t('exchange.stages')}
            value={stages}
            onChange={(e) => setStages(e.currentTarget.value)}
            placeholder="390, 307, 303"
            disabled={!editable}
          />
        </Group>
        <Checkbox
          label={t('exchange.allowProceedings')}
          checked={allowProceedings}
          onChange={(e) => setAllowProceedings(e.currentTarget.checked)}
          disabled={!editable}
        />
        {quotas.map((q, k) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: quota rows have no identity but their place
          <Group key={k} align="start">
            <Select
              label={t('exchange.side')}
              data={[
                { value: 'give', label: t('exchange.give') },
                { value: 'receive', label: t('exchange.receive') },
              ]}
              value={q.side}
              onChange={(v) =>
                setQuotas(
                  quotas.map((x, i) => (i === k ? { ...x, side: (v ?? 'give') as QuotaRow['side'] } : x)),
                )
              }
            />
            <Select
              label={t('exchange.group')}
              data={groups}
              value={q.group}
              onChange={(v) => setQuotas(quotas.map((x, i) => (i === k ? { ...x, group: v ?? 'woman' } : x)))}
              error={errors[`quotas.${k}.group`]}
            />
            <NumberInput
              label={t('exchange.min')}
              value={q.min}
              onChange={(v) => setQuotas(quotas.map((x, i) => (i === k ? { ...x, min: v } : x)))}
              error={errors[`quotas.${k}.min`]}
            />
            <NumberInput
              label={t('exchange.max')}
              value={q.max}
              onChange={(v) => setQuotas(quotas.map((x, i) => (i === k ? { ...x, max: v } : x)))}
              error={errors[`quotas.${k}.max`]}
            />
            <ActionIcon
              mt={28}
              variant="subtle"
              aria-label={t('exchange.removeQuota')}
              onClick={() => setQuotas(quotas.filter((_, i) => i !== k))}
            >
              ×
            </ActionIcon>
          </Group>
        ))}
        {editable && (
          <Group>
            <Button
              variant="light"
              onClick={() =>
                setQuotas([
                  ...quotas,
                  { side: 'receive', group: 'seriously_wounded_or_sick', min: '', max: '' },
                ])
              }
            >
              {t('exchange.addQuota')}
            </Button>
            <Button type="submit">{t('exchange.saveTerms')}</Button>
            {saved && <span role="status">{t('exchange.saved')}</span>}
          </Group>
        )}
      </Stack>
    </Paper>
  )
}
