import { Spoiler, Stack, Table, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { Schema } from '../api'
import { formatMoment } from '../dates'
import { actionWords, type ChangeLine, changeLines, type Reading } from './describe'

/**
 * Audit entries as a reader takes them in: the time in their language, the action in words, each
 * change as "field: before → after" with names for ids. Fixed columns that wrap: no sideways scroll.
 */
export function AuditTable(props: {
  /** as `/audit` and `/persons/{id}/audit` give them */
  entries: Schema<'AuditEntry'>[]
  /** the names of the persons, staff and places the entries point at by id */
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
    <Table striped layout="fixed" verticalSpacing="xs" data-testid={props.testId} style={wrap}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={52}>#</Table.Th>
          <Table.Th w={160}>{t('audit.when')}</Table.Th>
          <Table.Th w={props.withSubject ? 210 : 190}>{t('audit.action')}</Table.Th>
          <Table.Th>{t('audit.change')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {props.entries.map((e) => (
          <Table.Tr key={e.seq} style={{ verticalAlign: 'top' }}>
            <Table.Td>{e.seq}</Table.Td>
            <Table.Td>
              <Text size="sm">{formatMoment(i18n.language, e.at)}</Text>
              <Text size="sm" c="dimmed">
                {e.actorName}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm" fw={500}>
                {actionWords(t, e.action)}
              </Text>
              {props.withSubject && (
                <Text size="sm" c="dimmed">
                  {t(`audit.entities.${e.entityType}`, { defaultValue: e.entityType })}
                  {e.entityId && `: ${props.names[e.entityId] ?? `${e.entityId.slice(0, 8)}…`}`}
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <Changes lines={changeLines(reading, e.before, e.after)} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  )
}

// A registration lists every particular: past a few lines the rest waits behind "show all".
const LINE_HEIGHT = 20
const FOLDED_LINES = 5

function Changes({ lines }: { lines: ChangeLine[] }) {
  const { t } = useTranslation()
  if (lines.length === 0) return null
  const list = (
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
  if (lines.length <= FOLDED_LINES + 1) return list
  return (
    <Spoiler
      maxHeight={FOLDED_LINES * LINE_HEIGHT}
      showLabel={t('audit.showAll')}
      hideLabel={t('audit.showLess')}
    >
      {list}
    </Spoiler>
  )
}
