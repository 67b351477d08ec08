import { sql } from 'kysely'
import type { Db } from '../db/connection'

// The only SQL of the dashboard. Every figure is an aggregate computed by the database (GROUP BY,
// FILTER), so a million persons never travel to the application; each query reads one table once.

const HELD = sql`('captured', 'interned', 'hospitalised')`

export type CountRow = { key: string | null; n: number }

/**
 * One pass over the confirmed persons: the whole register by status, and those held now by
 * category, facility, health and sex. GROUPING SETS lets one scan of persons_dashboard_idx give
 * all five breakdowns.
 */
export async function registerBreakdowns(db: Db) {
  const { rows } = await sql<{
    dim: string
    key: string | null
    held: boolean | null
    n: string | number
  }>`
    select case
        when grouping(status) = 0 then 'status'
        when grouping(category) = 0 then 'category'
        when grouping(facility_id) = 0 then 'facility'
        when grouping(health) = 0 then 'health'
        else 'sex' end as dim,
      coalesce(status, category, facility_id::text, health, sex) as key,
      held, count(*) as n
    from (select status, category, facility_id, health, sex, status in ${HELD} as held
          from persons where confirmation = 'confirmed') p
    group by grouping sets ((status), (held, category), (held, facility_id), (held, health), (held, sex))
  `.execute(db)
  return rows
    .filter((r) => r.dim === 'status' || r.held === true)
    .map((r) => ({ dim: r.dim, key: r.key, n: Number(r.n) }))
}

export async function unconfirmedCount(db: Db): Promise<number> {
  const r = await db
    .selectFrom('persons')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('confirmation', '=', 'unconfirmed')
    .executeTakeFirstOrThrow()
  return Number(r.n)
}

export async function facilities(db: Db) {
  return db.selectFrom('facilities').select(['id', 'name', 'kind', 'capacity']).orderBy('name').execute()
}

/** A range of days, both ends included (YYYY-MM-DD); `to` absent: up to now. */
export type DayRange = { from: string; to?: string }

/** Confirmed persons registered each week in the range (weeks start on Monday, UTC). */
export async function registeredPerWeek(db: Db, range: DayRange) {
  const { rows } = await sql<{ week: string; n: string | number }>`
    select to_char(date_trunc('week', created_at at time zone 'UTC'), 'YYYY-MM-DD') as week, count(*) as n
    from persons
    where confirmation = 'confirmed' and created_at >= ${range.from}::date
      ${range.to ? sql`and created_at < ${range.to}::date + 1` : sql``}
    group by 1 order by 1
  `.execute(db)
  return rows.map((r) => ({ week: r.week, n: Number(r.n) }))
}

/**
 * Persons held now: how long since capture (bucketed), and the exchange fund by default priority
 * group with the facts that decide eligibility (consent, GC III Art. 109 refusal, proceedings).
 * The facts read as `factsOf` reads them: the latest event of each kind set counts. Then the notes
 * of every exchange still planned weigh as the exchange's own rule (`giveFacts`) weighs its note:
 * a note overrides the fact it states, never lifts a refusal recorded on the person, and a refusal
 * noted for an exchange is a refusal. Where two planned exchanges' notes differ, the one that keeps
 * the person back counts (a "no" heard for one exchange is not undone by another's "yes").
 */
