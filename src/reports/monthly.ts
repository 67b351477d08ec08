import { ValidationError } from '../core/errors'
import type { TableDocument, TableSection } from '../documents/table'

// The monthly report for the leadership, pure: the month checked, the month's figures beside the
// month before's with the change, and the document in en or uk. The SQL is the dashboard's
// (src/dashboard/store.ts, its month-bounded variants); the PDF is src/documents/pdf.ts.

export const REPORT_LANGUAGES = ['en', 'uk'] as const
export type ReportLanguage = (typeof REPORT_LANGUAGES)[number]

/** The custody events the report counts, persons per month (a person twice in a month counts once). */
export const CUSTODY_EVENTS = [
  'captured',
  'transferred',
  'hospitalised',
  'died',
  'escaped',
  'released',
  'repatriated',
  'exchanged',
] as const

export const OURS_FIGURES = [
  'reportedMissing',
  'captivityIndicated',
  'captivityConfirmed',
  'returned',
] as const

/** A month as its first day and the first day of the next, and the month before it. */
export type MonthSpan = { month: string; previous: string; from: string; to: string; previousFrom: string }

const shift = (month: string, by: number) => {
  const [y, m] = month.split('-').map(Number) as [number, number]
  const d = new Date(Date.UTC(y, m - 1 + by, 1))
  return d.toISOString().slice(0, 7)
}

/**
 * The month asked for, checked: YYYY-MM, a real month, not after the month of `today` (a month to
 * come has no figures yet; the current one is reported as far as it has gone).
 * @throws ValidationError naming `month`
 */
export function monthOf(month: string | undefined, today: string): MonthSpan {
  const refuse = (message: string) => new ValidationError([{ path: 'month', message }])
  if (!month) throw refuse('month is required, as YYYY-MM (2026-11)')
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month))
    throw refuse(`month must be YYYY-MM with a month from 01 to 12 (2026-11), not "${month}"`)
  if (month > today.slice(0, 7)) throw refuse(`month ${month} has not come yet (today is ${today})`)
  if (month < '1900-01') throw refuse(`month ${month} is before 1900`)
  const previous = shift(month, -1)
  return { month, previous, from: `${month}-01`, to: `${shift(month, 1)}-01`, previousFrom: `${previous}-01` }
}

export type Figure = { key: string; n: number; previous: number; change: number }

export type MonthlyExchange = {
  name: string
  counterpart: string
  status: string
  on: string
  given: number
  received: number
}

export type MonthlyReport = {
  month: string
  previous: string
  computedAt: string
  custody: Figure[]
  ours: Figure[]
  exchanges: { totals: Figure[]; items: MonthlyExchange[] }
}

type MonthRow = { month: string; n: number }

/** A figure of `month` beside the month before, and the change (+ more, - fewer). */
function figure(key: string, rows: MonthRow[], span: MonthSpan): Figure {
  const of = (m: string) => rows.filter((r) => r.month === m).reduce((s, r) => s + r.n, 0)
  const n = of(span.month)
  const previous = of(span.previous)
  return { key, n, previous, change: n - previous }
}

/** The report's figures from the month-bounded aggregates (two months of each). */
export function monthlyFigures(
  span: MonthSpan,
  computedAt: string,
  input: {
    registered: MonthRow[]
    custodyEvents: { month: string; type: string; n: number }[]
    ours: {
      month: string
      reportedMissing: number
      captivityIndicated: number
      captivityConfirmed: number
      returned: number
    }[]
    exchanges: (MonthlyExchange & { id: string; month: string })[]
  },
): MonthlyReport {
  const custody = [
    figure('registered', input.registered, span),
    ...CUSTODY_EVENTS.map((type) =>
      figure(
        type,
        input.custodyEvents.filter((e) => e.type === type),
        span,
      ),
    ),
  ]
  const ours = OURS_FIGURES.map((key) =>
    figure(
      key,
      input.ours.map((m) => ({ month: m.month, n: m[key] })),
      span,
    ),
  )
  const crossed = input.exchanges
  const exchanges = {
    totals: [
      figure(
        'exchanges',
        crossed.map((e) => ({ month: e.month, n: 1 })),
        span,
      ),
      figure(
        'given',
        crossed.map((e) => ({ month: e.month, n: e.given })),
        span,
      ),
      figure(
        'received',
        crossed.map((e) => ({ month: e.month, n: e.received })),
        span,
      ),
    ],
    items: crossed
      .filter((e) => e.month === span.month)
      .map(({ name, counterpart, status, on, given, received }) => ({
        name,
        counterpart,
        status,
        on,
        given,
        received,
      })),
  }
  return { month: span.month, previous: span.previous, computedAt, custody, ours, exchanges }
}

/** +3, -2, 0: the change as the report prints it. */
export const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0')

