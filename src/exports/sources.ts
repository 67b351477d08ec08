import { presentPerson } from '../custody/present'
import * as custody from '../custody/store'
import type { Dashboard } from '../dashboard/model'
import type { Db } from '../db/connection'
import type { PresentedEnquiry } from '../enquiries/present'
import { presentMissing } from '../missing/present'
import * as missing from '../missing/store'
import { figuresOf } from './columns'
import { DASHBOARD_SECTIONS, type ExportList } from './model'

type Row = Record<string, unknown>

/** Rows of one list, read in pages: `pages` never holds more than one page. */
export type ExportSource = {
  /** the number of rows, or `cap + 1` when there are more than `cap` */
  countUpTo: (cap: number) => Promise<number>
  pages: () => AsyncGenerator<Row[]>
}

/** What the sources read through other capabilities' services (their own reads and rules). */
export type SourcePorts = {
  db: Db
  enquiries: {
    listEnquiries: (f: {
      state?: 'open' | 'closed' | 'all'
      missingPersonId?: string
    }) => Promise<{ items: PresentedEnquiry[] }>
  }
  dashboard: { figures: (opts?: { range?: { from?: string; to?: string } }) => Promise<Dashboard> }
  exchanges: { handoverSheet: (exchangeId: string) => Promise<{ rows: HandoverSheetRow[] }> }
}

type SheetPerson = {
  surname: string
  firstNames: string
  dateOfBirth: string | null
  serviceNumber: string | null
  wounded: boolean
}
/** A row of the handover sheet as the exchange's service gives it (src/exchange/use-cases/handover-sheet.ts). */
export type HandoverSheetRow = {
  side: string
  ref: string
  stage: number
  outcome: string
  substituteRef: string | null
  person: SheetPerson | null
  substitute: SheetPerson | null
}

// A page of a thousand rows: few round trips, and a few hundred kilobytes held at a time.
export const PAGE = 1_000

export function sourceOf(
  list: ExportList,
  filters: Record<string, unknown>,
  ports: SourcePorts,
): ExportSource {
  if (list === 'register') return registerSource(ports.db, filters as custody.PersonFilter & Sorting)
  if (list === 'fund')
    // the exchange fund as the overview counts it: held now, consent given (the latest word)
    return registerSource(ports.db, {
      ...filters,
      held: 'true',
      fact: 'consent_given',
    } as custody.PersonFilter)
  if (list === 'missing') return missingSource(ports.db, filters as missing.MissingFilter)
  if (list === 'enquiries') return inMemory(async () => (await ports.enquiries.listEnquiries(filters)).items)
  if (list === 'handover')
    // the sheet the tablet reads (an exchange of a few thousand at most): an unknown exchange is
    // refused by the exchange's own NOT_FOUND, naming it
    return inMemory(async () =>
      (await ports.exchanges.handoverSheet(filters.exchangeId as string)).rows.map(handoverRow),
    )
  return inMemory(async () => {
    // the overview's own dates: a range is computed for itself, as the page shows it
    const range = { from: filters.from as string | undefined, to: filters.to as string | undefined }
    const d = await ports.dashboard.figures({ range })
    const wanted = (filters.section as string | undefined) ?? undefined
    return DASHBOARD_SECTIONS.filter((s) => !wanted || s === wanted).flatMap((s) => figuresOf(s, d[s]))
  })
}

type Sorting = { sort?: custody.PersonPage['sort']; direction?: 'asc' | 'desc' }

function registerSource(db: Db, filters: custody.PersonFilter & Sorting): ExportSource {
  const { sort = 'registerNumber', direction = 'asc', ...filter } = filters
  return {
    countUpTo: (cap) => custody.countPersons(db, filter, cap),
    async *pages() {
      const facilities = new Map((await custody.listFacilities(db)).map((f) => [f.id, f.name]))
      let after: [string | number, string] | undefined
      for (;;) {
        // keyset paging on the register's own sort index: page 100 costs what page 1 does
        const rows = await custody.listPersons(db, filter, { sort, direction, limit: PAGE, after })
        if (rows.length === 0) return
        yield rows.map((r) => {
          const p = presentPerson(r)
          return { ...p, facility: p.facilityId ? (facilities.get(p.facilityId) ?? p.facilityId) : null }
        })
        if (rows.length < PAGE) return
        const last = rows[rows.length - 1]!
        after = [custody.sortKeyOf(last), last.id]
      }
    },
  }
}

function missingSource(db: Db, filter: missing.MissingFilter): ExportSource {
  const source: ExportSource = {
    async countUpTo(cap) {
      let n = 0
      for await (const page of source.pages()) {
        n += page.length
        if (n > cap) return n
      }
      return n
    },
    async *pages() {
      let before: number | undefined
      for (;;) {
        const rows = await missing.listMissing(db, filter, { limit: PAGE, before })
        if (rows.length === 0) return
        yield rows.map(presentMissing)
        if (rows.length < PAGE) return
        before = Number(rows[rows.length - 1]!.register_number)
      }
    },
  }
  return source
}

const nameOf = (p: SheetPerson | null, ref: string | null) =>
  ref === null ? null : p ? `${p.surname} ${p.firstNames}`.trim() : ref

/** One row as the sheet shows it: the person, the wounded marked, and who crossed instead. */
function handoverRow(r: HandoverSheetRow): Row {
  return {
    stage: r.stage,
    side: r.side,
    // a person the sheet cannot name (gone from the register or the list) is shown by reference
    surname: r.person?.surname ?? r.ref,
    firstNames: r.person?.firstNames ?? null,
    dateOfBirth: r.person?.dateOfBirth ?? null,
    serviceNumber: r.person?.serviceNumber ?? null,
    wounded: r.person?.wounded ? 'yes' : '',
    outcome: r.outcome,
    substitute: nameOf(r.substitute, r.substituteRef),
  }
}

/** A list that is small by nature (enquiries, a handover, the overview's figures): read once, paged out. */
function inMemory(read: () => Promise<Row[]>): ExportSource {
  let rows: Promise<Row[]> | undefined
  const all = () => {
    rows ??= read()
    return rows
  }
  return {
    countUpTo: async () => (await all()).length,
    async *pages() {
      const list = await all()
      for (let i = 0; i < list.length; i += PAGE) yield list.slice(i, i + PAGE)
    },
  }
}
