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
import * as store from './store'

export type DashboardDeps = {
  db: Db
  clock: Clock
  /** How long an answer is reused while nothing is written through this instance; default 60 s. */
  ttlSeconds?: number
}

const DAY = 86_400_000
const isoDay = (d: Date) => d.toISOString().slice(0, 10)

/**
 * The figures of the first page. Computing them reads every person once (about a second at a
 * million on PGlite), so an answer is kept and reused: for at most `ttlSeconds`, and only while
 * no write went through this instance's write pipeline since (writeStats counts them). Writes
 * made by another instance on the same server show after the TTL at the latest.
 */
export function createDashboardService({ db, clock, ttlSeconds = 60 }: DashboardDeps) {
  let cached: { at: number; writes: number; value: Dashboard } | null = null
  let pending: Promise<Dashboard> | null = null

  async function compute(): Promise<Dashboard> {
    const now = clock()
    const today = isoDay(now)
    const since = (days: number) => isoDay(new Date(now.getTime() - days * DAY))
    // one at a time: on two cores, parallel scans of a million rows only wait on each other
    const breakdowns = await store.registerBreakdowns(db)
    const profile = await store.heldPersonsProfile(db, today)
    const [unconfirmed, facilities, weeks, missing, missingMonths, exchanges, notices, reported, enquiries] =
      await Promise.all([
        store.unconfirmedCount(db),
        store.facilities(db),
        store.registeredPerWeek(db, since(26 * 7)),
        store.missingNow(db),
        store.missingByMonth(db, `${since(365).slice(0, 7)}-01`),
        store.exchangesWithCounts(db),
        noticeFigures(db, clock, 1),
        reportedStore.listFigures(db),
        enquiryFigures(db, today),
      ])
    const held = countsOf(breakdowns, profile, facilities)
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
    const dashboard: Omit<Dashboard, 'reported'> = {
      computedAt: now.toISOString(),
      today,
      cacheSeconds: ttlSeconds,
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
    const figures: ReportedShown[] = reported.map(presentFigure)
    return { ...dashboard, reported: besideConfirmed(figures, confirmedFigures(dashboard)) }
  }

  return {
    /** The dashboard, from the cache when it is fresh; `fresh` computes it again. */
    async figures(opts: { fresh?: boolean } = {}): Promise<Dashboard & { cached: boolean }> {
      const writes = writeStats(db).writes
      const age = cached ? clock().getTime() - cached.at : Number.POSITIVE_INFINITY
      if (!opts.fresh && cached && cached.writes === writes && age < ttlSeconds * 1000)
        return { ...cached.value, cached: true }
      // concurrent first readers share one computation instead of each scanning the register
      pending ??= compute().finally(() => {
        pending = null
      })
      const value = await pending
      cached = { at: clock().getTime(), writes, value }
      return { ...value, cached: false }
    },
    /** Forgets the kept answer (a benchmark's cold read; a test after writing behind the pipeline). */
    forget() {
      cached = null
    },
  }
}
export type DashboardService = ReturnType<typeof createDashboardService>
