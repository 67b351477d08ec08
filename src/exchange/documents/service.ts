import type { Clock } from '../../core/clock'
import { DomainError } from '../../core/errors'
import type { Db } from '../../db/connection'
import { renderPdf } from '../../documents/pdf'
import type { TableDocument } from '../../documents/table'
import { renderXlsx } from '../../documents/xlsx'
import { longestHeldThreshold, priorityTier } from '../eligibility'
import { dedupe, stagesOf } from '../handover-rules'
import type { Candidate, Side, Terms } from '../model'
import type { SoughtPerson } from '../sought'
import * as store from '../store'
import { candidatesOf } from '../use-cases/candidates'
import { load, todayOf } from '../use-cases/deps'
import {
  agreedListsDocument,
  type ExchangeHeading,
  handoverReportDocument,
  type ListedPerson,
  type NamedPerson,
} from './build'
import type { DocumentLanguage } from './texts'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export const EXCHANGE_DOCUMENTS = ['agreed-lists', 'handover-report'] as const
export type ExchangeDocument = (typeof EXCHANGE_DOCUMENTS)[number]
export const DOCUMENT_FORMATS = ['pdf', 'xlsx'] as const
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number]

const CONTENT_TYPES: Record<DocumentFormat, string> = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
}

export type ExportedDocument = {
  bytes: Buffer
  fileName: string
  contentType: string
  /** every person the document names (the disclosure's ids) */
  refs: string[]
}

export type ExchangeDocuments = ReturnType<typeof createExchangeDocuments>

/**
 * The exchange's printable documents: read the lists (the handover's rows once it has started,
 * else the last round's lists staged as the handover would stage them), name every person, and
 * write the document in the reader's language as PDF or XLSX.
 */
export function createExchangeDocuments({ db, clock }: { db: Db; clock: Clock }) {
  async function listed(id: string) {
    const e = await load(db, id)
    const [rows, last, sought] = await Promise.all([
      store.handoverOf(db, id),
      store.lastRound(db, id),
      store.poolOf(db, id, 'receive'),
    ])
    if (rows.length === 0 && !last)
      throw new DomainError(
        'CONFLICT',
        'the exchange has no lists yet: plan it or import a counter-list first',
      )
    const { candidates } = await candidatesOf(db, e, todayOf(clock))
    const terms = e.terms as Terms
    const bySide = { give: new Map<string, Candidate>(), receive: new Map<string, Candidate>() }
    for (const c of candidates) bySide[c.side].set(c.id, c)
    const longest = {
      give: longestHeldThreshold([...bySide.give.values()]),
      receive: longestHeldThreshold([...bySide.receive.values()]),
    }
    const entries: {
      side: Side
      ref: string
      stage: number
      outcome: string
      substituteRef: string | null
    }[] =
      rows.length > 0
        ? rows.map((r) => ({ ...r, substituteRef: r.substitute_ref }))
        : (['give', 'receive'] as const).flatMap((side) => {
            // not yet started: staged exactly as the handover will stage them
            const { unique } = dedupe(last![side] as string[])
            const stages = stagesOf(unique, bySide[side], terms, e.stages as number[])
            return unique.map((ref) => ({
              side,
              ref,
              stage: stages.get(ref)!,
              outcome: 'pending',
              substituteRef: null,
            }))
          })
    const ours = entries.flatMap((r) => (r.side === 'give' ? [r.ref, r.substituteRef ?? r.ref] : []))
    const register = await registerNames(db, [...new Set(ours)])
    const theirs = new Map(sought.map((s) => [s.ref, soughtName(s.attrs as SoughtPerson)]))
    const nameOf = (side: Side, ref: string): NamedPerson =>
      (side === 'give' ? register.get(ref) : theirs.get(ref)) ?? {
        surname: ref,
        firstNames: '',
        dateOfBirth: null,
        serviceNumber: null,
        rank: null,
      }
    const persons: ListedPerson[] = entries.map((r) => {
      const c = bySide[r.side].get(r.ref)
      const tier = c ? priorityTier(c, terms, longest[r.side]) : terms.priorities.length
      return {
        ...nameOf(r.side, r.ref),
        ref: r.ref,
        side: r.side,
        stage: r.stage,
        priority: terms.priorities[tier] ?? null,
        outcome: r.outcome,
        substitute: r.substituteRef ? nameOf(r.side, r.substituteRef) : null,
      }
    })
    // stage by stage, then by name: the order the other side checks a printed list in
    persons.sort(
      (a, b) =>
        a.stage - b.stage ||
        a.surname.localeCompare(b.surname, 'uk') ||
        a.firstNames.localeCompare(b.firstNames, 'uk'),
    )
    const heading: ExchangeHeading = {
      name: e.name,
      counterpart: e.counterpart,
      mediator: e.mediator,
      venue: e.venue,
      status: e.status,
      stages: e.stages as number[],
      round: last ? { n: last.n, kind: last.kind } : null,
      started: rows.length > 0,
    }
    const refs = entries.flatMap((r) => (r.substituteRef ? [r.ref, r.substituteRef] : [r.ref]))
    return { heading, persons, refs }
  }

  /** One document of the exchange, in one format and language, ready to send. */
  async function exportDocument(
    id: string,
    document: ExchangeDocument,
    format: DocumentFormat,
    lang: DocumentLanguage,
  ): Promise<ExportedDocument> {
    const { heading, persons, refs } = await listed(id)
    const now = clock()
    const doc: TableDocument =
      document === 'agreed-lists'
        ? agreedListsDocument(heading, persons, lang, now)
        : handoverReportDocument(heading, persons, lang, now)
    const bytes = format === 'pdf' ? await renderPdf(doc) : await renderXlsx(doc)
    return {
      bytes,
      fileName: `${document}-${id.slice(0, 8)}-${now.toISOString().slice(0, 10)}-${lang}.${format}`,
      contentType: CONTENT_TYPES[format],
      refs,
    }
  }

  return { exportDocument }
}

/** Persons of ours by id, whatever their status now (an exchanged person keeps his name). */
async function registerNames(db: Db, all: string[]) {
  const out = new Map<string, NamedPerson>()
  // a ref that is no register id (a hand-made round) is named by itself, never a SQL error
  const ids = all.filter((id) => UUID.test(id))
  for (let i = 0; i < ids.length; i += 5000) {
    const chunk = ids.slice(i, i + 5000)
    if (chunk.length === 0) continue
    const found = await db
      .selectFrom('persons')
      .select(['id', 'surname', 'first_names', 'date_of_birth', 'service_number', 'rank'])
      .where('id', 'in', chunk)
      .execute()
    for (const p of found)
      out.set(p.id, {
        surname: p.surname,
        firstNames: p.first_names ?? '',
        dateOfBirth: p.date_of_birth,
        serviceNumber: p.service_number,
        rank: p.rank,
      })
  }
  return out
}

function soughtName(s: SoughtPerson): NamedPerson {
  return {
    surname: s.surname,
    firstNames: [s.firstNames, s.patronymic].filter(Boolean).join(' '),
    dateOfBirth: s.dateOfBirth || null,
    serviceNumber: s.serviceNumber || null,
    rank: s.rank || null,
  }
}
