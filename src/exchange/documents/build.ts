import type { Cell, Column, TableDocument, TableSection } from '../../documents/table'
import { cyrillicLanguageOf } from '../../names/language'
import { transliterate } from '../../names/transliterate'
import type { PriorityCategory, Side } from '../model'
import { DOCUMENT_TEXTS, type DocumentLanguage, type DocumentTexts } from './texts'

/**
 * The agreed lists and the handover report as table documents, pure: the service reads the
 * persons, these put them into words in the reader's language.
 */

export type NamedPerson = {
  surname: string
  firstNames: string
  dateOfBirth: string | null
  serviceNumber: string | null
  rank: string | null
}

export type ListedPerson = NamedPerson & {
  ref: string
  side: Side
  stage: number
  /** the highest priority group the person is in, null when none */
  priority: PriorityCategory | null
  outcome: string
  substitute: NamedPerson | null
}

export type ExchangeHeading = {
  name: string
  counterpart: string
  mediator: string | null
  venue: string | null
  status: string
  stages: number[]
  round: { n: number; kind: string } | null
  /** whether the handover has started (results exist) */
  started: boolean
}

/** Latin letters beside the name as written: Ukrainian national 2010 for Ukrainian, ICAO 9303 else. */
export function latinOf(p: Pick<NamedPerson, 'surname' | 'firstNames'>): string {
  const name = [p.surname, p.firstNames].filter(Boolean).join(' ')
  return transliterate(name, cyrillicLanguageOf(name) === 'uk' ? 'uk-2010' : 'ru-icao')
}

const SIDES: Side[] = ['give', 'receive']

function headerLines(e: ExchangeHeading, t: DocumentTexts): string[] {
  return [
    `${t.exchange}: ${e.name}`,
    `${t.counterpart}: ${e.counterpart}`,
    ...(e.mediator ? [`${t.mediator}: ${e.mediator}`] : []),
    ...(e.venue ? [`${t.venue}: ${e.venue}`] : []),
    `${t.status}: ${t.statuses[e.status] ?? e.status}`,
    ...(e.stages.length > 0 ? [`${t.stages}: ${e.stages.join(' / ')}`] : []),
  ]
}

function frame(e: ExchangeHeading, t: DocumentTexts, now: Date) {
  return {
    subtitle: e.round ? t.round(e.round.n, t.kinds[e.round.kind] ?? e.round.kind) : undefined,
    headerLines: headerLines(e, t),
    signatures: [t.forOurSide, t.forOtherSide(e.counterpart), t.forMediator(e.mediator)],
    generatedAt: t.generatedAt(now.toISOString().slice(0, 16).replace('T', ' ')),
    pageOf: t.pageOf,
    coverSheet: t.document,
    signatureLabel: t.signature,
  }
}

const nameColumns = (t: DocumentTexts): Column[] => [
  { label: t.no, width: 4, align: 'right' },
  { label: t.surname, width: 14 },
  { label: t.givenNames, width: 16 },
  { label: t.latin, width: 19 },
  { label: t.dateOfBirth, width: 10 },
  { label: t.serviceNumber, width: 10 },
]
const nameCells = (p: NamedPerson, i: number): Cell[] => [
  i + 1,
  p.surname,
  p.firstNames,
  latinOf(p),
  p.dateOfBirth ?? '',
  p.serviceNumber ?? '',
]

/** The agreed lists of a round: ours to give and theirs to receive, by stage and priority. */
export function agreedListsDocument(
  e: ExchangeHeading,
  persons: readonly ListedPerson[],
  lang: DocumentLanguage,
  now: Date,
): TableDocument {
  const t = DOCUMENT_TEXTS[lang]
  const columns: Column[] = [
    ...nameColumns(t),
    { label: t.rank, width: 9 },
    { label: t.stage, width: 5, align: 'right' },
    { label: t.priority, width: 13 },
  ]
  const sections: TableSection[] = SIDES.map((side) => ({
    heading: t[side],
    columns,
    rows: persons
      .filter((p) => p.side === side)
      .map(
        (p, i) =>
          [...nameCells(p, i), p.rank ?? '', p.stage, t.priorities[p.priority ?? 'none'] ?? ''] as Cell[],
      ),
  }))
  return { title: t.agreedListsTitle, ...frame(e, t, now), sections }
}

/**
 * The handover report: each person with the stage and the result (exchanged, did not cross and
 * why, replaced by whom), the counts per stage and the totals, and lines for three signatures.
 */
export function handoverReportDocument(
  e: ExchangeHeading,
  persons: readonly ListedPerson[],
  lang: DocumentLanguage,
  now: Date,
): TableDocument {
  const t = DOCUMENT_TEXTS[lang]
  const columns: Column[] = [
    ...nameColumns(t),
    { label: t.stage, width: 5, align: 'right' },
    { label: t.result, width: 10 },
    { label: t.reason, width: 12 },
    { label: t.replacedBy, width: 20 },
  ]
  const sections: TableSection[] = SIDES.map((side) => ({
    heading: t[side],
    columns,
    rows: persons
      .filter((p) => p.side === side)
      .map(
        (p, i) =>
          [
            ...nameCells(p, i),
            p.stage,
            t.outcomes[p.outcome] ?? p.outcome,
            t.reasons[p.outcome] ?? '',
            p.substitute
              ? `${p.substitute.surname} ${p.substitute.firstNames} (${latinOf(p.substitute)})`
              : '',
          ] as Cell[],
      ),
  }))
  sections.push(countsSection(persons, t))
  const frameLines = frame(e, t, now)
  return {
    title: t.handoverReportTitle,
    ...frameLines,
    headerLines: e.started ? frameLines.headerLines : [...frameLines.headerLines, t.notStarted],
    sections,
  }
}

export type StageCounts = {
  stage: number | 'total'
  side: Side
  agreed: number
  crossed: number
  didNotCross: number
  replaced: number
  pending: number
}

/** Per stage and side, then the totals per side: a substitute who crossed counts as exchanged. */
export function stageCounts(
  persons: readonly Pick<ListedPerson, 'side' | 'stage' | 'outcome'>[],
): StageCounts[] {
  const stages = [...new Set(persons.map((p) => p.stage))].sort((a, b) => a - b)
  const count = (side: Side, stage: number | 'total') => {
    const of = persons.filter((p) => p.side === side && (stage === 'total' || p.stage === stage))
    const n = (...outcomes: string[]) => of.filter((p) => outcomes.includes(p.outcome)).length
    return {
      stage,
      side,
      agreed: of.length,
      crossed: n('crossed', 'substituted'),
      didNotCross: n('no_show', 'refused'),
      replaced: n('substituted'),
      pending: n('pending'),
    }
  }
  return [
    ...stages.flatMap((s) => SIDES.map((side) => count(side, s))),
    ...SIDES.map((side) => count(side, 'total')),
  ]
}

function countsSection(persons: readonly ListedPerson[], t: DocumentTexts): TableSection {
  return {
    heading: t.countsPerStage,
    columns: [
      { label: t.stage, width: 8 },
      { label: t.side, width: 24 },
      { label: t.agreed, width: 10, align: 'right' },
      { label: t.crossed, width: 10, align: 'right' },
      { label: t.didNotCross, width: 10, align: 'right' },
      { label: t.replaced, width: 10, align: 'right' },
      { label: t.pending, width: 10, align: 'right' },
    ],
    rows: stageCounts(persons).map((c) => [
      c.stage === 'total' ? t.totals : c.stage,
      t[c.side],
      c.agreed,
      c.crossed,
      c.didNotCross,
      c.replaced,
      c.pending,
    ]),
  }
}
