import { Group, Progress, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { Run } from './useReconciliation'

/** A running reconciliation's stage and how far it got, as its row says (the page polls it). */
export function RunProgress({ run }: { run: Run }) {
  const { t } = useTranslation()
  const { stage, done, total } = run.progress
  const share = total > 0 ? Math.round((done / total) * 100) : 0
  return (
    <Group gap="xs" wrap="nowrap" miw={260} role="status" aria-live="polite">
      <Text size="sm">
        {run.status === 'queued'
          ? t('reconciliation.status.queued')
          : t(`reconciliation.stage.${stage ?? 'reading'}`)}
      </Text>
      <Progress value={share} w={120} animated aria-label={t(`reconciliation.stage.${stage ?? 'reading'}`)} />
      <Text size="xs" c="dimmed">
        {total > 0 ? `${done}/${total}` : ''}
      </Text>
    </Group>
  )
}
