import { Anchor, Badge, List, Stack, Text } from '@mantine/core'
import { Link } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { Section } from './Figure'
import type { DashboardData } from './useDashboard'

const ASSESSMENT_COLOUR: Record<string, string> = {
  unverified: 'gray',
  corroborated: 'teal',
  disputed: 'orange',
  refuted: 'red',
}

/** "Sources say hundreds to 2,000; we have confirmed 312 by name", each source listed under it. */
export function ReportedBeside({ d }: { d: DashboardData }) {
  const { t, i18n } = useTranslation()
  if (d.reported.length === 0) return null
  const n = (x: number) => x.toLocaleString(i18n.language)
  return (
    <Section title={t('dashboard.reported.beside')} testId="dashboard-reported">
      {d.reported.map((r) => {
        const confirmed = n(r.confirmed)
        const said =
          r.low === null || r.high === null
            ? t('dashboard.reported.onlyRefuted', { confirmed })
            : r.lowClaimed === r.highClaimed
              ? t('dashboard.reported.sourcesSayOne', { low: r.lowClaimed, confirmed })
              : t('dashboard.reported.sourcesSay', { low: r.lowClaimed, high: r.highClaimed, confirmed })
        return (
          <Stack key={r.question} gap={2} mb="sm" data-testid={`reported-${r.question}`}>
            <Text fw={600}>{t(`dashboard.reported.questions.${r.question}`)}</Text>
            <Text data-testid="reported-summary">{said}</Text>
            <List size="sm" spacing={2}>
              {r.sources.map((s) => (
                <List.Item key={s.id}>
                  «{s.claimed}» — {s.source}
                  {s.channel ? `, ${s.channel}` : ''}, {s.claimedOn}{' '}
                  <Badge size="xs" variant="light" color={ASSESSMENT_COLOUR[s.assessment]}>
                    {t(`dashboard.reported.assessments.${s.assessment}`)}
                  </Badge>
                  {s.link && (
                    <>
                      {' '}
                      <Anchor href={s.link} target="_blank" rel="noreferrer noopener" size="sm">
                        {t('dashboard.reported.fields.link')}
                      </Anchor>
                    </>
                  )}
                  {s.document && ` (${s.document})`}
                  {s.note && (
                    <Text size="xs" c="dimmed">
                      {s.note}
                    </Text>
                  )}
                </List.Item>
              ))}
            </List>
          </Stack>
        )
      })}
      <Anchor component={Link} to="/reported" size="sm">
        {t('dashboard.reported.title')}
      </Anchor>
    </Section>
  )
}
