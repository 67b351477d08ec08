import { Alert, Button, Group, Loader, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core'
import { Navigate, useNavigate } from '@tanstack/react-router'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ExportMenu } from '../exports/ExportMenu'
import { dashboardExportFilters } from '../exports/filters'
import { errorMessage } from '../forms'
import { useCan, useSession } from '../session/session'
import { HeldSections } from './HeldSections'
import { MonthlyReportButton } from './MonthlyReport'
import { ExchangesSection, FundSection, OursSection, OverdueSection } from './OtherSections'
import { ReportedBeside } from './ReportedBeside'
import { useDashboard, useDashboardRange } from './useDashboard'

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
  const range = useDashboardRange()
  const navigate = useNavigate()
  const reversed = Boolean(range.from && range.to && range.from > range.to)
  const q = useDashboard(fresh, reversed ? {} : range)
  // the dates live in the address, so a link opens the same overview
  const setDay = (k: 'from' | 'to', v: string) =>
    void navigate({ to: '/', search: { ...range, [k]: v || undefined } })
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2}>{t('dashboard.title')}</Title>
        <Group gap="xs" align="flex-end">
          <MonthlyReportButton />
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
          <ExportMenu list="dashboard" filters={dashboardExportFilters(undefined, range)} />
        </Group>
      </Group>
      <Group align="flex-end" gap="sm">
        <TextInput
          type="date"
          size="xs"
          label={t('dashboard.range.from')}
          value={range.from ?? ''}
          max={range.to}
          onChange={(e) => setDay('from', e.currentTarget.value)}
          error={reversed ? t('dashboard.range.fromAfterTo') : undefined}
          data-testid="dashboard-from"
        />
        <TextInput
          type="date"
          size="xs"
          label={t('dashboard.range.to')}
          value={range.to ?? ''}
          min={range.from}
          onChange={(e) => setDay('to', e.currentTarget.value)}
          data-testid="dashboard-to"
        />
        <Text size="xs" c="dimmed" maw={420}>
          {t('dashboard.range.hint')}
        </Text>
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
