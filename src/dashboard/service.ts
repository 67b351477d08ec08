import type { Clock } from '../core/clock'
import type { Db } from '../db/connection'
import { writeStats } from '../db/write'
import { noticeFigures } from '../notices/figures'
import type { ReportedShown } from '../reported/model'
import { presentFigure } from '../reported/service'
import * as reportedStore from '../reported/store'
import { enquiryFigures } from './enquiries'
import { besideConfirmed, confirmedFigures, countsOf, fundOf, monthsOf } from './figures'
import type { Dashboard } from './model'
import { type Computed, readSnapshot, saveSnapshot } from './snapshot'
import * as store from './store'

/**
 * The dates the figures over time are narrowed to (both ends included): registrations per week,
 * time held (persons held now, captured in the range), our people by month, and exchanges by day.
 * The figures of "now" (held by status, facility, the fund, what is overdue) are not narrowed.
 */
export type DashboardRange = { from?: string; to?: string }

export type DashboardDeps = {
  db: Db
  clock: Clock
  /** Age after which kept figures are refreshed in the background; default 60 s. */
  ttlSeconds?: number
  /** Told of a background refresh that failed (the kept figures stay, the next read tries again). */
  onError?: (e: unknown) => void
  /** How long (ms) after a computation of `tookMs` no other starts, however stale the figures. */
  restAfterRefresh?: (tookMs: number) => number
}

/**
 * A long computation is not started again soon after the last: on PGlite its one session serves
 * nobody else while the figures are read (12 s or more at 1M), so a register written every minute
 * would otherwise keep the API waiting most of the time. A short one may run again at once.
 */
export const restAfterRefresh = (tookMs: number) => (tookMs > 1000 ? 10 * tookMs : 0)

const DAY = 86_400_000
const isoDay = (d: Date) => d.toISOString().slice(0, 10)

/**
 * The figures of the first page, a whole computation in one read snapshot of the database, so
 * they agree with each other even while others write.
 */
export async function computeFigures(
  db: Db,
  clock: Clock,
  ttlSeconds = 60,
  range: DashboardRange = {},
): Promise<Computed> {
  // repeatable read: every aggregate sees the same moment (on PGlite the one session does anyway)
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute((tx) => computeIn(tx, clock(), ttlSeconds, range))
}

async function computeIn(db: Db, now: Date, ttlSeconds: number, range: DashboardRange): Promise<Computed> {
  const today = isoDay(now)
  const since = (days: number) => isoDay(new Date(now.getTime() - days * DAY))
  const ranged = Boolean(range.from || range.to)
  // one at a time: on two cores, parallel scans of a million rows only wait on each other
  const breakdowns = await store.registerBreakdowns(db)
  const profile = await store.heldPersonsProfile(db, today)
  // the fund counts everyone held now; only the time-held figure narrows to captures in the range
  const timeProfile = ranged ? await store.heldPersonsProfile(db, today, range) : profile
  const unconfirmed = await store.unconfirmedCount(db)
  const facilities = await store.facilities(db)
  const weeks = await store.registeredPerWeek(db, { from: range.from ?? since(26 * 7), to: range.to })
  const missing = await store.missingNow(db)
  const missingMonths = await store.missingByMonth(db, {
    from: range.from ?? `${since(365).slice(0, 7)}-01`,
    to: range.to,
  })
  const allExchanges = await store.exchangesWithCounts(db)
  const exchanges = allExchanges.filter(
    (e) => (!range.from || e.on >= range.from) && (!range.to || e.on <= range.to),
  )
  const notices = await noticeFigures(db, () => now, 1)
  const enquiries = await enquiryFigures(db, today)
  const held = {
    ...countsOf(breakdowns, profile, facilities),
    timeHeld: countsOf([], timeProfile, []).timeHeld,
  }
  const ours = {
    missing: missing.filter((m) => m.status === 'missing').reduce((s, m) => s + m.n, 0),
    captivityIndicated: missing
      .filter((m) => m.status === 'missing' && m.captivity === 'indicated')
      .reduce((s, m) => s + m.n, 0),
    captivityConfirmed: missing
      .filter((m) => m.status === 'missing' && m.captivity === 'confirmed')
      .reduce((s, m) => s + m.n, 0),
    returned: missing.filter((m) => m.status === 'returned').reduce((s, m) => s + m.n, 0),
    dead: missing.filter((m) => m.status === 'dead').reduce((s, m) => s + m.n, 0),
    byMonth: monthsOf(missingMonths),
  }
  const done = exchanges.filter((e) => e.status === 'done')
  return {
    computedAt: now.toISOString(),
    today,
    cacheSeconds: ttlSeconds,
    range: ranged ? { from: range.from ?? null, to: range.to ?? null } : null,
    held: { ...held, unconfirmed, registeredPerWeek: weeks },
    fund: fundOf(profile),
    ours,
    notices: { open: notices.open, overdue: notices.overdue },
    enquiries,
    exchanges: {
      done: done.length,
      planned: exchanges.filter((e) => !['done', 'cancelled'].includes(e.status)).length,
      given: exchanges.reduce((s, e) => s + e.given, 0),
      received: exchanges.reduce((s, e) => s + e.received, 0),
      items: exchanges.filter((e) => e.status !== 'cancelled'),
    },
  }
}

