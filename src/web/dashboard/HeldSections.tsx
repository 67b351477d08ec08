import { Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { ExportMenu } from '../exports/ExportMenu'
import { dashboardExportFilters } from '../exports/filters'
import { Bars, SeriesBars } from './Bars'
import { Figure, Section } from './Figure'
import { type DashboardData, useDashboardRange } from './useDashboard'

const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10)

/** A week's registrations as the register's dates: the week, cut to the overview's range. */
export function weekSearch(week: string, range: { from?: string; to?: string }) {
  const end = addDays(week, 6)
  return {
    registeredFrom: range.from && range.from > week ? range.from : week,
    registeredTo: range.to && range.to < end ? range.to : end,
  }
}

const HELD = { held: 'true' } as const

/** Held now: the register by status, and those held by category, facility, health, sex and time. */
export function HeldSections({ d }: { d: DashboardData }) {
  const { t } = useTranslation()
  const range = useDashboardRange()
  const h = d.held
  return (
    <>
      <Section
        title={t('dashboard.held.title')}
        testId="dashboard-held"
        actions={<ExportMenu list="dashboard" filters={dashboardExportFilters('held', range)} />}
        chart={
          <Bars
            name={t('dashboard.held.byStatus')}
            horizontal
            rows={h.byStatus.map((s) => ({ label: t(`status.${s.key}`), n: s.n }))}
          />
        }
      >
        <Figure
          label={t('dashboard.held.total')}
          count={h.total}
          to="/register"
          search={HELD}
          strong
          testId="figure-held"
        />
        <Text size="xs" c="dimmed">
          {t('dashboard.held.byStatus')}
        </Text>
        {h.byStatus.map((s) => (
          <Figure
            key={s.key}
            label={t(`status.${s.key}`)}
            count={s.n}
            to="/register"
            search={{ status: s.key }}
            testId={`figure-status-${s.key}`}
          />
        ))}
        <Figure
          label={t('dashboard.held.unconfirmed')}
          count={h.unconfirmed}
          to="/register"
          search={{ confirmation: 'unconfirmed' }}
        />
      </Section>

      <Section
        title={t('dashboard.held.byFacility')}
        testId="dashboard-facilities"
        chart={
          <SeriesBars
            dataKey="label"
            rows={h.byFacility.map((f) => ({ label: f.name, held: f.occupancy, capacity: f.capacity ?? 0 }))}
            series={[
              { name: 'held', label: t('dashboard.fund.heldColumn') },
              { name: 'capacity', label: t('dashboard.held.capacity') },
            ]}
          />
        }
      >
        {h.byFacility.map((f) => (
          <Figure
            key={f.id}
            label={`${f.name}: ${
              f.capacity === null
                ? t('dashboard.held.noCapacity', { occupancy: f.occupancy })
                : t('dashboard.held.occupancy', { occupancy: f.occupancy, capacity: f.capacity })
            }`}
            count={f.occupancy}
            to="/register"
            search={{ ...HELD, facilityId: f.id }}
          />
        ))}
        {h.unplaced > 0 && (
          <Figure
            label={t('dashboard.held.unplaced')}
            count={h.unplaced}
            to="/register"
            search={{ status: 'captured' }}
          />
        )}
      </Section>

      <Section
        title={t('dashboard.held.byCategory')}
        chart={
          <Bars
            name={t('dashboard.held.byCategory')}
            horizontal
            colour="teal.8"
            rows={h.byCategory.map((c) => ({ label: t(`category.${c.key}`), n: c.n }))}
          />
        }
      >
        {h.byCategory.map((c) => (
          <Figure
            key={c.key}
            label={t(`category.${c.key}`)}
            count={c.n}
            to="/register"
            search={{ ...HELD, category: c.key }}
          />
        ))}
        <Text size="xs" c="dimmed" mt="xs">
          {t('dashboard.held.bySex')}
        </Text>
        {h.bySex.map((s) => (
          <Figure
            key={s.key}
            label={s.key === 'unknown' ? t('dashboard.held.unknownSex') : t(`sex.${s.key}`)}
            count={s.n}
            to={s.key === 'unknown' ? undefined : '/register'}
            search={{ ...HELD, sex: s.key }}
          />
        ))}
      </Section>

      <Section
        title={t('dashboard.held.byHealth')}
        chart={
          <Bars
            name={t('dashboard.held.byHealth')}
            horizontal
            colour="red.8"
            rows={h.byHealth.map((x) => ({
              label: x.key === 'unknown' ? t('dashboard.held.unknownHealth') : t(`health.${x.key}`),
              n: x.n,
            }))}
          />
        }
      >
        <Figure
          label={t('dashboard.held.serious')}
          count={h.seriouslyWoundedOrSick}
          to="/register"
          search={{ ...HELD, health: 'seriously_wounded_or_sick' }}
          strong
        />
        {h.byHealth.map((x) => (
          <Figure
            key={x.key}
            label={x.key === 'unknown' ? t('dashboard.held.unknownHealth') : t(`health.${x.key}`)}
            count={x.n}
            to={x.key === 'unknown' ? undefined : '/register'}
            search={{ ...HELD, health: x.key }}
          />
        ))}
      </Section>

      <Section
        title={t('dashboard.held.timeHeld')}
        chart={
          <Bars
            name={t('dashboard.held.timeHeld')}
            colour="grape.8"
            rows={h.timeHeld.map((b) => ({ label: t(`dashboard.held.buckets.${b.key}`), n: b.n }))}
          />
        }
      >
        {h.timeHeld.map((b) => (
          <Figure key={b.key} label={t(`dashboard.held.buckets.${b.key}`)} count={b.n} />
        ))}
      </Section>

      <Section
        title={t('dashboard.held.perWeek')}
        chart={
          <Bars
            name={t('dashboard.held.perWeek')}
            rows={h.registeredPerWeek.map((w) => ({ label: w.week, n: w.n }))}
          />
        }
      >
        {h.registeredPerWeek.slice(-6).map((w) => (
          <Figure key={w.week} label={w.week} count={w.n} to="/register" search={weekSearch(w.week, range)} />
        ))}
      </Section>
    </>
  )
}
