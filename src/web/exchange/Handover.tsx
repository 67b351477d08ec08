import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { handoverReport } from '../../exchange/rounds'
import { http, ok } from '../api'
import { errorLabel } from './reasons'
import { SubstituteDialog } from './SubstituteDialog'
import { useExchangeAction } from './useExchange'
import { personName, type SheetRow, useCheckOff, useHandoverSheet } from './useHandoverSheet'

const OUTCOMES = ['crossed', 'no_show', 'refused'] as const
const STATES = ['pending', 'crossed', 'no_show', 'refused', 'substituted'] as const
const ROW_HEIGHT = 124

// the name engine's key, loaded with the page that needs it (it carries a large transliteration table)
type KeyFn = (word: string) => string
let keyFn: Promise<KeyFn> | undefined
const loadKey = () => {
  keyFn ??= import('../../names/key').then((m) => m.nameKey)
  return keyFn
}

/** Rows matching a search: a service number, or every word's name key starting some word of the name. */
function matcher(query: string, nameKey: KeyFn | null) {
  const text = query.trim().toLowerCase()
  if (!text) return () => true
  const words = text.split(/[\s,;]+/).filter(Boolean)
  const keys = nameKey ? words.map(nameKey).filter(Boolean) : []
  return (r: SheetRow) => {
    const p = r.person
    if (!p) return r.ref.toLowerCase().includes(text)
    if (p.serviceNumber?.toLowerCase().includes(text)) return true
    const full = `${p.surname} ${p.firstNames}`.toLowerCase()
    if (words.every((w) => full.includes(w))) return true
    return keys.length > 0 && keys.every((k) => p.keys.some((own) => own.startsWith(k)))
  }
}

/**
 * The day of the swap on a tablet: every person named, searchable in any alphabet or by service
 * number, filtered by stage and state; a tap shows its result at once. The list is virtualised:
 * only the rows on screen exist, so 2,000 persons scroll and tap like twenty.
 */
export function Handover({ id, status, writable }: { id: string; status: string; writable: boolean }) {
  const { t } = useTranslation()
  const sheet = useHandoverSheet(id, status !== 'agreed')
  const { check, error, clearError } = useCheckOff(id)
  const { act, error: completeError } = useExchangeAction(id)
  const [query, setQuery] = useState('')
  const [stage, setStage] = useState<string | null>(null)
  const [state, setState] = useState<string | null>(null)
  const [nameKey, setNameKey] = useState<KeyFn | null>(null)
  const [confirming, setConfirming] = useState(false)
  const [substituting, setSubstituting] = useState<SheetRow | null>(null)
  useEffect(() => {
    void loadKey().then((f) => setNameKey(() => f))
  }, [])
  const rows = sheet.data?.rows ?? []
  const report = useMemo(() => handoverReport(rows), [rows])
  const stages = useMemo(() => [...new Set(rows.map((r) => r.stage))].sort((a, b) => a - b), [rows])
  const shown = useMemo(() => {
    const match = matcher(query, nameKey)
    return rows.filter(
      (r) =>
        (stage === null || r.stage === Number(stage)) && (state === null || r.outcome === state) && match(r),
    )
  }, [rows, query, nameKey, stage, state])
  const scroller = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  })
  if (!sheet.data) return sheet.error ? <Alert color="red">{errorLabel(sheet.error)}</Alert> : null
  const live = writable && status === 'executing'
  return (
    <Stack component="section" aria-label={t('exchange.handover')}>
      <Group>
        <Title order={4}>{t('exchange.handover')}</Title>
        {live && (
          <Button color="green" size="lg" onClick={() => setConfirming(true)}>
            {t('exchange.complete')}
          </Button>
        )}
        <Text data-testid="handover-pending">{t('exchange.pending', { n: report.pending })}</Text>
      </Group>
      {(error || completeError) && (
        <Alert color="red" role="alert" withCloseButton onClose={clearError}>
          {error ?? completeError}
        </Alert>
      )}
      <Table data-testid="handover-report">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('exchange.stage')}</Table.Th>
            <Table.Th>{t('exchange.give')}</Table.Th>
            <Table.Th>{t('exchange.receive')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {report.stages.map((s) => (
            <Table.Tr key={s.stage}>
              <Table.Td>{s.stage}</Table.Td>
              {(['give', 'receive'] as const).map((side) => (
                <Table.Td key={side}>
                  {t('exchange.crossedOf', { crossed: s[side].crossed, agreed: s[side].agreed })}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group align="end">
        <TextInput
          label={t('exchangeHandover.search')}
          value={query}
          onChange={(e) => setQuery(e.currentTarget.value)}
          size="md"
          style={{ flex: 1 }}
        />
        <Select
          label={t('exchange.stage')}
          placeholder={t('exchangeHandover.allStages')}
          data={stages.map((s) => ({ value: String(s), label: t('exchange.stageN', { n: s }) }))}
          value={stage}
          onChange={setStage}
          clearable
          size="md"
          w={150}
        />
        <Select
          label={t('exchangeHandover.state')}
          placeholder={t('exchangeHandover.allStates')}
          data={STATES.map((s) => ({ value: s, label: t(`exchange.outcomes.${s}`) }))}
          value={state}
          onChange={setState}
          clearable
          size="md"
          w={170}
        />
      </Group>
      <Text size="sm" c="dimmed" data-testid="handover-shown">
        {t('exchangeHandover.shown', { shown: shown.length, total: rows.length })}
      </Text>
      <div
        ref={scroller}
        data-testid="handover-list"
        style={{ height: 'min(70vh, 640px)', overflowY: 'auto', contain: 'strict' }}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const r = shown[item.index]!
            return (
              <div
                key={`${r.side}:${r.ref}`}
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  height: ROW_HEIGHT,
                  transform: `translateY(${item.start}px)`,
                }}
              >
                <HandoverRow
                  row={r}
                  live={live}
                  onCheck={(outcome) => check({ side: r.side, ref: r.ref, outcome })}
                  onSubstitute={() => setSubstituting(r)}
                />
              </div>
            )
          })}
        </div>
      </div>
      <Modal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={t('exchangeHandover.confirmTitle')}
        centered
      >
        <Stack>
          <Text>{t('exchangeHandover.confirmText', { pending: report.pending })}</Text>
          <Group justify="end">
            <Button variant="default" size="md" onClick={() => setConfirming(false)}>
              {t('exchangeHandover.cancel')}
            </Button>
            <Button
              color="green"
              size="md"
              onClick={() => {
                setConfirming(false)
                void act(() =>
                  ok(http.POST('/exchanges/{id}/handover/complete', { params: { path: { id } } })),
                )
              }}
            >
              {t('exchangeHandover.confirmComplete')}
            </Button>
          </Group>
        </Stack>
      </Modal>
      {substituting && (
        <SubstituteDialog
          exchangeId={id}
          row={substituting}
          onClose={() => setSubstituting(null)}
          onChoose={(c) => {
            check({
              side: substituting.side,
              ref: substituting.ref,
              outcome: 'substituted',
              substituteRef: c.ref,
              substitute: c,
            })
            setSubstituting(null)
          }}
        />
      )}
    </Stack>
  )
}

