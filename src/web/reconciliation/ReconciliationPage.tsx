import { Alert, Badge, Button, Group, Loader, Stack, Tabs, Text, Title } from '@mantine/core'
import { useParams } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { errorMessage } from '../forms'
import { useCan } from '../session/session'
import { BulkAccept } from './BulkAccept'
import { ReportView } from './ReportView'
import { ReviewQueue } from './ReviewQueue'
import { RunProgress } from './RunProgress'
import { useCancelRun, useRun } from './useReconciliation'

/** One reconciliation: its progress while it runs (polled), then its review queue and its report. */
export function ReconciliationPage() {
  const { runId } = useParams({ from: '/reconciliations/$runId' })
  const { t, i18n } = useTranslation()
  const can = useCan()
  const run = useRun(runId)
  const cancel = useCancelRun(runId)
  if (run.error) return <Alert color="red">{errorMessage(t, run.error, i18n.language)}</Alert>
  if (!run.data) return <Loader />
  const r = run.data
  const tracer = can('missing.record') && can('lists.read')
  const going = r.status === 'queued' || r.status === 'running'
  const s = (r.summary ?? {}) as Record<string, number>
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>
          {t('reconciliation.run.heading', { number: r.number, list: r.listName ?? '' })}
        </Title>
        <Badge variant="light">{t(`reconciliation.status.${r.status}`)}</Badge>
      </Group>
      {going && (
        <Group>
          <RunProgress run={r} />
          {tracer && (
            <Button color="red" variant="light" loading={cancel.isPending} onClick={() => cancel.mutate()}>
              {t('reconciliation.run.cancel')}
            </Button>
          )}
        </Group>
      )}
      {cancel.error && <Alert color="red">{errorMessage(t, cancel.error, i18n.language)}</Alert>}
      {r.status === 'failed' && (
        <Alert color="red">{t('reconciliation.run.failed', { error: r.error ?? '' })}</Alert>
      )}
      {r.status === 'done' && (
        <>
          <Text>{t('reconciliation.run.summary', s)}</Text>
          <Tabs defaultValue="queue" keepMounted={false}>
            <Tabs.List>
              <Tabs.Tab value="queue">{t('reconciliation.run.tabQueue')}</Tabs.Tab>
              <Tabs.Tab value="report">{t('reconciliation.run.tabReport')}</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="queue" pt="md">
              <Stack>
                <ReviewQueue runId={r.id} canDecide={tracer} against={r.against} />
                {tracer && <BulkAccept runId={r.id} />}
              </Stack>
            </Tabs.Panel>
            <Tabs.Panel value="report" pt="md">
              <ReportView runId={r.id} />
            </Tabs.Panel>
          </Tabs>
        </>
      )}
    </Stack>
  )
}
