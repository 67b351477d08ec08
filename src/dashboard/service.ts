import type { Clock } from '../core/clock'
import type { Db } from '../db/connection'
import { writeStats } from '../db/write'
import { noticeFigures } from '../notices/figures'
import type { ReportedShown } from '../reported/model'
import { presentFigure } from '../reported/service'
import * as reportedStore from '../reported/store'
import { emptyCube, mergeCubes, type PersonCube, profileOf, weeksOf } from './cube'
import { enquiryFigures } from './enquiries'
import { besideConfirmed, confirmedFigures, countsOf, fundOf, monthsOf } from './figures'
import type { Dashboard } from './model'
import * as slices from './slices'
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
  /** Pages of the persons table per slice (tests make it small to cross many slices). */
  slicePages?: number
  /** Read every slice in one snapshot: true on a PostgreSQL server (see `computeFigures`). */
  oneSnapshot?: boolean
  /** How long (ms) after a computation of `tookMs` no other starts, however stale the figures. */
  restAfterRefresh?: (tookMs: number) => number
}

/**
 * A long computation is not started again soon after the last: at a million persons it reads the
 * whole register (seconds of a core; on PGlite readers wait up to a slice at a time meanwhile), and
 * a register written every minute would otherwise keep it running most of the time. A short one
 * may run again at once.
 */
export const restAfterRefresh = (tookMs: number) => (tookMs > 1000 ? 10 * tookMs : 0)

const DAY = 86_400_000
const isoDay = (d: Date) => d.toISOString().slice(0, 10)

/** A computation: the figures and the register's counts they were drawn from. */
export type Kept = { computed: Computed; cube: PersonCube }

/**
 * Pages of the persons table read per slice: about 45,000 persons, a few hundred milliseconds of
 * the one PGlite session at a time.
 */
export const SLICE_PAGES = 2_000

/**
 * The figures of the first page. The register is read slice by slice of its pages (`slices.ts`). With
 * `oneSnapshot` (a PostgreSQL server) every slice is read in one snapshot, so the figures agree
 * with each other however others write. On PGlite the one session would serve nobody else for
 * the whole read, so each slice is its own short snapshot and readers' queries run between them.
 * Then a write made during the computation may be seen in part: a capture half counted, or a
 * person whose row an update moved to a page read before or after counted twice or not at all.
 * The write marks the figures stale and the next refresh has all of it (seconds at a million).
 */
export async function computeFigures(
  db: Db,
  clock: Clock,
  ttlSeconds = 60,
  opts: {
    /** Pages of the persons table per slice (tests make it small to cross many slices). */
    slicePages?: number
    oneSnapshot?: boolean
    /** Told after each slice how many of how many are read. */
    onSlice?: (done: number, of: number) => void
  } = {},
): Promise<Kept> {
  const { slicePages = SLICE_PAGES, oneSnapshot = false, onSlice } = opts
  const now = clock()
  const today = isoDay(now)
  const snapshot = <T>(f: (tx: Db) => Promise<T>) =>
    db.transaction().setIsolationLevel('repeatable read').execute(f)
  const readAll = async (tx: Db | null) => {
    const list = await slices.slicesOf(tx ?? db, slicePages)
    let cube = emptyCube(today)
    for (const [k, slice] of list.entries()) {
      const part = tx ? await readSlice(tx, slice, today) : await snapshot((t) => readSlice(t, slice, today))
      cube = mergeCubes(cube, part)
      onSlice?.(k + 1, list.length)
      // PGlite answers in promise callbacks alone: without a turn of the event loop here no timer,
      // request or other I/O would be served until the last slice, however short each is
      await new Promise((resolve) => setImmediate(resolve))
    }
    return cube
  }
  const compute = async (tx: Db | null): Promise<Kept> => {
    const cube = await readAll(tx)
    return { computed: await present(tx ?? db, cube, now, ttlSeconds, {}, tx !== null), cube }
  }
  // on a PostgreSQL server other sessions serve readers meanwhile: everything in one snapshot
  return oneSnapshot ? snapshot((tx) => compute(tx)) : compute(null)
}

async function readSlice(tx: Db, slice: slices.Slice, today: string): Promise<PersonCube> {
  // one at a time: on two cores, parallel scans only wait on each other
  const breakdowns = await slices.sliceBreakdowns(tx, slice)
  const held = await slices.sliceHeld(tx, slice, today)
  const days = await slices.sliceRegistrations(tx, slice)
  return {
    today,
    breakdowns,
    held,
    registered: days.map((d) => ({ day: d.day, n: d.confirmed })).filter((d) => d.n > 0),
    unconfirmed: days.reduce((s, d) => s + d.unconfirmed, 0),
  }
}

/**
 * The figures from the register's counts (`cube`) and the small registers read now (facilities,
 * missing persons, exchanges, notices, enquiries: hundreds to thousands of rows, milliseconds).
 * A range narrows registrations per week, time held, our people by month and exchanges; the fund
 * and the figures of "now" count everyone. `inSnapshot`: `db` is the computation's transaction.
 */
