import { Code, Loader, Table, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { usePersonAudit } from './usePerson'

/** Who read or changed this record, and what changed: the same entries the hash chain protects. */
export function AuditTrail({ personId }: { personId: string }) {
  const { t } = useTranslation()
  const audit = usePersonAudit(personId)
  if (audit.isPending) return <Loader size="sm" />
  if (audit.isError) return <Text c="red">{audit.error.message}</Text>
  return (
    <Table striped data-testid="person-audit">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>#</Table.Th>
          <Table.Th>{t('audit.at')}</Table.Th>
          <Table.Th>{t('audit.actor')}</Table.Th>
          <Table.Th>{t('audit.action')}</Table.Th>
          <Table.Th>{t('audit.change')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {audit.data.map((e) => (
          <Table.Tr key={e.seq}>
            <Table.Td>{e.seq}</Table.Td>
            <Table.Td>{new Date(e.at).toLocaleString()}</Table.Td>
            <Table.Td>{e.actorName}</Table.Td>
            <Table.Td>{e.action}</Table.Td>
            <Table.Td>
              <ChangeSummary before={e.before} after={e.after} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  )
}

/** The fields that differ between before and after, or the whole after for a creation. */
export function ChangeSummary({ before, after }: { before: unknown; after: unknown }) {
  if (after === null || after === undefined) return null
  if (typeof after !== 'object' || typeof before !== 'object' || before === null)
    return <Code>{short(JSON.stringify(after))}</Code>
  const a = after as Record<string, unknown>
  const b = before as Record<string, unknown>
  const changed = Object.keys(a).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]))
  return (
    <Code>
      {short(
        changed.map((k) => `${k}: ${JSON.stringify(b[k] ?? null)} → ${JSON.stringify(a[k])}`).join('; '),
      )}
    </Code>
  )
}

function short(s: string) {
  return s.length > 160 ? `${s.slice(0, 157)}…` : s
}
