import { sql } from 'kysely'
import type { Db } from '../db/connection'

// The dashboard's SQL over the small registers (slices.ts reads the persons). Every figure is an
// aggregate computed by the database (GROUP BY, FILTER), so rows never travel to the application.

export async function facilities(db: Db) {
  return db.selectFrom('facilities').select(['id', 'name', 'kind', 'capacity']).orderBy('name').execute()
}

/** A range of days, both ends included (YYYY-MM-DD); `to` absent: up to now. */
export type DayRange = { from: string; to?: string }

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
