import { Table, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { ExportMenu } from '../exports/ExportMenu'
import { dashboardExportFilters, fundExportFilters } from '../exports/filters'
import { useCan } from '../session/session'
import { SeriesBars } from './Bars'
import { Figure, Section } from './Figure'
import { type DashboardData, useDashboardRange } from './useDashboard'

const HELD = { held: 'true' } as const
/** The register's filter closest to each priority group (the group is the first priority that applies). */
const GROUP_FILTER: Record<string, Record<string, string> | undefined> = {
  seriously_wounded_or_sick: { ...HELD, health: 'seriously_wounded_or_sick' },
  woman: { ...HELD, sex: 'female' },
}

/** The exchange fund: who could go now, by priority (GC III Arts 109-110 first), and what holds the rest. */
export function FundSection({ d }: { d: DashboardData }) {
  const { t, i18n } = useTranslation()
  const f = d.fund
  const n = (x: number) => x.toLocaleString(i18n.language)
  return (
    <Section
      title={t('dashboard.fund.title')}
      testId="dashboard-fund"
      actions={<ExportMenu list="fund" filters={fundExportFilters()} />}
      chart={
        <SeriesBars
          dataKey="label"
          stacked
          rows={f.groups.map((g) => ({
            label: t(`dashboard.fund.groups.${g.group}`),
            eligible: g.eligible,
            other: g.held - g.eligible,
          }))}
          series={[
            { name: 'eligible', label: t('dashboard.fund.eligible') },
            { name: 'other', label: t('dashboard.fund.heldColumn') },
          ]}
        />
      }
    >
      <Figure
        label={t('dashboard.fund.eligible')}
        count={f.eligible}
        to="/exchanges"
        strong
        testId="figure-eligible"
      />
      <Figure
        label={t('dashboard.fund.consent')}
        count={f.consent}
        to="/register"
        search={{ ...HELD, fact: 'consent_given' }}
      />
      <Figure
        label={t('dashboard.fund.refused')}
        count={f.refused}
        to="/register"
        search={{ ...HELD, fact: 'refused_repatriation' }}
      />
      <Figure
        label={t('dashboard.fund.proceedings')}
        count={f.proceedings}
        to="/register"
        search={{ ...HELD, fact: 'proceedings_open' }}
      />
      <Table mt="xs" withTableBorder fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('dashboard.fund.group')}</Table.Th>
            <Table.Th>{t('dashboard.fund.heldColumn')}</Table.Th>
            <Table.Th>{t('dashboard.fund.eligible')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {f.groups.map((g) => (
            <Table.Tr key={g.group}>
              <Table.Td>
                {GROUP_FILTER[g.group] ? (
                  <Figure
                    label={t(`dashboard.fund.groups.${g.group}`)}
                    count={g.held}
                    to="/register"
                    search={GROUP_FILTER[g.group]}
                  />
                ) : (
                  t(`dashboard.fund.groups.${g.group}`)
                )}
              </Table.Td>
              <Table.Td>{n(g.held)}</Table.Td>
              <Table.Td>{n(g.eligible)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Section>
  )
}

/** Our own people: missing, in captivity, returned, and what became known month by month. */
export function OursSection({ d }: { d: DashboardData }) {
  const { t } = useTranslation()
  const can = useCan()
  const o = d.ours
  const range = useDashboardRange()
  const to = can('missing.read') ? '/missing' : undefined
  return (
    <Section
      title={t('dashboard.ours.title')}
      testId="dashboard-ours"
      actions={<ExportMenu list="dashboard" filters={dashboardExportFilters('ours', range)} />}
      chart={
        <SeriesBars
          dataKey="month"
          rows={o.byMonth}
          series={[
            { name: 'reportedMissing', label: t('dashboard.ours.reportedMissing') },
            { name: 'captivityIndicated', label: t('dashboard.ours.captivityIndicated') },
            { name: 'captivityConfirmed', label: t('dashboard.ours.captivityConfirmed') },
            { name: 'returned', label: t('dashboard.ours.returned') },
          ]}
        />
      }
    >
      <Figure
        label={t('dashboard.ours.missing')}
        count={o.missing}
        to={to}
        search={{ status: 'missing' }}
        strong
      />
      <Figure
        label={t('dashboard.ours.captivityIndicated')}
        count={o.captivityIndicated}
        to={to}
        search={{ status: 'missing', captivity: 'indicated' }}
      />
      <Figure
        label={t('dashboard.ours.captivityConfirmed')}
        count={o.captivityConfirmed}
        to={to}
        search={{ status: 'missing', captivity: 'confirmed' }}
      />
      <Figure
        label={t('dashboard.ours.returned')}
        count={o.returned}
        to={to}
        search={{ status: 'returned' }}
      />
      <Figure label={t('dashboard.ours.dead')} count={o.dead} to={to} search={{ status: 'dead' }} />
    </Section>
  )
}

/** What is overdue: notifications to the ICRC (and enquiries once they are counted). */
export function OverdueSection({ d }: { d: DashboardData }) {
  const { t } = useTranslation()
  const can = useCan()
  const to = can('notices.read') ? '/notices' : undefined
  return (
    <Section title={t('dashboard.obligations.title')} testId="dashboard-overdue">
      <Figure label={t('dashboard.obligations.noticesOverdue')} count={d.notices.overdue} to={to} strong />
      <Figure label={t('dashboard.obligations.noticesOpen')} count={d.notices.open} to={to} />
      {d.enquiries === null ? (
        <Text size="xs" c="dimmed">
          {t('dashboard.obligations.enquiriesAbsent')}
        </Text>
      ) : (
        <>
          <Figure
            label={t('dashboard.obligations.enquiriesOverdue')}
            count={d.enquiries.overdue}
            to={can('enquiries.read') ? '/enquiries' : undefined}
            strong
          />
          <Figure
            label={t('dashboard.obligations.enquiriesOpen')}
            count={d.enquiries.open}
            to={can('enquiries.read') ? '/enquiries' : undefined}
          />
        </>
      )}
    </Section>
  )
}

/** Exchanges done and planned, and who crossed in each, over time. */
export function ExchangesSection({ d }: { d: DashboardData }) {
  const { t } = useTranslation()
  const can = useCan()
  const e = d.exchanges
  const range = useDashboardRange()
  const link = can('exchanges.read')
  return (
    <Section
      title={t('dashboard.exchanges.title')}
      testId="dashboard-exchanges"
      actions={<ExportMenu list="dashboard" filters={dashboardExportFilters('exchanges', range)} />}
      chart={
        <SeriesBars
          dataKey="label"
          rows={e.items.map((x) => ({
            label: `${x.on} ${x.name}`,
            given: x.status === 'done' ? x.given : x.plannedGive,
            received: x.status === 'done' ? x.received : x.plannedReceive,
          }))}
          series={[
            { name: 'given', label: t('dashboard.exchanges.given') },
            { name: 'received', label: t('dashboard.exchanges.received') },
          ]}
        />
      }
    >
      <Figure label={t('dashboard.exchanges.done')} count={e.done} to={link ? '/exchanges' : undefined} />
      <Figure
        label={t('dashboard.exchanges.planned')}
        count={e.planned}
        to={link ? '/exchanges' : undefined}
      />
      <Figure label={t('dashboard.exchanges.given')} count={e.given} />
      <Figure label={t('dashboard.exchanges.received')} count={e.received} />
      {e.items.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('dashboard.exchanges.none')}
        </Text>
      )}
      {e.items.map((x) => (
        <Figure
          key={x.id}
          label={`${x.name} (${x.on}): ${t('dashboard.exchanges.given')} / ${t('dashboard.exchanges.received')} ${
            x.status === 'done' ? x.received : x.plannedReceive
          }`}
          count={x.status === 'done' ? x.given : x.plannedGive}
          to={link ? `/exchanges/${x.id}` : undefined}
        />
      ))}
    </Section>
  )
}
