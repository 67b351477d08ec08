import { Alert, FileInput, Image, Stack } from '@mantine/core'
import { useMutation } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { http, ok } from '../api'
import { useCan } from '../session/session'
import { missingRefusal } from './refusals'
import { useRefreshMissing } from './useMissing'

/** The stored photograph, and (for registrars) a new one uploaded as it is: the server checks it. */
export function MissingPhoto({ personId, photo }: { personId: string; photo?: string | null }) {
  const { t, i18n } = useTranslation()
  const can = useCan()
  const refresh = useRefreshMissing()
  const upload = useMutation({
    mutationFn: (file: File) =>
      ok(
        http.PUT('/missing/{id}/photo', {
          params: { path: { id: personId } },
          body: file as never,
          headers: { 'content-type': file.type || 'application/octet-stream' },
          bodySerializer: (b: unknown) => b as Blob,
        }),
      ),
    onSuccess: () => refresh(),
  })
  if (!photo && !can('missing.write')) return null
  return (
    <Stack gap="xs">
      {photo && (
        <Image
          src={`/api/v1/missing/photos/${photo}`}
          alt={t('missing.photo.alt')}
          maw={240}
          radius="sm"
          data-testid="missing-photo"
        />
      )}
      {can('missing.write') && (
        <FileInput
          size="xs"
          label={t('missing.photo.upload')}
          accept="image/jpeg,image/png,image/webp"
          onChange={(f) => f && upload.mutate(f)}
        />
      )}
      {upload.isError && (
        <Alert color="red" role="alert">
          {missingRefusal(t, upload.error, i18n.language)}
        </Alert>
      )}
    </Stack>
  )
}
