import { Alert, Button, Loader, Stack, Table, Text, Title } from '@mantine/core'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { formatDay } from '../dates'
import { errorMessage } from '../forms'
import { ListLink, RecordLink } from './links'
import { useReport } from './useReconciliation'

type Row = { rowNo: number; ref: string; name: string; dateOfBirth: string; unit: string }

/** The discrepancy report in its five classes, each row linking to the records; and its XLSX. */
export function ReportView({ runId }: { runId: string }) {
  const { t, i18n } = useTranslation()
  const report = useReport(runId, true)
  if (report.error) return <Alert color="red">{errorMessage(t, report.error, i18n.language)}</Alert>
  if (!report.data) return <Loader />
  const r = report.data
  const day = (v: string | null) => (v ? formatDay(i18n.language, v) : '')
  const listLink = (listId: string, row: Row) => <ListLink listId={listId}>{row.rowNo}</ListLink>
  const ours = (id: string, n: number, name: string) => (
    <RecordLink against={r.reconciliation.against} id={id}>
      No. {n} {name}
    </RecordLink>
  )
  const section = (key: string, total: number, head: string[], rows: ReactNode[][]) => (
    <Stack gap="xs" key={key}>
      <Title order={4}>
        {t(`reconciliation.report.${key}`)} ({t('reconciliation.report.total', { count: total })})
      </Title>
      {rows.length > 0 && (
        <Table striped aria-label={t(`reconciliation.report.${key}`)}>
          <Table.Thead>
            <Table.Tr>
              {head.map((h) => (
                <Table.Th key={h}>{t(`reconciliation.report.${h}`)}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((cells, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows of a report do not move
              <Table.Tr key={i}>
                {cells.map((c, k) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: columns are fixed
                  <Table.Td key={k}>{c}</Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  )
  const listId = r.reconciliation.listId
  return (
    <Stack>
      <Button
        component="a"
        href={`/api/v1/reconciliations/${runId}/report.xlsx?lang=${i18n.language === 'uk' ? 'uk' : 'en'}`}
        variant="light"
        w="fit-content"
      >
        {t('reconciliation.report.xlsx')}
      </Button>
      {section(
        'unknownToUs',
        r.unknownToUs.total,
        ['row', 'name', 'born', 'unit'],
        r.unknownToUs.rows.map((x) => [listLink(listId, x), x.name, day(x.dateOfBirth), x.unit]),
      )}
      {section(
        'missingOnNoList',
        r.missingOnNoList.total,
        ['record', 'born', 'unit'],
        r.missingOnNoList.rows.map((x) => [
          ours(x.recordId, x.registerNumber, x.name),
          day(x.dateOfBirth),
          x.unit ?? '',
        ]),
      )}
      {section(
        'listedButGone',
        r.listedButGone.total,
        ['row', 'name', 'record', 'status'],
        r.listedButGone.rows.map((x) => [
          listLink(listId, x.row),
          x.row.name,
          ours(x.recordId, x.registerNumber, x.name),
          x.status,
        ]),
      )}
      {section(
        'listedTwice',
        r.listedTwice.total,
        ['row', 'name', 'born', 'unit'],
        r.listedTwice.rows.flatMap((g) =>
          g.rows.map((x, i) => [
            <Text key="g" size="sm">
              {i === 0 ? `${t('reconciliation.report.group', { n: g.group })}: ` : ''}
              {x.rowNo}
            </Text>,
            x.name,
            day(x.dateOfBirth),
            x.unit,
          ]),
        ),
      )}
      {section(
        'disagreeBetweenLists',
        r.disagreeBetweenLists.total,
        ['record', 'row', 'otherList', 'fields'],
        r.disagreeBetweenLists.rows.map((x) => [
          ours(x.recordId, x.registerNumber, x.name),
          listLink(listId, x.row),
          <ListLink key="o" listId={x.other.listId}>
            {x.other.listName}, {x.other.rowNo}
          </ListLink>,
          x.fields
            .map((f) => `${t(`reconciliation.fields.${snake(f.field)}`)}: ${f.here} / ${f.there}`)
            .join('; '),
        ]),
      )}
    </Stack>
  )
}

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)