/** The claims others made, each question beside our figure: a small table, read every time. */
async function withReported(db: Db, computed: Computed): Promise<Dashboard> {
  const figures: ReportedShown[] = (await reportedStore.listFigures(db)).map(presentFigure)
  return { ...computed, reported: besideConfirmed(figures, confirmedFigures(computed)) }
}

/**
 * The overview as readers get it: the last computation, kept in the database (dashboard_snapshot)
 * and in memory, answered at once with the time it was computed. When it is older than
 * `ttlSeconds`, or a write went through this instance's pipeline since it was started (writeStats
 * counts them), a refresh starts in the background and later readers get it. No reader waits for
 * a million rows to be read, except the very first on an empty database, or one who asks for
 * `fresh`. While a refresh runs, readers are answered from memory: on PGlite the one session is
 * busy with the refresh, and a reader would otherwise wait for it.
 */
export function createDashboardService({
  db,
  clock,
  ttlSeconds = 60,
  restAfterRefresh: rest = restAfterRefresh,
  onError = (e) => process.emitWarning(`the dashboard's background refresh failed: ${String(e)}`),
}: DashboardDeps) {
  let refreshing: Promise<Dashboard> | null = null
  let kept: { value: Dashboard; writes: number } | null = null
  // measured in real time, not by the clock (which tests and a restart may set)
  let lastRefresh = { endedAt: Number.NEGATIVE_INFINITY, tookMs: 0 }

  function refresh(): Promise<Dashboard> {
    // concurrent readers share one computation instead of each scanning the register
    refreshing ??= (async () => {
      const stats = writeStats(db)
      // a write counted but not yet committed may be missing from the snapshot about to be taken:
      // then these figures are not known to hold every write, and the next read refreshes again
      const writes = stats.finished === stats.writes ? stats.writes : -1
      const startedAt = performance.now()
      const computed = await computeFigures(db, clock, ttlSeconds)
      lastRefresh = { endedAt: performance.now(), tookMs: performance.now() - startedAt }
      await saveSnapshot(db, computed)
      // another server may have stored a later computation meanwhile: keep whichever is newer
      const stored = (await readSnapshot(db)) ?? computed
      const value = await withReported(db, stored)
      kept = { value, writes }
      return value
    })().finally(() => {
      refreshing = null
    })
    return refreshing
  }

  const stale = (k: { value: Dashboard; writes: number }) =>
    (clock().getTime() - Date.parse(k.value.computedAt) >= ttlSeconds * 1000 ||
      writeStats(db).writes !== k.writes) &&
    performance.now() - lastRefresh.endedAt >= rest(lastRefresh.tookMs)

  return {
    /** The dashboard from the kept figures (refreshed behind when stale); `fresh` computes them now. */
    async figures(
      opts: { fresh?: boolean; range?: DashboardRange } = {},
    ): Promise<Dashboard & { cached: boolean }> {
      // a range is computed for itself, in one read, and neither kept nor stored: the snapshot
      // stays the unfiltered overview every reader shares, and a range never ages or goes stale
      if (opts.range && (opts.range.from || opts.range.to)) {
        const computed = await computeFigures(db, clock, ttlSeconds, opts.range)
        return { ...(await withReported(db, computed)), cached: false }
      }
      if (opts.fresh) return { ...(await refresh()), cached: false }
      if (kept && (refreshing || !stale(kept))) return { ...kept.value, cached: true }
      const stored = await readSnapshot(db)
      if (!stored) return { ...(await refresh()), cached: false }
      // after a restart nothing says what was written since: -1 has the first read refresh them
      kept = { value: await withReported(db, stored), writes: kept?.writes ?? -1 }
      if (stale(kept)) refresh().catch(onError)
      return { ...kept.value, cached: true }
    },
    /** Computes the figures again and keeps them (a test, a benchmark); resolves when stored. */
    refresh,
    /** Waits for a background refresh under way, if any (tests, shutdown). */
    async settled(): Promise<void> {
      await refreshing?.catch(() => undefined)
    },
    /** Forgets what this instance keeps in memory, as a restart does (tests, the benchmark). */
    forget() {
      kept = null
      lastRefresh = { endedAt: Number.NEGATIVE_INFINITY, tookMs: 0 }
    },
  }
}
export type DashboardService = ReturnType<typeof createDashboardService>
