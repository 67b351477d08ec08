import {
  Alert,
  Anchor,
  Badge,
  Button,
  Grid,
  Group,
  Loader,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { Link, useNavigate, useSearch } from '@tanstack/react-router'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { CAPTIVITY, MISSING_STATUSES } from '../../missing/state'
import { formatDay } from '../dates'
import { ExportMenu } from '../exports/ExportMenu'
import { missingExportFilters } from '../exports/filters'
import { errorMessage } from '../forms'
import { useCan } from '../session/session'
import { ImportMissing } from './ImportMissing'
import { missingName, statusWords } from './labels'
import { missingSearch } from './search'
import { type MissingFilters, useMissingList } from './useMissing'

const NO_FILTERS: MissingFilters = {
  q: '',
  status: '',
  captivity: '',
  unit: '',
  region: '',
  from: '',
  to: '',
  source: '',
}

/** The missing-persons register: our people reported missing, filtered on the server, newest first. */
export function MissingRegisterPage() {
  const { t, i18n } = useTranslation()
  const can = useCan()
  // the filters live in the URL, so a link (the dashboard's, a colleague's) opens the same page
  const filters = { ...NO_FILTERS, ...useSearch({ from: '/missing' }) }
  const navigate = useNavigate({ from: '/missing' })
  const [draft, setDraft] = useState(filters)
  const list = useMissingList(filters)
  const items = list.data?.pages.flatMap((p) => p.items) ?? []
  const text = (key: keyof MissingFilters, placeholder?: string) => ({
    label: t(`missing.filters.${key}`),
    value: draft[key],
    placeholder,
    onChange: (e: React.ChangeEvent<HTMLInputElement>) =>
      setDraft({ ...draft, [key]: e.currentTarget.value }),
  })
  const choice = (key: 'status' | 'captivity', values: readonly string[], group: string) => ({
    label: t(`missing.filters.${key}`),
    data: values.map((v) => ({ value: v, label: t(`missing.${group}.${v}`) })),
    value: draft[key] || null,
    placeholder: t('missing.any'),
    clearable: true,
    onChange: (v: string | null) => setDraft({ ...draft, [key]: v ?? '' }),
  })
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('missing.title')}</Title>
        <Group>
          <ExportMenu list="missing" filters={missingExportFilters(filters)} />
          {can('missing.record') && (
            <Button variant="default" component={Link} to="/missing/reviews">
              {t('missing.reviews.nav')}
            </Button>
          )}
          {can('missing.write') && (
            <Button component={Link} to="/missing/new">
              {t('missing.navReport')}
            </Button>
          )}
        </Group>
      </Group>
      <form
        aria-label={t('missing.title')}
        onSubmit={(e) => {
          e.preventDefault()
          void navigate({ search: missingSearch(draft) })
        }}
      >
        <Grid gap="xs" align="end">
          <Grid.Col span={3}>
            <TextInput {...text('q')} />
          </Grid.Col>
          <Grid.Col span={3}>
            <Select {...choice('status', MISSING_STATUSES, 'statuses')} />
          </Grid.Col>
          <Grid.Col span={3}>
            <Select {...choice('captivity', CAPTIVITY, 'captivity')} />
          </Grid.Col>
          <Grid.Col span={3}>
            <TextInput {...text('unit')} />
          </Grid.Col>
          <Grid.Col span={3}>
            <TextInput {...text('region')} />
          </Grid.Col>
          <Grid.Col span={2}>
            <TextInput {...text('from', 'YYYY-MM-DD')} />
          </Grid.Col>
          <Grid.Col span={2}>
            <TextInput {...text('to', 'YYYY-MM-DD')} />
          </Grid.Col>
          <Grid.Col span={3}>
            <TextInput {...text('source')} />
          </Grid.Col>
          <Grid.Col span={2}>
            <Button type="submit">{t('missing.search')}</Button>
          </Grid.Col>
        </Grid>
      </form>
      {can('missing.write') && <ImportMissing />}
      {list.isError && (
        <Alert color="red" role="alert">
          {errorMessage(t, list.error, i18n.language)}
        </Alert>
      )}
      {list.isPending ? (
        <Loader size="sm" />
      ) : (
        <>
          <Text size="sm" c="dimmed" data-testid="missing-count">
            {t('missing.count', { count: items.length })}
          </Text>
          {items.length === 0 ? (
            <Text>{t('missing.empty')}</Text>
          ) : (
            <Table striped data-testid="missing-table">
              <Table.Thead>
                <Table.Tr>
                  {(['number', 'name', 'born', 'unit', 'region', 'lastSeen', 'status'] as const).map((c) => (
                    <Table.Th key={c}>{t(`missing.columns.${c}`)}</Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Td>{p.registerNumber}</Table.Td>
                    <Table.Td>
                      <Anchor
                        renderRoot={(props) => (
                          <Link to="/missing/$missingId" params={{ missingId: p.id }} {...props} />
                        )}
                      >
                        {missingName(p)}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{p.dateOfBirth ? formatDay(i18n.language, p.dateOfBirth) : ''}</Table.Td>
                    <Table.Td>{p.unit}</Table.Td>
                    <Table.Td>{p.region}</Table.Td>
                    <Table.Td>{p.lastSeen?.on ? formatDay(i18n.language, p.lastSeen.on) : ''}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={p.status === 'missing' ? 'orange' : 'gray'}>
                        {statusWords(t, p)}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {list.hasNextPage && (
            <Button
              variant="default"
              onClick={() => void list.fetchNextPage()}
              loading={list.isFetchingNextPage}
            >
              {t('missing.more')}
            </Button>
          )}
        </>
      )}
    </Stack>
  )
}
