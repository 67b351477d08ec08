import { Badge, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { http, ok } from '../api'
import { type EnquiryCandidate, type EnquiryDetail, useEnquiryChange } from './useEnquiries'

const DECISION_COLOR = { pending: 'gray', confirmed: 'green', rejected: 'red' } as const

/** Who the engine found alike, each with the level and weight of every field, for the tracer to decide. */
export function Candidates({ e, canDecide }: { e: EnquiryDetail; canDecide: boolean }) {
  const { t, i18n } = useTranslation()
  const decide = useEnquiryChange(e.id, (v: { c: EnquiryCandidate; decision: 'confirmed' | 'rejected' }) =>
    ok(
      http.POST('/enquiries/{id}/decisions', {
        params: { path: { id: e.id } },
        body: { source: v.c.source, ref: v.c.ref, decision: v.decision },
      }),
    ),
  )
  return (
    <Stack gap="xs">
      <Title order={3}>{t('enquiries.candidates.title')}</Title>
      {e.candidates.length === 0 && <Text>{t('enquiries.candidates.none')}</Text>}
      {e.candidates.map((c) => (
        <Card withBorder key={`${c.source}:${c.ref}`} data-testid="candidate" aria-label={c.label ?? c.ref}>
          <Group justify="space-between">
            <Group gap="xs">
              <Badge variant="light">{t(`enquiries.candidates.source.${c.source}`)}</Badge>
              {c.isNew && (
                <Badge color="blue" title={t('enquiries.newCandidatesHint')}>
                  {t('enquiries.candidates.new', {
                    on: new Date(c.firstFoundAt).toLocaleString(i18n.language),
                  })}
                </Badge>
              )}
              <Text fw={600}>{c.label ?? '—'}</Text>
              {c.born && <Text size="sm">* {c.born}</Text>}
              {c.detail && (
                <Text size="sm" c="dimmed">
                  {c.detail}
                </Text>
              )}
            </Group>
            <Group gap="xs">
              <Text size="sm">
                {t('enquiries.candidates.probability')}: {(c.probability * 100).toFixed(1)}%
              </Text>
              <Badge color={DECISION_COLOR[c.decision]}>
                {t(`enquiries.candidates.decisions.${c.decision}`)}
              </Badge>
              {canDecide && c.decision !== 'confirmed' && (
                <Button size="xs" color="green" onClick={() => decide.mutate({ c, decision: 'confirmed' })}>
                  {t('enquiries.candidates.confirm')}
                </Button>
              )}
              {canDecide && c.decision !== 'rejected' && (
                <Button
                  size="xs"
                  color="red"
                  variant="light"
                  onClick={() => decide.mutate({ c, decision: 'rejected' })}
                >
                  {t('enquiries.candidates.reject')}
                </Button>
              )}
            </Group>
          </Group>
          <Table mt="xs" fz="xs" aria-label={t('enquiries.candidates.evidence')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('enquiries.candidates.field')}</Table.Th>
                <Table.Th>{t('enquiries.candidates.level')}</Table.Th>
                <Table.Th>{t('enquiries.candidates.weight')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {c.evidence.fields
                .filter((f) => f.level !== 'missing')
                .map((f) => (
                  <Table.Tr key={f.field}>
                    <Table.Td>
                      {t(`enquiries.candidates.fields.${f.field}`, { defaultValue: f.field })}
                    </Table.Td>
                    <Table.Td>{f.level}</Table.Td>
                    <Table.Td c={f.weight >= 0 ? 'green' : 'red'}>
                      {f.weight > 0 ? '+' : ''}
                      {f.weight.toFixed(1)}
                    </Table.Td>
                  </Table.Tr>
                ))}
            </Table.Tbody>
          </Table>
        </Card>
      ))}
    </Stack>
  )
}