export async function heldPersonsProfile(db: Db, today: string, captured?: Partial<DayRange>) {
  // a date range narrows to those held now whose capture (else registration) day falls in it
  const capturedOn = sql`coalesce(e.occurred_on, p.created_at::date)`
  const inRange = sql.join(
    [
      sql`true`,
      ...(captured?.from ? [sql`${capturedOn} >= ${captured.from}::date`] : []),
      ...(captured?.to ? [sql`${capturedOn} <= ${captured.to}::date`] : []),
    ],
    sql` and `,
  )
  const { rows } = await sql<{
    bucket: string
    grp: string
    consent: boolean
    refused: boolean
    proceedings: boolean
    n: string | number
  }>`
    with facts as (
      select person_id,
        (array_agg(type order by occurred_on desc, seq desc)
          filter (where type in ('consent_given', 'consent_withdrawn', 'refused_repatriation')))[1] as c,
        (array_agg(type order by occurred_on desc, seq desc)
          filter (where type in ('consent_given', 'refused_repatriation')))[1] as r,
        (array_agg(type order by occurred_on desc, seq desc)
          filter (where type in ('proceedings_opened', 'proceedings_closed')))[1] as p
      from person_events
      where type in ('consent_given', 'consent_withdrawn', 'refused_repatriation', 'proceedings_opened', 'proceedings_closed')
      group by person_id
    ),
    notes as (
      select x.ref,
        bool_or((x.attrs->>'refusedRepatriation')::boolean) as refused,
        bool_or(not (x.attrs->>'consent')::boolean) as consent_no,
        bool_or((x.attrs->>'consent')::boolean) as consent_yes,
        bool_or((x.attrs->>'pendingProceedings')::boolean) as proceedings_yes,
        bool_or(not (x.attrs->>'pendingProceedings')::boolean) as proceedings_no
      from exchange_pool x join exchanges ex on ex.id = x.exchange_id
      where x.side = 'give' and ex.status not in ('done', 'cancelled')
      group by x.ref
    ),
    noted as (
      select p.id, p.health, p.sex, p.date_of_birth, p.created_at,
        coalesce(f.r = 'refused_repatriation', false) or coalesce(n.refused, false) as refused,
        case when n.consent_no then false when n.consent_yes then true
          else coalesce(f.c = 'consent_given', false) end as consent,
        case when n.proceedings_yes then true when n.proceedings_no then false
          else coalesce(f.p = 'proceedings_opened', false) end as proceedings
      from persons p
      left join facts f on f.person_id = p.id
      left join notes n on n.ref = p.id::text
      where p.confirmation = 'confirmed' and p.status in ${HELD}
    ),
    -- one row per day held and priority class with its count: a few thousand rows however many
    -- persons, so nothing spills to disk and the quarter's threshold reads those rows, not persons
    -- (the same figures as grouping every person's row; test/api/dashboard.test.ts holds the edge)
    held as (
      select ${today}::date - coalesce(e.occurred_on, p.created_at::date) as days,
        case
          when p.health in ('seriously_wounded', 'seriously_sick') then 1
          when p.sex = 'female' then 2
          when p.date_of_birth is not null and floor((${today}::date - (case length(p.date_of_birth)
              when 4 then p.date_of_birth || '-07-01' when 7 then p.date_of_birth || '-15'
              else p.date_of_birth end)::date) / 365.25) between 18 and 25 then 3
          else 0 end as priority,
        p.consent and not p.refused as consent, p.refused, p.proceedings, count(*) as n
      from noted p
      left join person_events e on e.person_id = p.id and e.type = 'captured'
      where ${inRange}
      group by 1, 2, 3, 4, 5
    ),
    -- the planner's "longest held": the longest-held quarter of those we hold, as
    -- percentile_disc(0.75) picks it (the first day at which three quarters are counted)
    threshold as (
      select min(days) as d from (
        select days, sum(n) over (order by days) as upto, sum(n) over () as total from held) c
      where upto * 4 >= total * 3
    )
    select
      case when days < 30 then 'under_30d' when days < 90 then 'd30_90' when days < 180 then 'd90_180'
        when days < 365 then 'd180_365' when days < 730 then 'y1_2' else 'over_2y' end as bucket,
      case priority when 1 then 'seriously_wounded_or_sick' when 2 then 'woman' when 3 then 'young'
        else case when days >= (select d from threshold) then 'longest_held' else 'other' end end as grp,
      consent, refused, proceedings, sum(n) as n
    from held
    group by 1, 2, 3, 4, 5
  `.execute(db)
  return rows.map((r) => ({ ...r, n: Number(r.n) }))
}

/** The missing-persons register now: by status, and the still missing by captivity. */
export async function missingNow(db: Db) {
  const { rows } = await sql<{ status: string; captivity: string; n: string | number }>`
    select status, captivity, count(*) as n from missing_persons group by status, captivity
  `.execute(db)
  return rows.map((r) => ({ ...r, n: Number(r.n) }))
}

/** What became known of our missing people, month by month in the range. */
export async function missingByMonth(db: Db, range: DayRange) {
  const { rows } = await sql<{ month: string; type: string; n: string | number }>`
    select to_char(occurred_on, 'YYYY-MM') as month, type, count(distinct missing_person_id) as n
    from missing_events
    where occurred_on >= ${range.from}::date
      ${range.to ? sql`and occurred_on <= ${range.to}::date` : sql``}
      and type in ('reported_missing', 'captivity_indicated', 'captivity_confirmed', 'returned')
    group by 1, 2 order by 1
  `.execute(db)
  return rows.map((r) => ({ ...r, n: Number(r.n) }))
}