async function present(
  db: Db,
  cube: PersonCube,
  now: Date,
  ttlSeconds: number,
  range: DashboardRange,
  inSnapshot = false,
): Promise<Computed> {
  const today = isoDay(now)
  const since = (days: number) => isoDay(new Date(now.getTime() - days * DAY))
  const ranged = Boolean(range.from || range.to)
  const readSmall = async (tx: Db) => ({
    facilities: await store.facilities(tx),
    missing: await store.missingNow(tx),
    missingMonths: await store.missingByMonth(tx, {
      from: range.from ?? `${since(365).slice(0, 7)}-01`,
      to: range.to,
    }),
    allExchanges: await store.exchangesWithCounts(tx),
    notices: await noticeFigures(tx, () => now, 1),
    enquiries: await enquiryFigures(tx, today),
  })
  const small = inSnapshot
    ? await readSmall(db)
    : await db.transaction().setIsolationLevel('repeatable read').execute(readSmall)
  const { facilities, missing, missingMonths, allExchanges, notices, enquiries } = small
  const profile = profileOf(cube.held, cube.today)
  const timeProfile = ranged ? profileOf(cube.held, cube.today, range) : profile
  const weeks = weeksOf(cube.registered, { from: range.from ?? since(26 * 7), to: range.to })
  const exchanges = allExchanges.filter(
    (e) => (!range.from || e.on >= range.from) && (!range.to || e.on <= range.to),
  )
  const held = {
    ...countsOf(cube.breakdowns, profile, facilities),
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
    held: { ...held, unconfirmed: cube.unconfirmed, registeredPerWeek: weeks },
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

/**
 * The figures narrowed to a range, from the register's counts kept with the last computation (so
 * no person is read again) and the small registers read now; `computedAt` is the kept counts'.
 */
export async function rangedFigures(db: Db, kept: Kept, range: DashboardRange): Promise<Computed> {
  const at = new Date(kept.computed.computedAt)
  return present(db, kept.cube, at, kept.computed.cacheSeconds, range)
}

/** What readers are answered from: the figures with the reported claims, and their counts. */
type Shown = { value: Dashboard; cube: PersonCube; writes: number }

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
 * `fresh`. While a refresh runs, readers are answered from memory. A range (from, to) is drawn from
 * the kept counts too, so it costs milliseconds however large the register.
 */
export function createDashboardService({
  db,
  clock,
  ttlSeconds = 60,
  slicePages = SLICE_PAGES,
  oneSnapshot = false,
  restAfterRefresh: rest = restAfterRefresh,
  onError = (e) => process.emitWarning(`the dashboard's background refresh failed: ${String(e)}`),
}: DashboardDeps) {
  let refreshing: Promise<Shown> | null = null
  let kept: Shown | null = null
  // measured in real time, not by the clock (which tests and a restart may set)
  let lastRefresh = { endedAt: Number.NEGATIVE_INFINITY, tookMs: 0 }

  function refresh(): Promise<Shown> {
    // concurrent readers share one computation instead of each scanning the register
    refreshing ??= (async () => {
      const stats = writeStats(db)
      // a write counted but not yet committed may be missing from the snapshot about to be taken:
      // then these figures are not known to hold every write, and the next read refreshes again
      const writes = stats.finished === stats.writes ? stats.writes : -1
      const startedAt = performance.now()
      const computed = await computeFigures(db, clock, ttlSeconds, { slicePages, oneSnapshot })
      lastRefresh = { endedAt: performance.now(), tookMs: performance.now() - startedAt }
      await saveSnapshot(db, computed)
      // another server may have stored a later computation meanwhile: keep whichever is newer
      const stored = await readSnapshot(db)
      const newest = stored?.cube ? { computed: stored.computed, cube: stored.cube } : computed
      const shown = { value: await withReported(db, newest.computed), cube: newest.cube, writes }
      kept = shown
      return shown
    })().finally(() => {
      refreshing = null
    })
    return refreshing
  }

  const stale = (k: Shown) =>
    (clock().getTime() - Date.parse(k.value.computedAt) >= ttlSeconds * 1000 ||
      writeStats(db).writes !== k.writes) &&
    performance.now() - lastRefresh.endedAt >= rest(lastRefresh.tookMs)

  /** The kept computation, read from the snapshot row after a restart; a refresh started when stale. */
  async function current(fresh: boolean): Promise<{ shown: Shown; cached: boolean }> {
    if (fresh) return { shown: await refresh(), cached: false }
    if (kept && (refreshing || !stale(kept))) return { shown: kept, cached: true }
    const stored = await readSnapshot(db)
    // none yet, or kept by a version without the register's counts: computed while this reader waits
    if (!stored?.cube) return { shown: await refresh(), cached: false }
    // after a restart nothing says what was written since: -1 has the first read refresh them
    kept = { value: await withReported(db, stored.computed), cube: stored.cube, writes: kept?.writes ?? -1 }
    if (stale(kept)) refresh().catch(onError)
    return { shown: kept, cached: true }
  }

  return {
    /** The dashboard from the kept figures (refreshed behind when stale); `fresh` computes them now. */
    async figures(
      opts: { fresh?: boolean; range?: DashboardRange } = {},
    ): Promise<Dashboard & { cached: boolean }> {
      const { shown, cached } = await current(opts.fresh === true)
      // a range is drawn from the kept counts and the small registers, and not kept itself: the
      // snapshot stays the unfiltered overview every reader shares
      if (opts.range && (opts.range.from || opts.range.to)) {
        const computed = await rangedFigures(db, { computed: shown.value, cube: shown.cube }, opts.range)
        return { ...(await withReported(db, computed)), cached }
      }
      return { ...shown.value, cached }
    },
    /** Computes the figures again and keeps them (a test, a benchmark); resolves when stored. */
    refresh: async (): Promise<Dashboard> => (await refresh()).value,
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
