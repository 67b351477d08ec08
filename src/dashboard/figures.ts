import type { ReportedQuestion, ReportedShown } from '../reported/model'
import type { Dashboard } from './model'

// Pure shaping of the aggregates the store computed: no SQL, no I/O, testable by itself.

type Breakdown = { dim: string; key: string | null; n: number }
type Profile = {
  bucket: string
  grp: string
  consent: boolean
  refused: boolean
  proceedings: boolean
  n: number
}

export const TIME_HELD_BUCKETS = ['under_30d', 'd30_90', 'd90_180', 'd180_365', 'y1_2', 'over_2y'] as const
export const FUND_GROUPS = ['seriously_wounded_or_sick', 'woman', 'young', 'longest_held', 'other'] as const
const HELD_STATUSES = ['captured', 'interned', 'hospitalised']
const SERIOUS = ['seriously_wounded', 'seriously_sick']

// ties by key, so the order never depends on the order the database gave the rows in
const byCountDesc = (a: { key: string; n: number }, b: { key: string; n: number }) =>
  b.n - a.n || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)

export function countsOf(
  rows: Breakdown[],
  profile: Profile[],
  facilities: { id: string; name: string; kind: string; capacity: number | null }[],
) {
  const of = (dim: string, unknown = 'unknown') =>
    rows
      .filter((r) => r.dim === dim)
      .map((r) => ({ key: r.key ?? unknown, n: r.n }))
      .sort(byCountDesc)
  const byStatus = of('status')
  const total = byStatus.filter((s) => HELD_STATUSES.includes(s.key)).reduce((s, r) => s + r.n, 0)
  const byFacilityId = new Map(of('facility', '').map((r) => [r.key, r.n]))
  const byHealth = of('health')
  const timeHeld = TIME_HELD_BUCKETS.map((key) => ({
    key,
    n: profile.filter((p) => p.bucket === key).reduce((s, p) => s + p.n, 0),
  }))
  return {
    total,
    byStatus,
    byCategory: of('category'),
    byFacility: facilities.map((f) => ({ ...f, occupancy: byFacilityId.get(f.id) ?? 0 })),
    unplaced: byFacilityId.get('') ?? 0,
    byHealth,
    seriouslyWoundedOrSick: byHealth.filter((h) => SERIOUS.includes(h.key)).reduce((s, h) => s + h.n, 0),
    bySex: of('sex'),
    timeHeld,
  }
}

/** The exchange fund by default priority group: who could go, and what keeps the others back. */
export function fundOf(profile: Profile[]): Dashboard['fund'] {
  const groups = FUND_GROUPS.map((group) => {
    const rows = profile.filter((p) => p.grp === group)
    const sum = (f: (p: Profile) => boolean) => rows.filter(f).reduce((s, p) => s + p.n, 0)
    return {
      group,
      held: sum(() => true),
      consent: sum((p) => p.consent),
      refused: sum((p) => p.refused),
      proceedings: sum((p) => p.proceedings),
      eligible: sum((p) => p.consent && !p.refused && !p.proceedings),
    }
  })
  const total = (k: 'eligible' | 'consent' | 'refused' | 'proceedings') =>
    groups.reduce((s, g) => s + g[k], 0)
  return {
    eligible: total('eligible'),
    consent: total('consent'),
    refused: total('refused'),
    proceedings: total('proceedings'),
    groups,
  }
}

const MONTH_KEYS = {
  reported_missing: 'reportedMissing',
  captivity_indicated: 'captivityIndicated',
  captivity_confirmed: 'captivityConfirmed',
  returned: 'returned',
} as const

export function monthsOf(rows: { month: string; type: string; n: number }[]): Dashboard['ours']['byMonth'] {
  const months = new Map<string, Dashboard['ours']['byMonth'][number]>()
  for (const r of rows) {
    const m = months.get(r.month) ?? {
      month: r.month,
      reportedMissing: 0,
      captivityIndicated: 0,
      captivityConfirmed: 0,
      returned: 0,
    }
    const key = MONTH_KEYS[r.type as keyof typeof MONTH_KEYS]
    if (key) m[key] += r.n
    months.set(r.month, m)
  }
  return [...months.values()].sort((a, b) => a.month.localeCompare(b.month))
}

/** Our own answer to each question a public figure may be about: records confirmed by name. */
export function confirmedFigures(d: Omit<Dashboard, 'reported'>): Record<ReportedQuestion, number> {
  const status = (s: string) => d.held.byStatus.find((r) => r.key === s)?.n ?? 0
  return {
    held_by_us: d.held.total,
    captured_by_us: d.held.byStatus.reduce((s, r) => s + r.n, 0),
    died_in_our_custody: status('died'),
    exchanged_by_us: status('exchanged'),
    ours_held_by_them: d.ours.captivityConfirmed,
    ours_missing: d.ours.missing,
    ours_killed: d.ours.dead,
    ours_returned: d.ours.returned,
  }
}

/**
 * Each question some source spoke to, with our confirmed figure beside the range the sources
 * claim ("hundreds to 2,000"). A refuted claim is listed with the others but stays out of the range.
 */
export function besideConfirmed(
  figures: ReportedShown[],
  confirmed: Record<ReportedQuestion, number>,
): Dashboard['reported'] {
  const questions = [...new Set(figures.map((f) => f.question))]
  return questions.map((question) => {
    const sources = figures.filter((f) => f.question === question)
    const counted = sources.filter((f) => f.assessment !== 'refuted')
    const lowOf = (f: ReportedShown) => f.low ?? f.high!
    const highOf = (f: ReportedShown) => f.high ?? f.low!
    const lowest = counted.reduce<ReportedShown | null>((m, f) => (!m || lowOf(f) < lowOf(m) ? f : m), null)
    const highest = counted.reduce<ReportedShown | null>(
      (m, f) => (!m || highOf(f) > highOf(m) ? f : m),
      null,
    )
    return {
      question,
      confirmed: confirmed[question],
      low: lowest ? lowOf(lowest) : null,
      high: highest ? highOf(highest) : null,
      lowClaimed: lowest?.claimed ?? null,
      highClaimed: highest?.claimed ?? null,
      sources,
    }
  })
}
