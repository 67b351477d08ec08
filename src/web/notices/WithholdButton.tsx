import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core'
import { useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { http, ok } from '../api'
import { errorMessage } from '../forms'

/**
 * GC IV Art. 137 for a civilian: after a confirmation naming what it does, the person's notices go
 * to the Central Tracing Agency only, flagged, never to the Power.
 */
export function WithholdButton({ personId, name }: { personId: string; name: string }) {
  const { t, i18n } = useTranslation()
  const client = useQueryClient()
  const [opened, setOpened] = useState(false)
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string | null>(null)
  const confirm = async () => {
    setError(null)
    try {
      await ok(
        http.PUT('/notices/persons/{id}/withhold', { params: { path: { id: personId } }, body: { reason } }),
      )
      setOpened(false)
      await client.invalidateQueries({ queryKey: ['notices'] })
    } catch (e) {
      setError(errorMessage(t, e, i18n.language))
    }
  }
  return (
    <>
      <Button
        size="compact-xs"
        variant="light"
        color="grape"
        data-testid="withhold"
        onClick={() => setOpened(true)}
      >
        {t('notices.withhold')}
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title={t('notices.withholdTitle')}>
        <Stack>
          <Text fw={500}>{name}</Text>
          <Text size="sm">{t('notices.withholdText')}</Text>
          <Textarea
            label={t('notices.withholdReason')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            autosize
            minRows={2}
          />
          {error && <Alert color="red">{error}</Alert>}
          <Group justify="end">
            <Button variant="default" onClick={() => setOpened(false)}>
              {t('notices.cancel')}
            </Button>
            <Button color="grape" data-testid="withhold-confirm" onClick={confirm}>
              {t('notices.withholdConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  )
}
