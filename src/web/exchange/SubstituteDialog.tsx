import { Alert, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { errorLabel } from './reasons'
import { type Candidate, findSubstitutes, personName, type SheetRow } from './useHandoverSheet'

/**
 * Who crosses instead of a person on the list: found by name in any alphabet or service number
 * among those not listed. Whether they may go is the server's check when the choice is recorded.
 */
export function SubstituteDialog({
  exchangeId,
  row,
  onClose,
  onChoose,
}: {
  exchangeId: string
  row: SheetRow
  onClose: () => void
  onChoose: (c: Candidate) => void
}) {
  const { t } = useTranslation()
  const [query, setQuery] = useState('')
  const [found, setFound] = useState<Candidate[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    const q = query.trim()
    if (q.length < 2) return setFound(null)
    let current = true
    // waits for a pause in typing: one request per word typed, not per letter
    const timer = setTimeout(() => {
      findSubstitutes(exchangeId, row.side, q)
        .then((r) => {
          if (!current) return
          setFound(r.candidates)
          setError(null)
        })
        .catch((err) => current && setError(errorLabel(err)))
    }, 250)
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [query, exchangeId, row.side])
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('exchangeHandover.substituteFor', { name: personName(row.person, row.ref) })}
      size="lg"
    >
      <Stack>
        <TextInput
          label={t('exchangeHandover.substituteSearch')}
          value={query}
          onChange={(e) => setQuery(e.currentTarget.value)}
          size="md"
          data-autofocus
        />
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        {found?.length === 0 && <Text c="dimmed">{t('exchangeHandover.noneFound')}</Text>}
        {found?.map((c) => (
          <Group key={c.ref} justify="space-between" wrap="nowrap" aria-label={personName(c, c.ref)}>
            <div style={{ minWidth: 0 }}>
              <Text fw={600} truncate>
                {personName(c, c.ref)}
              </Text>
              <Text size="sm" c="dimmed">
                {[c.serviceNumber, c.dateOfBirth].filter(Boolean).join(' · ')}
              </Text>
            </div>
            <Button size="md" onClick={() => onChoose(c)}>
              {t('exchangeHandover.choose')}
            </Button>
          </Group>
        ))}
      </Stack>
    </Modal>
  )
}
