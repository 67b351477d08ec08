import { Alert, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import { Link, useParams } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { formatDay } from '../dates'
import { errorMessage } from '../forms'
import { ListRows } from './ListRows'
import { LIST_FIELDS, type ListField, type ListShownRow, useFlaggedRows, useListPage } from './useLists'

const asRow = (r: ListShownRow) => ({
  key: `${r.rowNo}`,
  line: r.line,
  written: r.written as Record<string, string>,
  flags: r.flags,
})

/** The fields a list's mapping imported, in the list's field order. */
function fieldsOf(mapping: (ListField | null)[] | null | undefined): ListField[] {
  const mapped = new Set((mapping ?? []).filter((f): f is ListField => !!f))
  return mapped.size > 0
    ? LIST_FIELDS.filter((f) => mapped.has(f))
    : ['id', 'surname', 'givenName', 'dateOfBirth']
}

/** A received list: where it came from, its counts, its flagged rows, and what changed from the version it replaces. */
export function ListPage() {
  const { listId } = useParams({ from: '/lists/$listId' })
  const { t, i18n } = useTranslation()
  const page = useListPage(listId)
  const flagged = useFlaggedRows(listId)
  if (page.error) return <Alert color="red">{errorMessage(t, page.error, i18n.language)}</Alert>
  if (!page.data) return null
  const { list, provenance: p, counts, replaces, replacedBy, difference: d } = page.data
  const day = (v: string | null) => (v ? formatDay(i18n.language, v) : '…')
  const fields = fieldsOf(p.mapping)
  const rows = flagged.data?.pages.flatMap((x) => x.rows) ?? []
  return (
    <Stack>
      <Title order={2}>{list.name}</Title>
      <Paper withBorder p="md" data-testid="list-provenance">
        <Title order={4} mb="xs">
          {t('lists.page.provenance')}
        </Title>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xs">
          <Text>
            {t('lists.page.from')}: {list.counterpart ?? ''}
            {p.fromKind ? ` (${t(`lists.kinds.${p.fromKind}`)})` : ''}
          </Text>
          {p.via && (
            <Text>
              {t('lists.page.via')}: {p.via}
            </Text>
          )}
          <Text>
            {t('lists.page.receivedOn')}: {day(p.receivedOn)}
          </Text>
          {(p.periodFrom || p.periodTo) && (
            <Text>
              {t('lists.page.period')}: {day(p.periodFrom)} – {day(p.periodTo)}
            </Text>
          )}
          <Text>
            {t('lists.page.file')}: {list.fileName}
          </Text>
          <Text data-testid="list-counts">
            {t('lists.page.counts', { rows: counts.rows, flagged: counts.flaggedRows })}
          </Text>
          {p.note && (
            <Text>
              {t('lists.page.note')}: {p.note}
            </Text>
          )}
          {replaces && (
            <Text>
              {t('lists.page.replaces')}:{' '}
              <Link to="/lists/$listId" params={{ listId: replaces.id }}>
                {replaces.name}
              </Link>
            </Text>
          )}
          {replacedBy.map((l) => (
            <Text key={l.id}>
              {t('lists.page.replacedBy')}:{' '}
              <Link to="/lists/$listId" params={{ listId: l.id }}>
                {l.name}
              </Link>
            </Text>
          ))}
        </SimpleGrid>
      </Paper>
      {d && (
        <Paper withBorder p="md" data-testid="list-difference">
          <Title order={4}>{t('lists.page.difference')}</Title>
          <Text mb="xs">{t('lists.page.differenceCounts', d.counts)}</Text>
          {d.added.length > 0 && (
            <>
              <Title order={5}>{t('lists.page.added')}</Title>
              <ListRows rows={d.added.map(asRow)} fields={fields} />
            </>
          )}
          {d.removed.length > 0 && (
            <>
              <Title order={5}>{t('lists.page.removed')}</Title>
              <ListRows rows={d.removed.map(asRow)} fields={fields} />
            </>
          )}
          {d.changed.length > 0 && (
            <>
              <Title order={5}>{t('lists.page.changed')}</Title>
              <Stack gap={4}>
                {d.changed.map((c) => (
                  <Text key={`${c.before.rowNo}:${c.after.rowNo}`} size="sm">
                    {c.fields
                      .map(
                        (f) =>
                          `${t(`lists.fields.${f}`)}: ${c.before.written[f] ?? ''} → ${c.after.written[f] ?? ''}`,
                      )
                      .join('; ')}
                  </Text>
                ))}
              </Stack>
            </>
          )}
        </Paper>
      )}
      <Paper withBorder p="md">
        <Title order={4} mb="xs">
          {t('lists.page.flaggedRows')}
        </Title>
        <ListRows rows={rows.map(asRow)} fields={fields} testId="list-flagged" />
        {flagged.hasNextPage && (
          <Group mt="xs">
            <Button
              variant="light"
              onClick={() => void flagged.fetchNextPage()}
              loading={flagged.isFetchingNextPage}
            >
              {t('lists.page.more')}
            </Button>
          </Group>
        )}
      </Paper>
    </Stack>
  )
}
