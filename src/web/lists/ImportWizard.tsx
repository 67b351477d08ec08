import {
  Alert,
  Button,
  FileInput,
  Group,
  NativeSelect,
  Paper,
  Progress,
  Stack,
  Stepper,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core'
import { Link, useNavigate } from '@tanstack/react-router'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { http, ok } from '../api'
import { errorMessage } from '../forms'
import { ListRows } from './ListRows'
import {
  LIST_FIELDS,
  type ListField,
  type ListReadRow,
  SOURCE_KINDS,
  type UploadAnalysis,
  uploadList,
  useListIndex,
  useRefreshLists,
} from './useLists'

const asRow = (r: ListReadRow) => ({ key: `${r.line}`, line: r.line, written: r.written, flags: r.flags })

type Provenance = {
  name: string
  from: string
  fromKind: (typeof SOURCE_KINDS)[number]
  via: string
  receivedOn: string
  periodFrom: string
  periodTo: string
  replaces: string
  note: string
}

/**
 * The import of a received list in four steps: the file (uploaded with a progress bar, stored once),
 * its columns (proposed from the headers or as saved for the source, with the first rows and every
 * doubtful value), where it came from, and the confirmation that imports it and opens its page.
 */
export function ImportWizard() {
  const { t, i18n } = useTranslation()
  const navigate = useNavigate()
  const refresh = useRefreshLists()
  const stored = useListIndex()
  const [step, setStep] = useState(0)
  const [file, setFile] = useState<File | null>(null)
  const [source, setSource] = useState('')
  const [sent, setSent] = useState<number | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const [analysis, setAnalysis] = useState<UploadAnalysis | null>(null)
  const [mapping, setMapping] = useState<(ListField | null)[]>([])
  const [p, setP] = useState<Provenance>({
    name: '',
    from: '',
    fromKind: 'other_side',
    via: '',
    receivedOn: new Date().toISOString().slice(0, 10),
    periodFrom: '',
    periodTo: '',
    replaces: '',
    note: '',
  })
  const set = (k: keyof Provenance) => (e: { currentTarget: { value: string } }) =>
    setP({ ...p, [k]: e.currentTarget.value })

  async function run(work: () => Promise<void>) {
    setBusy(true)
    setError(null)
    try {
      await work()
    } catch (e) {
      setError(e)
    } finally {
      setBusy(false)
      setSent(null)
    }
  }

  const read = (a: UploadAnalysis) => {
    setAnalysis(a)
    setMapping(a.mapping.columns.map((c) => c.field))
  }

  const upload = () =>
    run(async () => {
      if (!file) return
      setSent(0)
      read(
        await uploadList(file, source, (done, total) =>
          setSent(total ? Math.round((done / total) * 100) : 0),
        ),
      )
      if (source.trim()) setP((x) => ({ ...x, from: source.trim() }))
      setStep(1)
    })

  const readAgain = () =>
    run(async () => {
      if (!analysis) return
      read(
        await ok(
          http.POST('/lists/uploads/{id}/preview', {
            params: { path: { id: analysis.upload.id } },
            body: { mapping, source: source.trim() || undefined },
          }),
        ),
      )
    })

  const confirm = () =>
    run(async () => {
      if (!analysis) return
      const out = await ok(
        http.POST('/lists/uploads/{id}/confirm', {
          params: { path: { id: analysis.upload.id } },
          body: {
            name: p.name.trim() || undefined,
            mapping,
            provenance: {
              from: p.from,
              fromKind: p.fromKind,
              via: p.via.trim() || undefined,
              receivedOn: p.receivedOn,
              periodFrom: p.periodFrom || undefined,
              periodTo: p.periodTo || undefined,
              replaces: p.replaces || undefined,
              note: p.note.trim() || undefined,
            },
          },
        }),
      )
      await refresh()
      // a large file is stored by a worker (202): its progress is on the jobs page
      if ('jobId' in out) await navigate({ to: '/jobs' })
      else await navigate({ to: '/lists/$listId', params: { listId: out.id } })
    })

  const mappedFields = LIST_FIELDS.filter((f) => mapping.includes(f))
  const fieldOptions = [
    { value: '', label: t('lists.wizard.leaveOut') },
    ...LIST_FIELDS.map((f) => ({ value: f, label: t(`lists.fields.${f}`) })),
  ]
  return (
    <Stack>
      <Title order={2}>{t('lists.wizard.title')}</Title>
      <Stepper active={step} onStepClick={(s) => s < step && setStep(s)} size="sm">
        <Stepper.Step label={t('lists.wizard.steps.upload')} />
        <Stepper.Step label={t('lists.wizard.steps.mapping')} />
        <Stepper.Step label={t('lists.wizard.steps.provenance')} />
        <Stepper.Step label={t('lists.wizard.steps.confirm')} />
      </Stepper>
      {error !== null && (
        <Alert color="red" role="alert" data-testid="list-wizard-error">
          {errorMessage(t, error, i18n.language)}
        </Alert>
      )}
      {analysis?.importedAs && (
        <Alert color="yellow" data-testid="list-imported-before">
          {t('lists.wizard.importedAs', { name: analysis.importedAs.name })}{' '}
          <Link to="/lists/$listId" params={{ listId: analysis.importedAs.id }}>
            {t('lists.wizard.openList')}
          </Link>
        </Alert>
      )}
      {step === 0 && (
        <Paper withBorder p="md" component="section" aria-label={t('lists.wizard.steps.upload')}>
          <Stack>
            <FileInput
              label={t('lists.wizard.file')}
              accept=".csv,.xlsx,.jsonl,.ndjson"
              value={file}
              onChange={setFile}
              clearable
            />
            <TextInput
              label={t('lists.wizard.source')}
              value={source}
              onChange={(e) => setSource(e.currentTarget.value)}
            />
            {sent !== null && (
              <Stack gap={4} data-testid="list-upload-progress">
                <Progress value={sent < 100 ? sent : 100} animated={sent >= 100} striped={sent >= 100} />
                <Text size="sm">
                  {sent < 100 ? t('lists.wizard.uploading', { percent: sent }) : t('lists.wizard.reading')}
                </Text>
              </Stack>
            )}
            <Group>
              <Button onClick={() => void upload()} loading={busy} disabled={!file}>
                {t('lists.wizard.upload')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}
      {step === 1 && analysis && (
        <Paper withBorder p="md" component="section" aria-label={t('lists.wizard.steps.mapping')}>
          <Stack>
            {!analysis.created && <Text c="dimmed">{t('lists.wizard.sameFile')}</Text>}
            <Text>{t(`lists.wizard.mappingFrom_${analysis.mapping.from}`)}</Text>
            <Table withTableBorder data-testid="list-mapping">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('lists.wizard.column')}</Table.Th>
                  <Table.Th>{t('lists.wizard.field')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {analysis.mapping.columns.map((c, i) => (
                  // a column is its place in the file: the header row never changes order
                  // biome-ignore lint/suspicious/noArrayIndexKey: columns are fixed by the file
                  <Table.Tr key={i}>
                    <Table.Td>{c.header}</Table.Td>
                    <Table.Td>
                      <NativeSelect
                        aria-label={`${t('lists.wizard.column')} ${c.header}`}
                        data={fieldOptions}
                        value={mapping[i] ?? ''}
                        onChange={(e) => {
                          const next = [...mapping]
                          next[i] = (e.currentTarget.value || null) as ListField | null
                          setMapping(next)
                        }}
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Group>
              <Button variant="light" onClick={() => void readAgain()} loading={busy}>
                {t('lists.wizard.readAgain')}
              </Button>
            </Group>
            <Text data-testid="list-wizard-counts">
              {t('lists.wizard.counts', { rows: analysis.counts.rows, flagged: analysis.counts.flaggedRows })}
            </Text>
            <Title order={4}>{t('lists.wizard.preview')}</Title>
            <ListRows rows={analysis.preview.map(asRow)} fields={mappedFields} testId="list-preview" />
            <Title order={4}>{t('lists.wizard.flagged')}</Title>
            <ListRows rows={analysis.flagged.map(asRow)} fields={mappedFields} testId="list-flags" />
            <Group>
              <Button variant="default" onClick={() => setStep(0)}>
                {t('lists.wizard.back')}
              </Button>
              <Button onClick={() => setStep(2)}>{t('lists.wizard.next')}</Button>
            </Group>
          </Stack>
        </Paper>
      )}
      {step === 2 && analysis && (
        <Paper
          withBorder
          p="md"
          component="form"
          aria-label={t('lists.wizard.steps.provenance')}
          onSubmit={(e) => {
            e.preventDefault()
            setStep(3)
          }}
        >
          <Stack>
            <TextInput label={t('lists.wizard.from')} value={p.from} onChange={set('from')} required />
            <NativeSelect
              label={t('lists.wizard.fromKind')}
              value={p.fromKind}
              onChange={set('fromKind')}
              data={SOURCE_KINDS.map((k) => ({ value: k, label: t(`lists.kinds.${k}`) }))}
            />
            <TextInput label={t('lists.wizard.via')} value={p.via} onChange={set('via')} />
            <TextInput
              type="date"
              label={t('lists.wizard.receivedOn')}
              value={p.receivedOn}
              onChange={set('receivedOn')}
              required
            />
            <Group grow>
              <TextInput
                type="date"
                label={t('lists.wizard.periodFrom')}
                value={p.periodFrom}
                onChange={set('periodFrom')}
              />
              <TextInput
                type="date"
                label={t('lists.wizard.periodTo')}
                value={p.periodTo}
                onChange={set('periodTo')}
              />
            </Group>
            <NativeSelect
              label={t('lists.wizard.replaces')}
              value={p.replaces}
              onChange={set('replaces')}
              data={[
                { value: '', label: t('lists.wizard.none') },
                ...(stored.data?.lists ?? []).map((l) => ({ value: l.id, label: l.name })),
              ]}
            />
            <TextInput label={t('lists.wizard.name')} value={p.name} onChange={set('name')} />
            <Textarea label={t('lists.wizard.note')} value={p.note} onChange={set('note')} />
            <Group>
              <Button variant="default" onClick={() => setStep(1)}>
                {t('lists.wizard.back')}
              </Button>
              <Button type="submit">{t('lists.wizard.next')}</Button>
            </Group>
          </Stack>
        </Paper>
      )}
      {step === 3 && analysis && (
        <Paper withBorder p="md" component="section" aria-label={t('lists.wizard.steps.confirm')}>
          <Stack>
            <Text data-testid="list-wizard-summary">
              {t('lists.wizard.summary', {
                rows: analysis.counts.rows,
                file: analysis.upload.fileName,
                from: p.from,
                receivedOn: p.receivedOn,
              })}
            </Text>
            {busy && <Progress value={100} animated striped data-testid="list-import-progress" />}
            <Group>
              <Button variant="default" onClick={() => setStep(2)}>
                {t('lists.wizard.back')}
              </Button>
              <Button onClick={() => void confirm()} loading={busy}>
                {t('lists.wizard.confirm')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}
    </Stack>
  )
}
