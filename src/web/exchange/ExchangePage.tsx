import { Alert, Badge, Button, FileButton, Group, Paper, Stack, Table, Text, Title } from '@mantine/core'
import { useParams } from '@tanstack/react-router'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { http, ok } from '../api'
import { useCan } from '../session/session'
import { ExportMenu } from './ExportMenu'
import { Handover } from './Handover'
import { ListsPanel } from './lists/ListsPanel'
import { PlanError } from './lists/PlanBlocked'
import { reasonLabel } from './reasons'
import { TermsForm } from './TermsForm'
import { type PlanView, upload, useExchange, useExchangeAction, useRefresh, useRounds } from './useExchange'

/** One exchange: its terms, pools, the planner's proposal with reasons, the rounds, the handover. */
export function ExchangePage() {
  const { exchangeId } = useParams({ from: '/exchanges/$exchangeId' })
  const { t } = useTranslation()
  const exchange = useExchange(exchangeId)
  const can = useCan()
  const e = exchange.data
  if (!e) return exchange.error ? <Alert color="red">{exchange.error.message}</Alert> : null
  const editable = can('exchanges.write') && (e.status === 'draft' || e.status === 'proposed')
  return (
    <Stack>
      <Group>
        <Title order={2}>{e.name}</Title>
        <Badge data-testid="exchange-status" variant="light">
          {t(`exchange.statuses.${e.status}`)}
        </Badge>
        {e.rounds > 0 && <ExportMenu id={e.id} handover={e.status === 'executing' || e.status === 'done'} />}
      </Group>
      <Text c="dimmed">
        {e.counterpart}
        {e.mediator ? ` · ${e.mediator}` : ''}
      </Text>
      <TermsForm exchange={e} editable={editable} />
      <Pools id={e.id} annotated={e.annotated} sought={e.sought} editable={editable} />
      <ListsPanel id={e.id} rounds={e.rounds} editable={editable} />
      {editable && <Proposal id={e.id} />}
      <Rounds id={e.id} status={e.status} writable={can('exchanges.write')} />
      {(e.status === 'executing' || e.status === 'done' || e.status === 'agreed') && (
        <Handover id={e.id} status={e.status} writable={can('exchanges.write')} />
      )}
    </Stack>
  )
}

function Pools({
  id,
  annotated,
  sought,
  editable,
}: {
  id: string
  annotated: number
  sought: number
  editable: boolean
}) {
  const { t } = useTranslation()
  const refresh = useRefresh(id)
  const [error, setError] = useState<string | null>(null)
  async function replace(run: () => Promise<unknown>) {
    setError(null)
    try {
      await run()
      await refresh()
    } catch (err) {
      setError((err as Error).message)
    }
  }
  const send = (file: File | null) => file && replace(() => upload(`/exchanges/${id}/sought`, file))
  const fromRegister = () =>
    replace(() => ok(http.POST('/exchanges/{id}/sought/from-missing', { params: { path: { id } } })))
  return (
    <Paper withBorder p="md">
      <Title order={4} mb="xs">
        {t('exchange.pools')}
      </Title>
      {error && (
        <Alert color="red" role="alert" mb="xs">
          {error}
        </Alert>
      )}
      <Group>
        <Text data-testid="pool-counts">{t('exchange.poolCounts', { annotated, sought })}</Text>
        {editable && (
          <FileButton onChange={send} accept=".csv,.xlsx">
            {(props) => (
              <Button variant="light" {...props}>
                {t('exchange.uploadSought')}
              </Button>
            )}
          </FileButton>
        )}
        {editable && (
          <Button variant="light" onClick={fromRegister} title={t('exchange.soughtFromMissingHint')}>
            {t('exchange.soughtFromMissing')}
          </Button>
        )}
      </Group>
    </Paper>
  )
}