const WORDS = {
  en: {
    title: 'Monthly report',
    subtitle: (month: string) => `Month: ${month}`,
    computed: (at: string) => `Computed at ${at} UTC`,
    basis:
      'Counts of confirmed records (unconfirmed reports aside), each beside the month before and its change (+ more, − fewer).',
    pageOf: (p: number, n: number) => `page ${p} of ${n}`,
    cover: 'Report',
    columns: { figure: 'Figure', change: 'Change' },
    custody: 'Persons we hold: what happened in the month',
    ours: 'Our missing people: what became known in the month',
    exchangeTotals: 'Exchanges in the month',
    exchangeItems: 'The exchanges of the month',
    noExchanges: 'No one crossed in an exchange this month',
    items: {
      name: 'Exchange',
      counterpart: 'Counterpart',
      status: 'Status',
      on: 'Last crossing',
      given: 'Given',
      received: 'Received',
    },
    labels: {
      registered: 'Registered',
      captured: 'Captured',
      transferred: 'Transferred',
      hospitalised: 'Hospitalised',
      died: 'Died',
      escaped: 'Escaped',
      released: 'Released',
      repatriated: 'Repatriated',
      exchanged: 'Exchanged',
      reportedMissing: 'Reported missing',
      captivityIndicated: 'Captivity indicated',
      captivityConfirmed: 'Captivity confirmed',
      returned: 'Returned home',
      exchanges: 'Exchanges with crossings',
      given: 'Persons handed over',
      received: 'Our people received',
    } as Record<string, string>,
    status: {
      draft: 'draft',
      proposed: 'proposed',
      agreed: 'agreed',
      executing: 'under way',
      done: 'done',
      cancelled: 'cancelled',
    } as Record<string, string>,
  },
  uk: {
    title: 'Щомісячний звіт',
    subtitle: (month: string) => `Місяць: ${month}`,
    computed: (at: string) => `Обчислено ${at} UTC`,
    basis:
      'Кількість підтверджених записів (непідтверджені повідомлення окремо), поруч із попереднім місяцем і зміною (+ більше, − менше).',
    pageOf: (p: number, n: number) => `сторінка ${p} з ${n}`,
    cover: 'Звіт',
    columns: { figure: 'Показник', change: 'Зміна' },
    custody: 'Особи, яких ми утримуємо: що сталося за місяць',
    ours: 'Наші зниклі безвісти: що стало відомо за місяць',
    exchangeTotals: 'Обміни за місяць',
    exchangeItems: 'Обміни місяця',
    noExchanges: 'Цього місяця ніхто не перейшов в обміні',
    items: {
      name: 'Обмін',
      counterpart: 'Інша сторона',
      status: 'Стан',
      on: 'Останній перехід',
      given: 'Передано',
      received: 'Отримано',
    },
    labels: {
      registered: 'Зареєстровано',
      captured: 'Взято в полон',
      transferred: 'Переведено',
      hospitalised: 'Госпіталізовано',
      died: 'Померли',
      escaped: 'Втекли',
      released: 'Звільнено',
      repatriated: 'Репатрійовано',
      exchanged: 'Обміняно',
      reportedMissing: 'Повідомлено про зникнення',
      captivityIndicated: 'Є ознаки полону',
      captivityConfirmed: 'Полон підтверджено',
      returned: 'Повернулися додому',
      exchanges: 'Обміни з переходами',
      given: 'Передано осіб',
      received: 'Отримано наших людей',
    } as Record<string, string>,
    status: {
      draft: 'чернетка',
      proposed: 'запропоновано',
      agreed: 'погоджено',
      executing: 'триває',
      done: 'завершено',
      cancelled: 'скасовано',
    } as Record<string, string>,
  },
} satisfies Record<ReportLanguage, unknown>

/** The report as a printable document in `lang`: one table per section, each figure with its change. */
export function reportDocument(r: MonthlyReport, lang: ReportLanguage): TableDocument {
  const w = WORDS[lang]
  const at = r.computedAt.slice(0, 16).replace('T', ' ')
  const figures = (heading: string, rows: Figure[]): TableSection => ({
    heading,
    columns: [
      { label: w.columns.figure, width: 5 },
      { label: r.month, width: 2, align: 'right' },
      { label: r.previous, width: 2, align: 'right' },
      { label: w.columns.change, width: 2, align: 'right' },
    ],
    rows: rows.map((f) => [w.labels[f.key] ?? f.key, f.n, f.previous, signed(f.change)]),
  })
  const items: TableSection = {
    heading: w.exchangeItems,
    columns: [
      { label: w.items.name, width: 4 },
      { label: w.items.counterpart, width: 3 },
      { label: w.items.status, width: 2 },
      { label: w.items.on, width: 2 },
      { label: w.items.given, width: 1.5, align: 'right' },
      { label: w.items.received, width: 1.5, align: 'right' },
    ],
    rows:
      r.exchanges.items.length > 0
        ? r.exchanges.items.map((e) => [
            e.name,
            e.counterpart,
            w.status[e.status] ?? e.status,
            e.on,
            e.given,
            e.received,
          ])
        : [[w.noExchanges, '', '', '', '', '']],
  }
  return {
    title: `${w.title} · ${r.month}`,
    subtitle: w.subtitle(r.month),
    headerLines: [w.computed(at), w.basis],
    sections: [
      figures(w.custody, r.custody),
      figures(w.ours, r.ours),
      figures(w.exchangeTotals, r.exchanges.totals),
      items,
    ],
    signatures: [],
    generatedAt: w.computed(at),
    pageOf: w.pageOf,
    coverSheet: w.cover,
    signatureLabel: '',
  }
}