/**
 * Every exchange with persons given and received: those who crossed for an exchange done or under
 * way, the latest round's lists for one still planned.
 */
export async function exchangesWithCounts(db: Db) {
  const { rows } = await sql<{
    id: string
    name: string
    status: string
    day: string
    given: string | number
    received: string | number
    planned_give: string | number
    planned_receive: string | number
  }>`
    select e.id, e.name, e.status,
      to_char(coalesce(max(h.updated_at) filter (where h.outcome = 'crossed'), e.updated_at), 'YYYY-MM-DD') as day,
      count(*) filter (where h.side = 'give' and h.outcome = 'crossed') as given,
      count(*) filter (where h.side = 'receive' and h.outcome = 'crossed') as received,
      coalesce((select jsonb_array_length(r.give) from exchange_rounds r where r.exchange_id = e.id
        order by r.n desc limit 1), 0) as planned_give,
      coalesce((select jsonb_array_length(r.receive) from exchange_rounds r where r.exchange_id = e.id
        order by r.n desc limit 1), 0) as planned_receive
    from exchanges e
    left join exchange_handover h on h.exchange_id = e.id
    group by e.id
    order by 4, e.name
  `.execute(db)
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    status: r.status,
    on: r.day,
    given: Number(r.given),
    received: Number(r.received),
    plannedGive: Number(r.planned_give),
    plannedReceive: Number(r.planned_receive),
  }))
}

// Month-bounded variants for the monthly report (src/reports): the same tables and rules as the
// figures above, counted over [from, to) instead of up to now. `from` and `to` are first days of
// months (YYYY-MM-01); each answer is keyed by month, so one read gives a month and the one before.

/** Confirmed persons registered each month in [from, to). */
export async function registeredByMonth(db: Db, from: string, to: string) {
  const { rows } = await sql<{ month: string; n: string | number }>`
    select to_char(created_at at time zone 'UTC', 'YYYY-MM') as month, count(*) as n
    from persons
    where confirmation = 'confirmed' and created_at >= ${from}::date and created_at < ${to}::date
    group by 1 order by 1
  `.execute(db)
  return rows.map((r) => ({ month: r.month, n: Number(r.n) }))
}

/** What happened to confirmed persons each month in [from, to): persons per kind of event. */
export async function custodyEventsByMonth(db: Db, from: string, to: string, types: readonly string[]) {
  const { rows } = await sql<{ month: string; type: string; n: string | number }>`
    select to_char(e.occurred_on, 'YYYY-MM') as month, e.type, count(distinct e.person_id) as n
    from person_events e join persons p on p.id = e.person_id
    where p.confirmation = 'confirmed' and e.occurred_on >= ${from}::date and e.occurred_on < ${to}::date
      and e.type in (${sql.join(types.map((t) => sql`${t}`))})
    group by 1, 2 order by 1
  `.execute(db)
  return rows.map((r) => ({ month: r.month, type: r.type, n: Number(r.n) }))
}

/**
 * The exchanges in which someone crossed in [from, to), with who crossed then (given, received) and
 * the last day of a crossing, each crossing counted in the month it was marked.
 */
export async function exchangesCrossedBetween(db: Db, from: string, to: string) {
  const { rows } = await sql<{
    id: string
    name: string
    counterpart: string
    status: string
    month: string
    day: string
    given: string | number
    received: string | number
  }>`
    select e.id, e.name, e.counterpart, e.status,
      to_char(h.updated_at at time zone 'UTC', 'YYYY-MM') as month,
      to_char(max(h.updated_at at time zone 'UTC'), 'YYYY-MM-DD') as day,
      count(*) filter (where h.side = 'give') as given,
      count(*) filter (where h.side = 'receive') as received
    from exchange_handover h join exchanges e on e.id = h.exchange_id
    where h.outcome = 'crossed' and h.updated_at >= ${from}::date and h.updated_at < ${to}::date
    group by e.id, 5
    order by 6, e.name
  `.execute(db)
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    counterpart: r.counterpart,
    status: r.status,
    month: r.month,
    on: r.day,
    given: Number(r.given),
    received: Number(r.received),
  }))
}
