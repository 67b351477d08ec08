import { Badge, Group, Loader, Popover, Stack, Text, TextInput, UnstyledButton } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { useQuery } from '@tanstack/react-query'
import { useNavigate } from '@tanstack/react-router'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { http, ok } from '../api'
import { errorMessage } from '../forms'

/** The header's search box: any alphabet, results as one types, Enter opens the first. */
export function PersonSearch() {
  const { t, i18n } = useTranslation()
  const navigate = useNavigate()
  const [text, setText] = useState('')
  const [open, setOpen] = useState(false)
  const [q] = useDebouncedValue(text.trim(), 200)
  const results = useQuery({
    queryKey: ['search', q],
    queryFn: () => ok(http.GET('/search', { params: { query: { q, limit: 10 } } })),
    enabled: q.length >= 2,
    staleTime: 10_000,
  })
  const hits = results.data?.hits ?? []

  function openPerson(id: string) {
    setOpen(false)
    setText('')
    void navigate({ to: '/persons/$personId', params: { personId: id } })
  }

  return (
    <Popover
      opened={open && q.length >= 2}
      onChange={setOpen}
      width={520}
      position="bottom-start"
      shadow="md"
    >
      <Popover.Target>
        <TextInput
          aria-label={t('search.label')}
          placeholder={t('search.placeholder')}
          value={text}
          w={{ base: 200, xl: 320 }}
          size="xs"
          onChange={(e) => {
            setText(e.currentTarget.value)
            setOpen(true)
          }}
          onFocus={() => setOpen(true)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && hits[0]) openPerson(hits[0].id)
            if (e.key === 'Escape') setOpen(false)
          }}
          rightSection={results.isFetching ? <Loader size={14} /> : null}
        />
      </Popover.Target>
      <Popover.Dropdown p={4}>
        {results.isSuccess && hits.length === 0 && (
          <Text size="sm" c="dimmed" p="xs">
            {t('search.none')}
          </Text>
        )}
        {results.isError && (
          <Text size="sm" c="red" p="xs">
            {errorMessage(t, results.error, i18n.language)}
          </Text>
        )}
        <Stack gap={0} role="listbox" aria-label={t('search.results')}>
          {hits.map((h) => (
            <UnstyledButton
              key={h.id}
              role="option"
              aria-selected={false}
              onClick={() => openPerson(h.id)}
              p="xs"
              style={{ borderRadius: 4 }}
              // absent for a reader who sees pseudonymised rows (the analyst): the types say so
              title={h.reasons?.join('\n')}
            >
              <Group justify="space-between" wrap="nowrap">
                <Stack gap={0}>
                  <Text size="sm" fw={500}>
                    {[h.surname, h.firstNames, h.patronymic].filter(Boolean).join(' ')}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {[h.latin, h.dateOfBirth, t(`status.${h.status}`)].filter(Boolean).join(' · ')}
                  </Text>
                </Stack>
                <Badge variant="light" color={h.score >= 0.9 ? 'green' : h.score >= 0.75 ? 'yellow' : 'gray'}>
                  {Math.round(h.score * 100)}%
                </Badge>
              </Group>
            </UnstyledButton>
          ))}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  )
}
