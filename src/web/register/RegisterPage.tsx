import {
  Anchor,
  Badge,
  CloseButton,
  Group,
  Loader,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { Link, useNavigate, useSearch } from '@tanstack/react-router'
import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Schema } from '../api'
import { formatDay } from '../dates'
import { ExportMenu } from '../exports/ExportMenu'
import { registerExportFilters } from '../exports/filters'
import { CATEGORIES, STATUSES, useOptions } from '../labels'
import { useCan } from '../session/session'
import { art17Cell, COLUMNS, ROW_HEIGHT } from './columns'
import { RegisterHeader } from './RegisterHeader'
import {
  type RegisterFilter,
  type RegisterSort,
  useFacilities,
  usePersonCount,
  usePersons,
} from './usePersons'

/** The facts recorded on a person that the register filters by (the API's `fact`). */
const FACTS = ['consent_given', 'refused_repatriation', 'proceedings_open'] as const

/**
 * No rows: with filters, say so; with none, the register is empty and the way to fill it is shown
 * (the links only for a role that may use them).
 */
function EmptyRegister() {
  const { t } = useTranslation()
  const can = useCan()
  // the register as a whole, whatever the filters: only a register with no one in it is "empty"
  const all = usePersonCount({
    q: '',
    status: null,
    category: null,
    facilityId: null,
    fact: null,
    confirmation: 'all',
  })
  if (!all.data) return null
  if (all.data.total > 0)
    return (
      <Text p="md" c="dimmed">
        {t('register.empty')}
      </Text>
    )
  return (
    <Stack p="md" gap={4} data-testid="register-empty">
      <Text fw={500}>{t('register.emptyRegister')}</Text>
      <Text c="dimmed">{t('register.emptyNext')}</Text>
      <Group gap="md">
        {can('persons.write') && (
          <Anchor component={Link} to="/persons/new">
            {t('nav.registerPerson')}
          </Anchor>
        )}
        {can('captures.write') && (
          <Anchor component={Link} to="/captures/new">
            {t('nav.capture')}
          </Anchor>
        )}
      </Group>
      <Text size="sm" c="dimmed">
        {t('register.emptyImport')}
      </Text>
    </Stack>
  )
}

/** The custody register: a virtualised table over server-side filtering, sorting and cursor paging. */
export function RegisterPage() {
  const { t } = useTranslation()
  const options = useOptions()
  const navigate = useNavigate()
  const [search, setSearch] = useState('')
  const [q] = useDebouncedValue(search.trim(), 250)
  // a dashboard figure opens the register with its filters in the address
  const address = useSearch({ from: '/register' })
  const [status, setStatus] = useState<string | null>(address.status ?? null)
  const [category, setCategory] = useState<string | null>(address.category ?? null)
  const [facilityId, setFacilityId] = useState<string | null>(address.facilityId ?? null)
  const [fact, setFact] = useState<string | null>(address.fact ?? null)
  const [confirmation, setConfirmation] = useState<RegisterFilter['confirmation']>(
    (address.confirmation as RegisterFilter['confirmation'] | undefined) ?? 'confirmed',
  )
  const [held, setHeld] = useState(address.held)
  const [sex, setSex] = useState(address.sex)
  const [health, setHealth] = useState(address.health)
  const [registeredFrom, setRegisteredFrom] = useState(address.registeredFrom)
  const [registeredTo, setRegisteredTo] = useState(address.registeredTo)
  const [order, setOrder] = useState<RegisterSort>({ sort: 'registerNumber', direction: 'desc' })
  const filter = useMemo(
    () => ({
      q,
      status,
      category,
      facilityId,
      fact,
      confirmation,
      held,
      sex,
      health,
      registeredFrom,
      registeredTo,
    }),
    [q, status, category, facilityId, fact, confirmation, held, sex, health, registeredFrom, registeredTo],
  )

  const persons = usePersons(filter, order)
  const count = usePersonCount(filter)
  const facilities = useFacilities()
  const facilityName = useMemo(
    () => new Map((facilities.data ?? []).map((f) => [f.id, f.name])),
    [facilities.data],
  )
  const rows = useMemo(() => persons.data?.pages.flatMap((p) => p.items) ?? [], [persons.data])

  const scroller = useRef<HTMLDivElement>(null)
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 15,
  })
  const items = virtual.getVirtualItems()
  const lastIndex = items[items.length - 1]?.index ?? 0
  useEffect(() => {
    if (lastIndex >= rows.length - 40 && persons.hasNextPage && !persons.isFetchingNextPage)
      void persons.fetchNextPage()
  }, [lastIndex, rows.length, persons])

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={2}>{t('register.title')}</Title>
        <ExportMenu list="register" filters={registerExportFilters(filter)} />
        <Text c="dimmed" data-testid="register-count">
          {count.data &&
            (count.data.capped
              ? t('register.countCapped', { count: count.data.total })
              : t('register.count', { count: count.data.total }))}
        </Text>
      </Group>
      <Group align="end">
        <TextInput
          label={t('register.search')}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={260}
        />
        <Select
          label={t('register.status')}
          placeholder={t('register.anyStatus')}
          data={options('status', STATUSES)}
          value={status}
          onChange={setStatus}
          clearable
          w={170}
        />
        <Select
          label={t('register.category')}
          placeholder={t('register.anyCategory')}
          data={options('category', CATEGORIES)}
          value={category}
          onChange={setCategory}
          clearable
          w={220}
        />
        <Select
          label={t('register.facility')}
          placeholder={t('register.anyFacility')}
          data={(facilities.data ?? []).map((f) => ({ value: f.id, label: f.name }))}
          value={facilityId}
          onChange={setFacilityId}
          clearable
          searchable
          w={220}
        />
        <Select
          label={t('register.fact')}
          placeholder={t('register.anyFact')}
          data={FACTS.map((f) => ({ value: f, label: t(`register.facts.${f}`) }))}
          value={fact}
          onChange={setFact}
          clearable
          w={250}
        />
        <Select
          label={t('register.confirmation')}
          data={options('confirmation', ['confirmed', 'unconfirmed', 'all'])}
          value={confirmation}
          onChange={(v) => setConfirmation((v as RegisterFilter['confirmation']) ?? 'confirmed')}
          w={160}
        />
        {held && (
          <Badge
            size="lg"
            variant="light"
            rightSection={<CloseButton size="xs" onClick={() => setHeld(undefined)} aria-label="×" />}
          >
            {t('dashboard.held.title')}
          </Badge>
        )}
        {(registeredFrom || registeredTo) && (
          <Badge
            variant="light"
            rightSection={
              <CloseButton
                size="xs"
                onClick={() => {
                  setRegisteredFrom(undefined)
                  setRegisteredTo(undefined)
                }}
                aria-label="×"
              />
            }
          >
            {t('dashboard.range.registered', { from: registeredFrom ?? '…', to: registeredTo ?? '…' })}
          </Badge>
        )}
        {sex && (
          <Badge
            size="lg"
            variant="light"
            rightSection={<CloseButton size="xs" onClick={() => setSex(undefined)} aria-label="×" />}
          >
            {t(`sex.${sex}`)}
          </Badge>
        )}
        {health && (
          <Badge
            size="lg"
            variant="light"
            rightSection={<CloseButton size="xs" onClick={() => setHealth(undefined)} aria-label="×" />}
          >
            {health === 'seriously_wounded_or_sick' ? t('dashboard.held.serious') : t(`health.${health}`)}
          </Badge>
        )}
      </Group>
      <div
        role="table"
        aria-rowcount={rows.length}
        style={{ border: '1px solid var(--mantine-color-gray-3)' }}
      >
        <RegisterHeader order={order} onOrder={setOrder} />
        <div ref={scroller} style={{ height: 'calc(100vh - 260px)', minHeight: 300, overflow: 'auto' }}>
          {persons.isPending && (
            <Group p="md">
              <Loader size="sm" /> <Text>{t('register.loading')}</Text>
            </Group>
          )}
          {persons.isSuccess && rows.length === 0 && <EmptyRegister />}
          <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
            {items.map((item) => {
              const p = rows[item.index]!
              return (
                <PersonRow
                  key={p.id}
                  person={p}
                  top={item.start}
                  facility={p.facilityId ? facilityName.get(p.facilityId) : undefined}
                  onOpen={() => void navigate({ to: '/persons/$personId', params: { personId: p.id } })}
                />
              )
            })}
          </div>
          {persons.isFetchingNextPage && (
            <Text p="xs" c="dimmed" size="sm">
              {t('register.loadingMore')}
            </Text>
          )}
        </div>
      </div>
    </Stack>
  )
}

