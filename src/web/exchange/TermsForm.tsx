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
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Terms } from '../../exchange/model'
import { PRIORITY_CATEGORIES } from '../../exchange/model'
import { TermsInput } from '../../exchange/schema'
import { http, ok } from '../api'
import { useFormErrors } from '../forms'
import { bodyOf, movePriority, type QuotaRow, stateOf, type TermsState } from './terms-state'
import { type Exchange, useRefresh } from './useExchange'

/**
 * Every term the API knows: balance (equal, ratio, value table), size, quotas, exclusions,
 * proceedings, priorities in their order, the youngest age, stages. The form starts from the saved
 * terms and sends them all back, so saving never drops one (terms-state.test.ts).
 */
export function TermsForm({ exchange, editable }: { exchange: Exchange; editable: boolean }) {
  const { t } = useTranslation()
  const refresh = useRefresh(exchange.id)
  const [s, setS] = // the API types a quota's group as a string; the server only stores the groups Terms names
    useState<TermsState>(() => stateOf(exchange.terms as Terms))
  const [stages, setStages] = useState(exchange.stages.join(', '))
  const [saved, setSaved] = useState(false)
  const { errors, formError, check, fail } = useFormErrors()
  const set = (patch: Partial<TermsState>) => setS((old) => ({ ...old, ...patch }))
  const setQuota = (k: number, patch: Partial<QuotaRow>) =>
    set({ quotas: s.quotas.map((x, i) => (i === k ? { ...x, ...patch } : x)) })

  async function submit(e: FormEvent) {
    e.preventDefault()
    setSaved(false)
    const body = bodyOf(s)
    const terms = check(TermsInput, body)
    if (!terms) return
    const stageSizes = stages
      .split(/[,\s]+/)
      .filter(Boolean)
      .map(Number)
    try {
      await ok(
        http.PUT('/exchanges/{id}/terms', {
          params: { path: { id: exchange.id } },
          body: { terms, stages: stageSizes },
        }),
      )
      setSaved(true)
      await refresh()
    } catch (error) {
      fail(error)
    }
  }

  const groups = [...PRIORITY_CATEGORIES, 'category:civilian_internee', 'category:prisoner_of_war'].map(
    (g) => ({ value: g, label: t(`exchange.groups.${g.replace(':', '_')}`) }),
  )
  const off = !editable
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
              { value: 'value', label: t('exchangeTerms.value') },
            ]}
            value={s.balance}
            onChange={(v) => set({ balance: (v ?? 'equal') as TermsState['balance'] })}
            disabled={off}
          />
          {s.balance === 'ratio' && (
            <>
              <NumberInput
                label={t('exchange.ratioGive')}
                value={s.ratio.give}
                min={1}
                onChange={(v) => set({ ratio: { ...s.ratio, give: Number(v) } })}
                error={errors['balance.give']}
                disabled={off}
              />
              <NumberInput
                label={t('exchange.ratioReceive')}
                value={s.ratio.receive}
                min={1}
                onChange={(v) => set({ ratio: { ...s.ratio, receive: Number(v) } })}
                error={errors['balance.receive']}
                disabled={off}
              />
            </>
          )}
          <NumberInput
            label={t('exchange.maxSize')}
            value={s.maxSize}
            onChange={(v) => set({ maxSize: v })}
            error={errors.maxSize}
            disabled={off}
          />
          <TextInput
            label={t('exchange.stages')}
            value={stages}
            onChange={(e) => setStages(e.currentTarget.value)}
            placeholder="390, 307, 303"
            disabled={off}
          />
          <NumberInput
            label={t('exchangeTerms.youngUpTo')}
            value={s.youngUpTo}
            min={18}
            max={60}
            placeholder="25"
            onChange={(v) => set({ youngUpTo: v })}
            error={errors.youngUpTo}
            disabled={off}
          />
        </Group>
        {s.balance === 'value' && (
          <Stack gap={4} aria-label={t('exchangeTerms.value')} component="fieldset">
            <Text fw={500}>{t('exchangeTerms.value')}</Text>
            {s.values.map((v, k) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: table rows have no identity but their place
              <Group key={k} align="start">
                <TextInput
                  label={t('exchangeTerms.valueKey')}
                  value={v.key}
                  onChange={(e) => {
                    const key = e.currentTarget.value
                    set({ values: s.values.map((x, i) => (i === k ? { ...x, key } : x)) })
                  }}
                  disabled={off}
                />
                <NumberInput
                  label={t('exchangeTerms.valueWeight')}
                  value={v.value}
                  min={0}
                  onChange={(value) =>
                    set({ values: s.values.map((x, i) => (i === k ? { ...x, value } : x)) })
                  }
                  disabled={off}
                />
                {editable && (
                  <ActionIcon
                    mt={28}
                    variant="subtle"
                    aria-label={t('exchangeTerms.removeValue')}
                    onClick={() => set({ values: s.values.filter((_, i) => i !== k) })}
                  >
                    ×
                  </ActionIcon>
                )}
              </Group>
            ))}
            <Group align="end">
              <NumberInput
                label={t('exchangeTerms.valueDefault')}
                value={s.valueDefault}
                min={0}
                onChange={(v) => set({ valueDefault: v })}
                disabled={off}
              />
              <NumberInput
                label={t('exchangeTerms.tolerance')}
                value={s.tolerance}
                min={0}
                onChange={(v) => set({ tolerance: v })}
                disabled={off}
              />
              {editable && (
                <Button variant="light" onClick={() => set({ values: [...s.values, { key: '', value: 1 }] })}>
                  {t('exchangeTerms.addValue')}
                </Button>
              )}
            </Group>
          </Stack>
        )}
        <Checkbox
          label={t('exchange.allowProceedings')}
          checked={s.allowProceedings}
          onChange={(e) => set({ allowProceedings: e.currentTarget.checked })}
          disabled={off}
        />
        <Text fw={500}>{t('exchangeTerms.priorities')}</Text>
        <Stack gap={4} aria-label={t('exchangeTerms.priorities')}>
          {s.priorities.map((p, i) => (
            <Group key={p.category} gap="xs">
              <Checkbox
                label={`${i + 1}. ${t(`exchange.groups.${p.category}`)}`}
                checked={p.on}
                onChange={(e) => {
                  const on = e.currentTarget.checked
                  set({ priorities: s.priorities.map((x, j) => (j === i ? { ...x, on } : x)) })
                }}
                disabled={off}
              />
              {editable && (
                <>
                  <ActionIcon
                    variant="subtle"
                    aria-label={t('exchangeTerms.moveUp', { name: t(`exchange.groups.${p.category}`) })}
                    onClick={() => set({ priorities: movePriority(s.priorities, i, -1) })}
                    disabled={i === 0}
                  >
                    ↑
                  </ActionIcon>
                  <ActionIcon
                    variant="subtle"
                    aria-label={t('exchangeTerms.moveDown', { name: t(`exchange.groups.${p.category}`) })}
                    onClick={() => set({ priorities: movePriority(s.priorities, i, 1) })}
                    disabled={i === s.priorities.length - 1}
                  >
                    ↓
                  </ActionIcon>
                </>
              )}
            </Group>
          ))}
        </Stack>
        <Textarea
          label={t('exchangeTerms.exclusions')}
          description={t('exchangeTerms.exclusionsHelp')}
          value={s.exclusions}
          onChange={(e) => set({ exclusions: e.currentTarget.value })}
          autosize
          minRows={1}
          maxRows={6}
          error={errors.exclusions}
          disabled={off}
        />
        {s.quotas.map((q, k) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: quota rows have no identity but their place
          <Group key={k} align="start">
            <Select
              label={t('exchange.side')}
              data={[
                { value: 'give', label: t('exchange.give') },
                { value: 'receive', label: t('exchange.receive') },
              ]}
              value={q.side}
              onChange={(v) => setQuota(k, { side: (v ?? 'give') as QuotaRow['side'] })}
              disabled={off}
            />
            <Select
              label={t('exchange.group')}
              data={groups}
              value={q.group}
              onChange={(v) => setQuota(k, { group: v ?? 'woman' })}
              error={errors[`quotas.${k}.group`]}
              disabled={off}
            />
            <NumberInput
              label={t('exchange.min')}
              value={q.min}
              onChange={(v) => setQuota(k, { min: v })}
              error={errors[`quotas.${k}.min`]}
              disabled={off}
            />
            <NumberInput
              label={t('exchange.max')}
              value={q.max}
              onChange={(v) => setQuota(k, { max: v })}
              error={errors[`quotas.${k}.max`]}
              disabled={off}
            />
            {editable && (
              <ActionIcon
                mt={28}
                variant="subtle"
                aria-label={t('exchange.removeQuota')}
                onClick={() => set({ quotas: s.quotas.filter((_, i) => i !== k) })}
              >
                ×
              </ActionIcon>
            )}
          </Group>
        ))}
        {editable && (
          <Group>
            <Button
              variant="light"
              onClick={() =>
                set({
                  quotas: [
                    ...s.quotas,
                    { side: 'receive', group: 'seriously_wounded_or_sick', min: '', max: '' },
                  ],
                })
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
