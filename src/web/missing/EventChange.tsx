import { Alert, Button, Grid, Group, Paper, Select, TextInput } from '@mantine/core'
import { useMutation } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { http, ok } from '../api'
import { EventMove } from './EventMove'
import { missingRefusal } from './refusals'
import { type MissingEvent, useRefreshMissing } from './useMissing'

type Mode = 'correct' | 'retract' | 'move'

/**
 * "Correct", "retract" and "move to another record" under an event of the timeline: the stored event is never changed; the
 * server keeps the correction as a new row with the reason and folds the history again.
 */
export function EventChange({ personId, event }: { personId: string; event: MissingEvent }) {
  const { t } = useTranslation()
  const [mode, setMode] = useState<Mode | null>(null)
  if (!mode)
    return (
      <Group gap={4} mt={2}>
        <Button size="compact-xs" variant="subtle" onClick={() => setMode('correct')}>
          {t('missing.change.correct')}
        </Button>
        <Button size="compact-xs" variant="subtle" color="red" onClick={() => setMode('retract')}>
          {t('missing.change.retract')}
        </Button>
        <Button size="compact-xs" variant="subtle" onClick={() => setMode('move')}>
          {t('missing.move.action')}
        </Button>
      </Group>
    )
  if (mode === 'move') return <EventMove personId={personId} event={event} close={() => setMode(null)} />
  return <ChangeForm personId={personId} event={event} mode={mode} close={() => setMode(null)} />
}

function ChangeForm(p: {
  personId: string
  event: MissingEvent
  mode: Exclude<Mode, 'move'>
  close: () => void
}) {
  const { t, i18n } = useTranslation()
  const refresh = useRefreshMissing()
  const e = p.event
  const [occurredOn, setOccurredOn] = useState(e.occurredOn)
  const [source, setSource] = useState(e.source)
  const [confidence, setConfidence] = useState<string>(e.confidence)
  const [reason, setReason] = useState('')
  const path = { id: p.personId, seq: e.seq }
  const save = useMutation({
    mutationFn: async () => {
      if (p.mode === 'retract')
        return ok(http.POST('/missing/{id}/events/{seq}/retraction', { params: { path }, body: { reason } }))
      // the kind and what it carries stay; the date, the source and its confidence are what get corrected
      const { note, ...details } = e.details
      const body = {
        event: {
          ...details,
          type: e.type,
          occurredOn,
          source,
          confidence,
          ...(note ? { note } : {}),
        },
        reason,
      }
      return ok(http.POST('/missing/{id}/events/{seq}/correction', { params: { path }, body: body as never }))
    },
    onSuccess: async () => {
      await refresh()
      p.close()
    },
  })
  const title = t(p.mode === 'correct' ? 'missing.change.correctTitle' : 'missing.change.retractTitle', {
    event: t(`missing.events.${e.type}`),
  })
  return (
    <Paper
      withBorder
      p="xs"
      mt={4}
      component="form"
      aria-label={title}
      onSubmit={(ev: React.FormEvent) => {
        ev.preventDefault()
        save.mutate()
      }}
    >
      {save.isError && (
        <Alert color="red" role="alert" mb="xs">
          {missingRefusal(t, save.error, i18n.language)}
        </Alert>
      )}
      <Grid gap="xs">
        {p.mode === 'correct' && (
          <>
            <Grid.Col span={4}>
              <TextInput
                size="xs"
                label={t('missing.fields.occurredOn')}
                value={occurredOn}
                onChange={(x) => setOccurredOn(x.currentTarget.value)}
              />
            </Grid.Col>
            <Grid.Col span={4}>
              <TextInput
                size="xs"
                label={t('missing.fields.source')}
                value={source}
                onChange={(x) => setSource(x.currentTarget.value)}
              />
            </Grid.Col>
            <Grid.Col span={4}>
              <Select
                size="xs"
                label={t('missing.fields.confidence')}
                data={['high', 'medium', 'low'].map((v) => ({
                  value: v,
                  label: t(`missing.confidence.${v}`),
                }))}
                value={confidence}
                onChange={(v) => setConfidence(v ?? confidence)}
                allowDeselect={false}
              />
            </Grid.Col>
          </>
        )}
        <Grid.Col span={12}>
          <TextInput
            size="xs"
            label={t('missing.change.reason')}
            value={reason}
            onChange={(x) => setReason(x.currentTarget.value)}
          />
        </Grid.Col>
      </Grid>
      <Group gap="xs" mt="xs">
        <Button
          size="xs"
          type="submit"
          loading={save.isPending}
          color={p.mode === 'retract' ? 'red' : undefined}
        >
          {t(p.mode === 'correct' ? 'missing.change.saveCorrection' : 'missing.change.saveRetraction')}
        </Button>
        <Button size="xs" variant="default" onClick={p.close}>
          {t('missing.change.cancel')}
        </Button>
      </Group>
    </Paper>
  )
}