function Proposal({ id }: { id: string }) {
  const { t } = useTranslation()
  const refresh = useRefresh(id)
  const [plan, setPlan] = useState<PlanView | null>(null)
  const [pending, setPending] = useState(false)
  const [error, setError] = useState<unknown>(null)
  async function run(save: boolean) {
    setPending(true)
    setError(null)
    try {
      setPlan(
        await ok(
          http.POST('/exchanges/{id}/plan', {
            params: { path: { id }, query: { save: save ? 'true' : 'false' } },
          }),
        ),
      )
      if (save) await refresh()
    } catch (err) {
      setError(err)
    } finally {
      setPending(false)
    }
  }
  const name = (ref: string) => {
    const p = plan?.people[ref]
    return p ? `${p.surname} ${p.firstNames}${p.dateOfBirth ? ` (${p.dateOfBirth})` : ''}` : ref
  }
  // left-out reasons counted by their words in the operator's language
  const leftOut = new Map<string, number>()
  for (const l of plan?.leftOut ?? []) {
    const words = reasonLabel(t, l.code)
    leftOut.set(words, (leftOut.get(words) ?? 0) + 1)
  }
  return (
    <Paper withBorder p="md" aria-label={t('exchange.proposal')} component="section">
      <Group mb="xs">
        <Title order={4}>{t('exchange.proposal')}</Title>
        <Button onClick={() => run(false)} loading={pending}>
          {t('exchange.plan')}
        </Button>
        {plan?.feasible && plan.round === null && (
          <Button variant="light" onClick={() => run(true)} loading={pending}>
            {t('exchange.saveProposal')}
          </Button>
        )}
        {plan?.round && <Text role="status">{t('exchange.savedRound', { n: plan.round })}</Text>}
      </Group>
      <PlanError error={error} />
      {plan && !plan.feasible && (
        <Alert color="orange" role="alert" title={t('exchange.conflicts')}>
          {plan.conflictCodes.map((c) => (
            <div key={reasonLabel(t, c)}>{reasonLabel(t, c)}</div>
          ))}
        </Alert>
      )}
      {plan?.feasible && (
        <Stack gap="xs">
          <Text data-testid="plan-summary">
            {t('exchange.planSummary', { give: plan.give.length, receive: plan.receive.length })}
            {plan.proven ? ` · ${t('exchange.proven')}` : ''}
          </Text>
          <Group align="start" grow>
            {(['give', 'receive'] as const).map((side) => (
              <Table key={side} striped data-testid={`plan-${side}`}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t(`exchange.${side}List`)}</Table.Th>
                    <Table.Th>{t('exchange.reasons')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {plan[side].map((p) => (
                    <Table.Tr key={p.id}>
                      <Table.Td>{name(p.id)}</Table.Td>
                      <Table.Td>{p.codes.map((r) => reasonLabel(t, r)).join('; ')}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            ))}
          </Group>
          <Title order={5}>{t('exchange.leftOut')}</Title>
          {[...leftOut].map(([reason, n]) => (
            <Text key={reason} size="sm">
              {n} · {reason}
            </Text>
          ))}
        </Stack>
      )}
    </Paper>
  )
}

function Rounds({ id, status, writable }: { id: string; status: string; writable: boolean }) {
  const { t } = useTranslation()
  const rounds = useRounds(id)
  const { act, error } = useExchangeAction(id)
  const list = rounds.data?.rounds ?? []
  if (list.length === 0) return null
  return (
    <Paper withBorder p="md" component="section" aria-label={t('exchange.rounds')}>
      <Group mb="xs">
        <Title order={4}>{t('exchange.rounds')}</Title>
        {writable && status === 'proposed' && (
          <FileButton
            onChange={(f) => f && act(() => upload(`/exchanges/${id}/counter`, f))}
            accept=".csv,.xlsx"
          >
            {(props) => (
              <Button variant="light" {...props}>
                {t('exchange.uploadCounter')}
              </Button>
            )}
          </FileButton>
        )}
        {writable && status === 'agreed' && (
          <Button
            onClick={() => act(() => ok(http.POST('/exchanges/{id}/handover', { params: { path: { id } } })))}
          >
            {t('exchange.startHandover')}
          </Button>
        )}
      </Group>
      {error && (
        <Alert color="red" role="alert" mb="xs">
          {error}
        </Alert>
      )}
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('exchange.round')}</Table.Th>
            <Table.Th>{t('exchange.giveList')}</Table.Th>
            <Table.Th>{t('exchange.receiveList')}</Table.Th>
            <Table.Th>{t('exchange.difference')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.map((r) => (
            <Table.Tr key={r.n}>
              <Table.Td>
                {r.n} · {t(`exchange.kinds.${r.kind}`)}
              </Table.Td>
              <Table.Td>{r.give.length}</Table.Td>
              <Table.Td>{r.receive.length}</Table.Td>
              <Table.Td>
                {r.difference
                  ? (['give', 'receive'] as const)
                      .map((s) =>
                        t('exchange.diff', {
                          side: t(`exchange.${s}`),
                          added: r.difference![s].added.length,
                          removed: r.difference![s].removed.length,
                          substituted: r.difference![s].substituted.length,
                        }),
                      )
                      .join(' · ')
                  : '—'}
                {r.detail.unmatched?.length
                  ? ` · ${t('exchange.unmatched', { n: r.detail.unmatched.length })}`
                  : ''}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  )
}