function PersonRow(props: { person: Schema<'Person'>; top: number; facility?: string; onOpen: () => void }) {
  const { t, i18n } = useTranslation()
  const p = props.person
  const name = [p.surname, p.firstNames, p.patronymic].filter(Boolean).join(' ')
  const art17 = art17Cell(t, p)
  const latin = [p.surnameLatin, p.firstNamesLatin].filter(Boolean).join(' ')
  return (
    <div
      role="row"
      tabIndex={0}
      onClick={props.onOpen}
      onKeyDown={(e) => e.key === 'Enter' && props.onOpen()}
      style={{
        position: 'absolute',
        top: props.top,
        height: ROW_HEIGHT,
        width: '100%',
        display: 'grid',
        gridTemplateColumns: COLUMNS,
        alignItems: 'center',
        gap: 8,
        padding: '0 8px',
        cursor: 'pointer',
        borderBottom: '1px solid var(--mantine-color-gray-2)',
        fontSize: 14,
        whiteSpace: 'nowrap',
        overflow: 'hidden',
      }}
    >
      <span role="cell">{p.registerNumber}</span>
      <span
        role="cell"
        title={latin ? `${name} · ${latin}` : name}
        style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}
      >
        {name}
        {p.confirmation === 'unconfirmed' && (
          <Badge size="xs" color="yellow" ml={6}>
            {t('confirmation.unconfirmed')}
          </Badge>
        )}
        {latin && <span style={{ color: 'var(--mantine-color-dimmed)', marginLeft: 8 }}>{latin}</span>}
      </span>
      <span role="cell">{p.dateOfBirth && formatDay(i18n.language, p.dateOfBirth)}</span>
      <span role="cell" style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>
        {p.rank}
      </span>
      <span role="cell">{p.serviceNumber}</span>
      <span role="cell">{t(`status.${p.status}`, { context: p.sex ?? undefined })}</span>
      <span role="cell" style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>
        {props.facility}
      </span>
      <span role="cell" title={art17.full} style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>
        {p.art17Complete ? (
          <Text span size="xs" c="green.8">
            ✓ {art17.short}
          </Text>
        ) : (
          <Text span size="xs" c="orange.9">
            {art17.short}
          </Text>
        )}
      </span>
    </div>
  )
}