function HandoverRow({
  row: r,
  live,
  onCheck,
  onSubstitute,
}: {
  row: SheetRow
  live: boolean
  onCheck: (outcome: (typeof OUTCOMES)[number]) => void
  onSubstitute: () => void
}) {
  const { t } = useTranslation()
  const label = personName(r.person, r.ref)
  return (
    <article
      aria-label={label}
      data-outcome={r.outcome}
      style={{
        borderBottom: '1px solid var(--mantine-color-gray-3)',
        padding: '8px 4px',
        height: ROW_HEIGHT,
        boxSizing: 'border-box',
      }}
    >
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
          <Text fw={600} truncate>
            {label}
          </Text>
          {r.person?.wounded && (
            <Badge color="red" variant="filled">
              {t('exchangeHandover.wounded')}
            </Badge>
          )}
        </Group>
        <Badge
          data-testid="row-outcome"
          variant="light"
          size="lg"
          color={r.outcome === 'crossed' ? 'green' : r.outcome === 'pending' ? 'gray' : 'orange'}
        >
          {t(`exchange.outcomes.${r.outcome}`)}
        </Badge>
      </Group>
      <Text size="sm" c="dimmed" truncate>
        {t(`exchange.${r.side}`)} · {t('exchange.stageN', { n: r.stage })}
        {r.person?.serviceNumber ? ` · ${t('exchangeHandover.serviceNumber')} ${r.person.serviceNumber}` : ''}
        {r.person?.dateOfBirth ? ` · ${r.person.dateOfBirth}` : ''}
        {r.outcome === 'substituted' && r.substituteRef
          ? ` · ${t('exchangeHandover.instead', { name: personName(r.substitute, r.substituteRef) })}`
          : ''}
      </Text>
      {live && (
        <Group mt={6} gap="xs" grow wrap="nowrap">
          {OUTCOMES.map((o) => (
            <Button
              key={o}
              size="md"
              variant={r.outcome === o ? 'filled' : 'light'}
              onClick={() => onCheck(o)}
              styles={{ label: { overflow: 'visible' } }}
            >
              {t(`exchange.outcomes.${o}`)}
            </Button>
          ))}
          <Button
            size="md"
            variant={r.outcome === 'substituted' ? 'filled' : 'light'}
            color="grape"
            onClick={onSubstitute}
          >
            {t('exchangeHandover.substitute')}
          </Button>
        </Group>
      )}
    </article>
  )
}
