import { Alert, Anchor, Badge, Button, Paper, Select, Stack, Table, Text, Title } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { ASSESSMENTS } from '../../reported/model'
import { http, ok, type Schema } from '../api'
import { errorMessage } from '../forms'
import { useCan } from '../session/session'
import { ReportedForm } from './ReportedForm'

type Figure = Schema<'ReportedFigure'>

/** Every figure claimed in public with its source and assessment; analysts record and assess them. */
export function ReportedPage() {
  const { t, i18n } = useTranslation()
  const can = useCan()
  const client = useQueryClient()
  const list = useQuery({
    queryKey: ['reported-figures'],
    queryFn: async () => (await ok(http.GET('/reported-figures'))).items,
  })
  const changed = async () => {
    await client.invalidateQueries({ queryKey: ['reported-figures'] })
    await client.invalidateQueries({ queryKey: ['dashboard'] })
  }
  const assess = useMutation({
    mutationFn: ({ f, assessment }: { f: Figure; assessment: Figure['assessment'] }) => {
      const { id, version, createdAt: _c, updatedAt: _u, createdBy: _b, ...rest } = f
      return ok(
        http.PUT('/reported-figures/{id}', {
          params: { path: { id } },
          body: { ...rest, assessment, expectedVersion: version },
        }),
      )
    },
    onSuccess: changed,
  })
  const remove = useMutation({
    mutationFn: (f: Figure) => ok(http.DELETE('/reported-figures/{id}', { params: { path: { id: f.id } } })),
    onSuccess: changed,
  })
  const writer = can('reported.write')
  const error = assess.error ?? remove.error ?? list.error
  return (
    <Stack gap="md">
      <Title order={2}>{t('dashboard.reported.title')}</Title>
      {error && <Alert color="red">{errorMessage(t, error, i18n.language)}</Alert>}
      {writer && (
        <Paper withBorder p="md">
          <Title order={3} size="h5" mb="xs">
            {t('dashboard.reported.add')}
          </Title>
          <ReportedForm />
        </Paper>
      )}
      {list.data?.length === 0 && <Text c="dimmed">{t('dashboard.reported.none')}</Text>}
      {list.data && list.data.length > 0 && (
        <Table withTableBorder striped fz="sm" data-testid="reported-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('dashboard.reported.fields.question')}</Table.Th>
              <Table.Th>{t('dashboard.reported.fields.claimed')}</Table.Th>
              <Table.Th>{t('dashboard.reported.fields.source')}</Table.Th>
              <Table.Th>{t('dashboard.reported.fields.claimedOn')}</Table.Th>
              <Table.Th>{t('dashboard.reported.fields.assessment')}</Table.Th>
              <Table.Th>{t('dashboard.reported.fields.note')}</Table.Th>
              {writer && <Table.Th />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.map((f) => (
              <Table.Tr key={f.id}>
                <Table.Td>{t(`dashboard.reported.questions.${f.question}`)}</Table.Td>
                <Table.Td>
                  «{f.claimed}»{' '}
                  <Text span c="dimmed" size="xs">
                    {[f.low, f.high].filter((x) => x !== null).join('–')}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {f.source}
                  {f.channel ? `, ${f.channel}` : ''}
                  {f.link && (
                    <>
                      {' '}
                      <Anchor href={f.link} target="_blank" rel="noreferrer noopener">
                        {t('dashboard.reported.fields.link')}
                      </Anchor>
                    </>
                  )}
                  {f.document && ` (${f.document})`}
                </Table.Td>
                <Table.Td>
                  {f.claimedOn}
                  {f.aboutDate ? ` (${f.aboutDate})` : ''}
                </Table.Td>
                <Table.Td>
                  {writer ? (
                    <Select
                      aria-label={`${t('dashboard.reported.fields.assessment')}: ${f.source}`}
                      size="xs"
                      w={190}
                      allowDeselect={false}
                      data={ASSESSMENTS.map((a) => ({
                        value: a,
                        label: t(`dashboard.reported.assessments.${a}`),
                      }))}
                      value={f.assessment}
                      onChange={(v) => v && assess.mutate({ f, assessment: v as Figure['assessment'] })}
                    />
                  ) : (
                    <Badge variant="light">{t(`dashboard.reported.assessments.${f.assessment}`)}</Badge>
                  )}
                </Table.Td>
                <Table.Td>{f.note}</Table.Td>
                {writer && (
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      onClick={() =>
                        window.confirm(t('dashboard.reported.removeConfirm', { source: f.source })) &&
                        remove.mutate(f)
                      }
                    >
                      {t('dashboard.reported.remove')}
                    </Button>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  )
}
