import { Alert, Button, Group, NumberInput, Paper, Progress, Stack, Table, Text, Title } from '@mantine/core'
import type { TFunction } from 'i18next'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { formatDay } from '../dates'
import { errorMessage } from '../forms'
import { type BulkResult, useBulkAccept, useBulkJob, useSample } from './useReconciliation'

/**
 * Why the server skipped a pair (its English sentence) in the reader's language: the review's own two
 * reasons, and the register's refusal to confirm captivity after a return, a death or a finding.
 * Another reason is shown as a refusal with the server's words, as errorMessage does.
 */
function skipReason(t: TFunction, language: string, reason: string): string {
  const row = /^row (\d+) is accepted with a better pair$/.exec(reason)
  if (row) return t('reconciliation.bulk.rowTaken', { row: row[1] })
  if (reason === 'the record is accepted with a better pair') return t('reconciliation.bulk.recordTaken')
  const gone =
    /^No\. (?<no>\d+) (?<name>[^:]+): .*after the (?<event>return|death|finding) of (?<on>\d{4}-\d{2}-\d{2})/.exec(
      reason,
    )?.groups
  if (gone)
    return t('reconciliation.bulk.gone', {
      who: `${t('reconciliation.runs.number')} ${gone.no} ${gone.name}`,
      event: t(`reconciliation.bulk.events.${gone.event}`),
      on: formatDay(language, gone.on!),
    })
  return language === 'en' ? reason : t('errors.conflict', { message: reason })
}

const name = (s: { surname?: string | null; firstNames?: string | null } | null) =>
  [s?.surname, s?.firstNames].filter(Boolean).join(' ')

/**
 * Accepting a band at once, only after a look at ten of its pairs: the sample says how many the band
 * holds, and that number goes back with the acceptance, so a band that changed meanwhile is refused.
 */
export function BulkAccept({ runId }: { runId: string }) {
  const { t, i18n } = useTranslation()
  const [min, setMin] = useState(0.99)
  const sample = useSample(runId)
  const bulk = useBulkAccept(runId)
  const job = useBulkJob(runId, bulk.data?.jobId).data
  const going = job?.status === 'queued' || job?.status === 'running' || (bulk.data && !job)
  const result = job?.status === 'done' ? (job.result as BulkResult) : undefined
  const shown = sample.data
  return (
    <Paper withBorder p="md">
      <Stack>
        <Title order={4}>{t('reconciliation.bulk.title')}</Title>
        <Group align="end">
          <NumberInput
            label={t('reconciliation.bulk.min')}
            value={min}
            onChange={(v) => {
              setMin(Number(v))
              sample.reset()
              bulk.reset()
            }}
            min={0.5}
            max={1}
            step={0.01}
            decimalScale={4}
            w={160}
          />
          <Button variant="light" loading={sample.isPending} onClick={() => sample.mutate(min)}>
            {t('reconciliation.bulk.sample')}
          </Button>
        </Group>
        {sample.error && <Alert color="red">{errorMessage(t, sample.error, i18n.language)}</Alert>}
        {shown && (
          <>
            <Text>
              {t('reconciliation.bulk.count', {
                count: shown.count,
                min: shown.minProbability,
                shown: shown.pairs.length,
              })}
            </Text>
            <Table striped aria-label={t('reconciliation.bulk.sample')}>
              <Table.Tbody>
                {shown.pairs.map((p) => (
                  <Table.Tr key={p.rank}>
                    <Table.Td>{p.probability.toFixed(4)}</Table.Td>
                    <Table.Td>{name(p.ours)}</Table.Td>
                    <Table.Td>{formatDay(i18n.language, p.ours?.dateOfBirth ?? '')}</Table.Td>
                    <Table.Td>{name(p.theirs)}</Table.Td>
                    <Table.Td>{formatDay(i18n.language, p.theirs?.dateOfBirth ?? '')}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {shown.count > 0 && !bulk.data && (
              <Button
                color="green"
                loading={bulk.isPending}
                onClick={() => bulk.mutate({ minProbability: shown.minProbability, count: shown.count })}
              >
                {t('reconciliation.bulk.accept', { count: shown.count })}
              </Button>
            )}
          </>
        )}
        {bulk.error && <Alert color="red">{errorMessage(t, bulk.error, i18n.language)}</Alert>}
        {going && (
          <Stack gap={4}>
            <Text size="sm">
              {t('reconciliation.bulk.going', {
                done: job?.progress.done ?? 0,
                total: job?.progress.total ?? 0,
              })}
            </Text>
            <Progress
              aria-label={t('reconciliation.bulk.title')}
              value={job && job.progress.total > 0 ? (100 * job.progress.done) / job.progress.total : 0}
              animated
            />
          </Stack>
        )}
        {job && (job.status === 'failed' || job.status === 'cancelled') && (
          <Alert color="red">{t(`reconciliation.bulk.${job.status}`, { error: job.error ?? '' })}</Alert>
        )}
        {result && (
          <Alert color="green">
            {t('reconciliation.bulk.done', {
              accepted: result.accepted,
              skipped: result.skipped.length,
            })}
            {result.skipped.slice(0, 10).map((s) => (
              <Text key={s.rank} size="sm">
                {t('reconciliation.bulk.skippedRow', {
                  row: s.rowNo,
                  reason: skipReason(t, i18n.language, s.reason),
                })}
              </Text>
            ))}
          </Alert>
        )}
      </Stack>
    </Paper>
  )
}
