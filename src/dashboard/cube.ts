// The counts the register's slices give, merged, and the dashboard's person figures drawn from them:
// pure functions, no SQL. Kept with the figures (dashboard_snapshot.cube), they also answer a
// request narrowed to dates without reading the register again.

export type Breakdown = { dim: string; key: string | null; n: number }

/** Persons held now with one day of capture, priority class and set of facts. */
export type HeldCell = {
  /** YYYY-MM-DD: capture, else registration */
  day: string
  /** 1 seriously wounded or sick, 2 woman, 3 aged 18-25, 0 none of these */
  priority: number
  /** consent given and no refusal */
  consent: boolean
  refused: boolean
  proceedings: boolean
  n: number
}

/** A slice's (or the whole register's) counts. */
export type PersonCube = {
  /** the day the priority classes (ages) were judged */
  today: string
  breakdowns: Breakdown[]
  held: HeldCell[]
  /** confirmed persons registered each day (UTC) */
  registered: { day: string; n: number }[]
  unconfirmed: number
}

export const emptyCube = (today: string): PersonCube => ({
  today,
  breakdowns: [],
  held: [],
  registered: [],
  unconfirmed: 0,
})

function sumBy<T extends { n: number }>(rows: T[], key: (r: T) => string): T[] {
  const out = new Map<string, T>()
  for (const r of rows) {
    const k = key(r)
    const had = out.get(k)
    out.set(k, had ? { ...had, n: had.n + r.n } : { ...r })
  }
  return [...out.values()]
}

/** Two cubes as one: the counts of the same cell added. */
export function mergeCubes(a: PersonCube, b: PersonCube): PersonCube {
  return {
    today: a.today,
    breakdowns: sumBy([...a.breakdowns, ...b.breakdowns], (r) => `${r.dim}\u0000${r.key ?? '\u0001'}`),
    held: sumBy(
      [...a.held, ...b.held],
      (r) => `${r.day}|${r.priority}|${r.consent}|${r.refused}|${r.proceedings}`,
    ),
    registered: sumBy([...a.registered, ...b.registered], (r) => r.day),
    unconfirmed: a.unconfirmed + b.unconfirmed,
  }
}

const DAY = 86_400_000
const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY)

/** Both ends included; either may be absent. */
export type DayRange = { from?: string; to?: string }
const within = (day: string, r: DayRange) => (!r.from || day >= r.from) && (!r.to || day <= r.to)

const bucketOf = (days: number) =>
  days < 30
    ? 'under_30d'
    : days < 90
      ? 'd30_90'
      : days < 180
        ? 'd90_180'
        : days < 365
          ? 'd180_365'
          : days < 730
            ? 'y1_2'
            : 'over_2y'

const GROUP = ['', 'seriously_wounded_or_sick', 'woman', 'young'] as const

/**
 * Persons held now (captured in `range`, when given) by time held and by default priority group
 * with their facts. The planner's "longest held" is the longest-held quarter of them, as
 * percentile_disc(0.75) picks it: the first day held at which three quarters are counted.
 */
export function profileOf(cells: HeldCell[], today: string, range: DayRange = {}) {
  const held = cells
    .filter((c) => within(c.day, range))
    .map((c) => ({ ...c, days: daysBetween(c.day, today) }))
  const total = held.reduce((s, c) => s + c.n, 0)
  let threshold = Number.POSITIVE_INFINITY
  let upTo = 0
  const perDay = sumBy(
    held.map((c) => ({ days: c.days, n: c.n })),
    (c) => String(c.days),
  ).sort((a, b) => a.days - b.days)
  for (const d of perDay) {
    upTo += d.n
    if (upTo * 4 >= total * 3) {
      threshold = d.days
      break
    }
  }
  const rows = held.map((c) => ({
    bucket: bucketOf(c.days),
    grp: c.priority > 0 ? GROUP[c.priority]! : c.days >= threshold ? 'longest_held' : 'other',
    consent: c.consent,
    refused: c.refused,
    proceedings: c.proceedings,
    n: c.n,
  }))
  return sumBy(rows, (r) => `${r.bucket}|${r.grp}|${r.consent}|${r.refused}|${r.proceedings}`)
}

/** The Monday (UTC) of a day's week. */
function weekOf(day: string): string {
  const d = new Date(`${day}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7))
  return d.toISOString().slice(0, 10)
}

/** Confirmed persons registered each week (from Monday) of their days in the range, oldest first. */
export function weeksOf(registered: { day: string; n: number }[], range: DayRange) {
  return sumBy(
    registered.filter((r) => within(r.day, range)).map((r) => ({ week: weekOf(r.day), n: r.n })),
    (r) => r.week,
  ).sort((a, b) => a.week.localeCompare(b.week))
}
