import { Loader, Timeline as MantineTimeline, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { Schema } from '../api'
import { formatDay } from '../dates'
import { useFacilities } from '../register/usePersons'
import { usePersonEvents } from './usePerson'

/** A person's history, newest first, as the events say it. */
export function Timeline({ personId, sex }: { personId: string; sex?: string | null }) {
  const { t, i18n } = useTranslation()
  const events = usePersonEvents(personId)
  const facilities = useFacilities()
  if (events.isPending) return <Loader size="sm" />
  if (events.isError) return <Text c="red">{events.error.message}</Text>
  const facilityName = (id: string | null) => facilities.data?.find((f) => f.id === id)?.name
  const newestFirst = [...events.data].reverse()
  return (
    <MantineTimeline active={0} bulletSize={14} lineWidth={2} data-testid="timeline">
      {newestFirst.map((e) => (
        <MantineTimeline.Item key={e.id} title={t(`event.${e.type}`, { context: sex ?? undefined })}>
          <Text size="sm" c="dimmed">
            {formatDay(i18n.language, e.occurredOn)}
            {e.facilityId && ` · ${facilityName(e.facilityId) ?? ''}`}
          </Text>
          <EventDetails event={e} />
        </MantineTimeline.Item>
      ))}
    </MantineTimeline>
  )
}

function EventDetails({ event }: { event: Schema<'PersonEvent'> }) {
  const { t } = useTranslation()
  const d = event.details
  // a did_not_cross reason is a code (no_show, refused), said as the exchange page says it
  const reason = event.type === 'did_not_cross' && d.reason ? t(`exchange.outcomes.${d.reason}`) : d.reason
  const parts = [d.health && t(`health.${d.health}`), d.cause, reason, d.note].filter(Boolean)
  if (parts.length === 0) return null
  return <Text size="sm">{parts.join(' · ')}</Text>
}
