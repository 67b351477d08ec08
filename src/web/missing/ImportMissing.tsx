import { Alert, Button, FileInput, Group, List, Paper, Text, TextInput, Title } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../api'
import { errorMessage, fieldLabel, translateProblem } from '../forms'
import { useRefreshMissing } from './useMissing'

type Report = { rows: number; created: number; unchanged: number; source: string }

const TYPES: Record<string, string> = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
}

/** Imports an existing register (CSV or XLSX): all rows or none, each bad row named with its column. */
export function ImportMissing() {
  const { t, i18n } = useTranslation()
  const refresh = useRefreshMissing()
  const [file, setFile] = useState<File | null>(null)
  const [source, setSource] = useState('')
  const [busy, setBusy] = useState(false)
  const [done, setDone] = useState<Report | null>(null)
  const [error, setError] = useState<unknown>(null)

  async function send() {
    if (!file) return
    setBusy(true)
    setDone(null)
    setError(null)
    try {
      const ext = file.name.split('.').pop()?.toLowerCase() ?? ''
      const q = new URLSearchParams({
        file_name: file.name,
        ...(source.trim() ? { source: source.trim() } : {}),
      })
      const res = await fetch(`/api/v1/missing/import?${q}`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': TYPES[ext] ?? 'application/octet-stream' },
        body: file,
      })
      const data = await res.json().catch(() => null)
      if (!res.ok)
        throw new ApiError(
          res.status,
          data?.code ?? 'INTERNAL',
          data?.detail ?? String(res.status),
          data?.issues ?? [],
        )
      setDone(data as Report)
      await refresh()
    } catch (e) {
      setError(e)
    } finally {
      setBusy(false)
    }
  }

  const issues = error instanceof ApiError ? error.issues : []
  return (
    <Paper withBorder p="md" aria-label={t('missing.import.title')} component="section">
      <Title order={4} mb="xs">
        {t('missing.import.title')}
      </Title>
      <Group align="end">
        <FileInput
          w={320}
          label={t('missing.import.file')}
          accept=".csv,.xlsx"
          value={file}
          onChange={setFile}
          clearable
        />
        <TextInput
          w={260}
          label={t('missing.import.source')}
          value={source}
          onChange={(e) => setSource(e.currentTarget.value)}
        />
        <Button onClick={() => void send()} loading={busy} disabled={!file}>
          {t('missing.import.submit')}
        </Button>
      </Group>
      {done && (
        <Alert color="green" mt="sm" data-testid="missing-import-result">
          {t('missing.import.done', { rows: done.rows, created: done.created, unchanged: done.unchanged })}
        </Alert>
      )}
      {error !== null && (
        <Alert color="red" role="alert" mt="sm" data-testid="missing-import-error">
          {issues.length > 0 ? (
            <>
              <Text size="sm">{t('missing.import.refused', { count: issues.length })}</Text>
              <List size="sm">
                {issues.slice(0, 20).map((i) => (
                  <List.Item key={`${i.path}:${i.message}`}>
                    {fieldLabel(t, i.path)}: {translateProblem(t, i.message)}
                  </List.Item>
                ))}
              </List>
            </>
          ) : (
            errorMessage(t, error, i18n.language)
          )}
        </Alert>
      )}
    </Paper>
  )
}
