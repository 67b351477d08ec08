import { Alert, Button, Group, Stack, Table, Title } from '@mantine/core'
import { Link } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { formatDay } from '../dates'
import { errorMessage } from '../forms'
import { useCan } from '../session/session'
import { useListIndex } from './useLists'

/** The received lists, newest first: from whom, when, how many rows and how many flagged. */
export function ListsPage() {
  const { t, i18n } = useTranslation()
  const can = useCan()
  const index = useListIndex()
  const lists = index.data?.lists ?? []
  const names = new Map(lists.map((l) => [l.id, l.name]))
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('lists.title')}</Title>
        {can('lists.write') && (
          <Button component={Link} to="/lists/import">
            {t('lists.importList')}
          </Button>
        )}
      </Group>
      {index.error && <Alert color="red">{errorMessage(t, index.error, i18n.language)}</Alert>}
      {index.data && lists.length === 0 && <Alert>{t('lists.empty')}</Alert>}
      {lists.length > 0 && (
        <Table striped withTableBorder data-testid="lists-index">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('lists.columns.name')}</Table.Th>
              <Table.Th>{t('lists.columns.from')}</Table.Th>
              <Table.Th>{t('lists.columns.receivedOn')}</Table.Th>
              <Table.Th>{t('lists.columns.rows')}</Table.Th>
              <Table.Th>{t('lists.columns.flagged')}</Table.Th>
              <Table.Th>{t('lists.columns.replaces')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {lists.map((l) => (
              <Table.Tr key={l.id}>
                <Table.Td>
                  <Link to="/lists/$listId" params={{ listId: l.id }}>
                    {l.name}
                  </Link>
                </Table.Td>
                <Table.Td>
                  {l.counterpart ?? ''}
                  {l.fromKind ? ` (${t(`lists.kinds.${l.fromKind}`)})` : ''}
                </Table.Td>
                <Table.Td>{l.receivedOn ? formatDay(i18n.language, l.receivedOn) : ''}</Table.Td>
                <Table.Td>{l.rowCount}</Table.Td>
                <Table.Td>{l.flaggedRows}</Table.Td>
                <Table.Td>{l.replacesListId ? (names.get(l.replacesListId) ?? '') : ''}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  )
}
