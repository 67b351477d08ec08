import { Alert, Anchor, Badge, Button, Group, Stack, Table, Text } from '@mantine/core'
import { useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError, type Schema } from '../api'
import { errorMessage } from '../forms'
import { useCan } from '../session/session'

const FORMATS = ['csv', 'json', 'xlsx'] as const

/**
 * A batch's signed exports and the files kept with it: each byte for byte with its sha256, those
 * made before the batch was marked sent being what was sent.
 */
export function BatchFiles({
  batch,
}: {
  batch: Schema<'NoticeBatch'> & { files: Schema<'NoticeBatchFile'>[] }
}) {
  const { t, i18n } = useTranslation()
  const can = useCan()
  const client = useQueryClient()
  const [error, setError] = useState<string | null>(null)
  const exportAs = async (format: (typeof FORMATS)[number]) => {
    setError(null)
    try {
      await download(`/api/v1/notices/batches/${batch.id}/export?format=${format}`)
      await client.invalidateQueries({ queryKey: ['notices', 'batch', batch.id] })
    } catch (e) {
      setError(errorMessage(t, e, i18n.language))
    }
  }
  const base = `/api/v1/notices/batches/${batch.id}/files`
  return (
    <Stack gap={4} data-testid="batch-files">
      {can('notices.write') && (
        <Group gap="xs">
          <Text size="sm">{t('notices.export')}</Text>
          {FORMATS.map((f) => (
            <Button
              key={f}
              size="xs"
              variant="default"
              data-testid={`export-${f}`}
              onClick={() => exportAs(f)}
            >
              {f.toUpperCase()}
            </Button>
          ))}
        </Group>
      )}
      {error && <Alert color="red">{error}</Alert>}
      <Text size="sm" fw={500}>
        {t('notices.files')}
      </Text>
      {batch.files.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('notices.noFiles')}
        </Text>
      ) : (
        <Table verticalSpacing={2}>
          <Table.Tbody>
            {batch.files.map((f) => (
              <Table.Tr key={f.id} data-testid="batch-file">
                <Table.Td>
                  <Anchor href={`${base}/${f.id}`} download>
                    {f.fileName}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" color={f.sent ? 'teal' : 'gray'}>
                    {f.sent
                      ? t('notices.asSent')
                      : batch.state === 'prepared'
                        ? t('notices.exported')
                        : t('notices.notSent')}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="xs" ff="monospace" title={f.sha256}>
                    sha256 {f.sha256.slice(0, 16)}…
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Anchor size="xs" href={`${base}/${f.id}/signature`} download>
                    .sig
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Text size="xs" c="dimmed">
                    {new Date(f.exportedAt).toLocaleString(i18n.language)} · {f.exportedBy}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  )
}

/** Fetches a file and hands it to the browser under the name the server gives it. */
async function download(url: string) {
  const res = await fetch(url, { credentials: 'same-origin' })
  if (!res.ok) {
    const problem = await res.json().catch(() => ({}))
    throw new ApiError(
      res.status,
      problem.code ?? 'INTERNAL',
      problem.detail ?? problem.title ?? res.statusText,
    )
  }
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'batch'
  const a = document.createElement('a')
  a.href = URL.createObjectURL(await res.blob())
  a.download = name
  a.click()
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000)
}
