import { Alert, Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { http, ok } from '../api'
import { errorMessage } from '../forms'

const today = () => new Date().toISOString().slice(0, 10)

/**
 * Records a backlog as already sent before Parley: a register imported with months of history owes
 * every notice at once, all overdue, though the bureau sent them long ago. The liaison chooses them
 * (events before a day and/or an import), sees how many, and marks them in one action.
 */
export function BacklogButton() {
  const { t, i18n } = useTranslation()
  const client = useQueryClient()
  const [opened, setOpened] = useState(false)
  const [before, setBefore] = useState('')
  const [importId, setImportId] = useState<string | null>(null)
  const [on, setOn] = useState(today())
  const [reference, setReference] = useState('')
  const [counted, setCounted] = useState<number | null>(null)
  const [done, setDone] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const imports = useQuery({
    queryKey: ['notices', 'imports'],
    queryFn: () => ok(http.GET('/notices/imports')),
    enabled: opened,
  })
  const body = (dryRun: boolean) => ({
    before: before || undefined,
    importId: importId ?? undefined,
    on: on || undefined,
    reference: reference || undefined,
    recipient: 'agency' as const,
    dryRun,
  })
  const send = async (dryRun: boolean) => {
    setError(null)
    setBusy(true)
    try {
      const r = await ok(http.POST('/notices/backlog', { body: body(dryRun) }))
      if (dryRun) setCounted(r.count)
      else {
        setDone(t('notices.backlogDone', { count: r.count, number: r.batchNumber }))
        setCounted(null)
        await client.invalidateQueries({ queryKey: ['notices'] })
      }
    } catch (e) {
      setError(errorMessage(t, e, i18n.language))
    } finally {
      setBusy(false)
    }
  }
  // the count no longer holds once the choice changes
  const choose =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v)
      setCounted(null)
      setDone(null)
    }
  return (
    <>
      <Button variant="default" data-testid="backlog-open" onClick={() => setOpened(true)}>
        {t('notices.backlog')}
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title={t('notices.backlogTitle')} size="lg">
        <Stack>
          <Text size="sm">{t('notices.backlogText')}</Text>
          <TextInput
            label={t('notices.backlogBefore')}
            type="date"
            value={before}
            onChange={(e) => choose(setBefore)(e.currentTarget.value)}
          />
          <Select
            label={t('notices.backlogImport')}
            clearable
            data-testid="backlog-import"
            data={(imports.data?.items ?? []).map((i) => ({
              value: i.id,
              label: `${i.fileName} · ${i.importedAt.slice(0, 10)} · ${i.created}`,
            }))}
            value={importId}
            onChange={choose(setImportId)}
          />
          <Group grow>
            <TextInput
              label={t('notices.sentOn')}
              type="date"
              value={on}
              onChange={(e) => setOn(e.currentTarget.value)}
            />
            <TextInput
              label={t('notices.reference')}
              value={reference}
              onChange={(e) => setReference(e.currentTarget.value)}
            />
          </Group>
          {counted !== null && (
            <Alert color={counted > 0 ? 'blue' : 'gray'} data-testid="backlog-count">
              {t('notices.backlogCount', { count: counted })}
            </Alert>
          )}
          {done && (
            <Alert color="green" data-testid="backlog-done">
              {done}
            </Alert>
          )}
          {error && (
            <Alert color="red" data-testid="backlog-error">
              {error}
            </Alert>
          )}
          <Group justify="end">
            <Button variant="default" onClick={() => setOpened(false)}>
              {t('notices.close')}
            </Button>
            <Button
              variant="light"
              loading={busy}
              data-testid="backlog-count-button"
              onClick={() => send(true)}
            >
              {t('notices.backlogPreview')}
            </Button>
            <Button
              loading={busy}
              disabled={!counted}
              data-testid="backlog-confirm"
              onClick={() => send(false)}
            >
              {t('notices.backlogConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  )
}
