import { Stack, Table, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { formatMoment } from '../dates'
import { actionWords, type ChangeLine, changeLines, type Reading } from './describe'

/** One entry of the hash-chained trail, as `/audit` and `/persons/{id}/audit` give it. */
export type AuditEntry = {
  seq: number
  at: string
  actorName: string
  action: string
  entityType: string
  entityId: string | null
  before: unknown
  after: unknown
}

/** An audit answer as the API gives it: the entries and the names of what they point at. */
export type AuditAnswer = { items: AuditEntry[]; names: Record<string, string> }

/**
 * Audit entries as a reader takes them in: the time in their language, the action in words, each
 * change as "field: before → after" with names for ids. Fixed columns that wrap: no sideways scroll.
 */
export function AuditTable(props: {
  entries: AuditEntry[]
  names: Record<string, string>
  /** the person the trail is about, for the forms Ukrainian gives a woman */
  sex?: string | null
  /** shows what each entry is about (the whole trail); a person's own trail leaves it out */
  withSubject?: boolean
  testId?: string
}) {
  const { t, i18n } = useTranslation()
  const reading: Reading = { t, language: i18n.language, names: props.names, sex: props.sex }
  const wrap = { overflowWrap: 'anywhere' } as const
  return (
    <Table striped layout="fixed" data-testid={props.testId} style={wrap}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={56}>#</Table.Th>
          <Table.Th w={150}>{t('audit.at')}</Table.Th>
          <Table.Th w={150}>{t('audit.actor')}</Table.Th>
          <Table.Th w={props.withSubject ? 170 : 200}>{t('audit.action')}</Table.Th>
          {props.withSubject && <Table.Th w={170}>{t('audit.entity')}</Table.Th>}
          <Table.Th>{t('audit.change')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {props.entries.map((e) => (
          <Table.Tr key={e.seq}>
            <Table.Td>{e.seq}</Table.Td>
            <Table.Td>{formatMoment(i18n.language, e.at)}</Table.Td>
            <Table.Td>{e.actorName}</Table.Td>
            <Table.Td>{actionWords(t, e.action)}</Table.Td>
            {props.withSubject && (
              <Table.Td>
                {t(`audit.entities.${e.entityType}`, { defaultValue: e.entityType })}
                {e.entityId && (
                  <Text size="sm" c="dimmed">
                    {props.names[e.entityId] ?? `${e.entityId.slice(0, 8)}…`}
                  </Text>
                )}
              </Table.Td>
            )}
            <Table.Td>
              <Changes lines={changeLines(reading, e.before, e.after)} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  )
}

function Changes({ lines }: { lines: ChangeLine[] }) {
  if (lines.length === 0) return null
  return (
    <Stack gap={0}>
      {lines.map((l) => (
        <Text size="sm" key={l.field}>
          <Text span fw={500}>
            {l.field}:
          </Text>{' '}
          {l.before !== undefined && (
            <>
              <Text span c="dimmed" td="line-through">
                {l.before}
              </Text>
              {' → '}
            </>
          )}
          {l.after}
        </Text>
      ))}
    </Stack>
  )
}
