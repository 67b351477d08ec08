import { Alert, Button, Group, List, Paper, Text, Textarea, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import type { TFunction } from 'i18next'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { http, ok, type Schema } from '../../api'
import { useExchangeAction } from '../useExchange'
import './agreement-strings'

type Breach = Schema<'AgreementBreach'>

/** A breach in the operator's language: sides and groups translated, persons by name. */
export function breachLabel(t: TFunction, b: Breach): string {
  const params: Record<string, string | number> = { ...b.params }
  if (params.side === 'give' || params.side === 'receive')
    params.side = t(`exchangeAgreement.sides.${params.side}`)
  if (typeof params.group === 'string')
    params.group = t(`exchange.groups.${params.group.replace(':', '_')}`, { defaultValue: params.group })
  return t(`exchangeAgreement.codes.${b.code}`, { ...params, defaultValue: b.code })
}

/**
 * The last round's lists checked against the terms before anyone agrees: every breach shown (the
 * balance, quotas, named requests left out, refusers listed...); agreeing despite them needs a
 * reason, which the server stores and audits with the breaches.
 */
export function Agreement({ id }: { id: string }) {
  const { t } = useTranslation()
  const [reason, setReason] = useState('')
  const { act, error } = useExchangeAction(id)
  const q = useQuery({
    queryKey: ['exchange', id, 'agreement'],
    queryFn: () => ok(http.GET('/exchanges/{id}/agreement', { params: { path: { id } } })),
  })
  if (!q.data || q.data.round === null) return null
  const { breaches } = q.data
  const agree = () =>
    act(() =>
      ok(
        http.POST('/exchanges/{id}/agreement', {
          params: { path: { id } },
          body: breaches.length ? { reason: reason.trim() } : {},
        }),
      ),
    )
  return (
    <Paper withBorder p="md" component="section" aria-label={t('exchangeAgreement.title')}>
      <Title order={4} mb="xs">
        {t('exchangeAgreement.title')}
      </Title>
      <Text mb="xs" data-testid="agreement-lists">
        {t('exchangeAgreement.lists', q.data)}
      </Text>
      {breaches.length === 0 ? (
        <Text c="green.8">{t('exchangeAgreement.clean')}</Text>
      ) : (
        <Alert color="orange" title={t('exchangeAgreement.breaches')} data-testid="agreement-breaches">
          <List size="sm">
            {breaches.map((b) => (
              <List.Item key={`${b.code}:${JSON.stringify(b.params)}`} data-code={b.code}>
                {breachLabel(t, b)}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
      {error && (
        <Alert color="red" role="alert" mt="xs">
          {error}
        </Alert>
      )}
      {breaches.length > 0 && (
        <Textarea
          mt="xs"
          label={t('exchangeAgreement.reason')}
          description={t('exchangeAgreement.reasonHint')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          maxLength={2000}
          autosize
          minRows={2}
        />
      )}
      <Group mt="xs">
        <Button onClick={agree} disabled={breaches.length > 0 && !reason.trim()}>
          {breaches.length ? t('exchangeAgreement.agreeAnyway') : t('exchange.agree')}
        </Button>
      </Group>
    </Paper>
  )
}
