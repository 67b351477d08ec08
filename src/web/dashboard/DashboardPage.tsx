import { Alert, Button, Group, Loader, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import { Navigate } from '@tanstack/react-router'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { errorMessage } from '../forms'
import { useCan, useSession } from '../session/session'
import { HeldSections } from './HeldSections'
import { ExchangesSection, FundSection, OursSection, OverdueSection } from './OtherSections'
import { ReportedBeside } from './ReportedBeside'
import { useDashboard } from './useDashboard'

/**
 * The first page after sign-in: the figures the bureau is asked for every morning, each as text
 * with a link to the list it counts, charts beside them. A role that may not read the overview
 * (the ICRC liaison) starts at the register as before.
 */
export function DashboardPage() {
  const can = useCan()
  const session = useSession()
  // signing out empties the session first: no one is sent anywhere then
  if (!session.data) return null
  if (!can('dashboard.read')) return <Navigate to="/register" />
  return <Dashboard />
}

function Dashboard() {
  const { t, i18n } = useTranslation()
  const [fresh, setFresh] = useState(0)
  const q = useDashboard(fresh)
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2}>{t('dashboard.title')}</Title>
        <Group gap="xs">
          {q.data && (
            <Text size="sm" c="dimmed" data-testid="dashboard-computed-at">
              {t('dashboard.computedAt', {
                time: new Date(q.data.computedAt).toLocaleString(i18n.language, {
                  dateStyle: 'medium',
                  timeStyle: 'short',
                }),
              })}
            </Text>
          )}
          <Button size="xs" variant="light" onClick={() => setFresh((n) => n + 1)} loading={q.isFetching}>
            {t('dashboard.refresh')}
          </Button>
        </Group>
      </Group>
      {q.isPending && (
        <Group>
          <Loader size="sm" />
          <Text>{t('dashboard.loading')}</Text>
        </Group>
      )}
      {q.isError && <Alert color="red">{errorMessage(t, q.error, i18n.language)}</Alert>}
      {q.data && (
        <>
          <ReportedBeside d={q.data} />
          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
            <HeldSections d={q.data} />
            <FundSection d={q.data} />
            <OursSection d={q.data} />
            <OverdueSection d={q.data} />
            <ExchangesSection d={q.data} />
          </SimpleGrid>
        </>
      )}
    </Stack>
  )
}
