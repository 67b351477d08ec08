import { Badge, Stack, Table, Text } from '@mantine/core'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import type { ListField, ListRowFlag } from './useLists'

/** A flag in words: the field, and what is doubtful about its value as written. */
export function flagText(t: TFunction, f: ListRowFlag): string {
  const looksLike = f.params?.looksLike ? t(`lists.looksLike.${f.params.looksLike}`) : ''
  return `${t(`lists.fields.${f.field}`)}: ${t(`lists.flags.${f.code}`, { written: f.written, line: f.params?.line ?? '', looksLike })}`
}

type Row = {
  key: string
  line: number | null
  written: Record<string, string>
  flags: ListRowFlag[]
}

/** Rows of a list as written, the doubtful cells marked, and each row's flags in words. */
export function ListRows({ rows, fields, testId }: { rows: Row[]; fields: ListField[]; testId?: string }) {
  const { t } = useTranslation()
  return (
    <Table.ScrollContainer minWidth={600}>
      <Table striped withTableBorder data-testid={testId}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('lists.wizard.line')}</Table.Th>
            {fields.map((f) => (
              <Table.Th key={f}>{t(`lists.fields.${f}`)}</Table.Th>
            ))}
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => {
            const doubtful = new Set(r.flags.map((f) => f.field))
            return (
              <Table.Tr key={r.key}>
                <Table.Td>{r.line ?? ''}</Table.Td>
                {fields.map((f) => (
                  <Table.Td key={f} c={doubtful.has(f) ? 'red' : undefined}>
                    {r.written[f] ?? ''}
                  </Table.Td>
                ))}
                <Table.Td>
                  <Stack gap={2}>
                    {r.flags.map((f) => (
                      <Badge key={`${f.field}:${f.code}`} color="orange" variant="light" tt="none">
                        {flagText(t, f)}
                      </Badge>
                    ))}
                  </Stack>
                </Table.Td>
              </Table.Tr>
            )
          })}
        </Table.Tbody>
      </Table>
      {rows.length === 0 && <Text c="dimmed">{t('lists.wizard.noFlags')}</Text>}
    </Table.ScrollContainer>
  )
}
