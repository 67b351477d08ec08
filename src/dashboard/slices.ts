import { sql } from 'kysely'
import type { Db } from '../db/connection'
import type { Breakdown, HeldCell } from './cube'

// The dashboard's reading of the register, one slice of the persons table at a time. On PGlite
// the one database session serves nobody else while a statement runs, so a million persons read
// in one go kept every reader waiting seconds; a slice of a few thousand pages takes a fraction
// of a second, and readers' queries run between slices. A slice is a range of the table's pages
// (a TID range scan: read in place, in order, no index), each read in one snapshot.

const HELD_STATUSES = ['captured', 'interned', 'hospitalised']
const HELD = sql`('captured', 'interned', 'hospitalised')`

/** The pages [from, to) of the persons table; `to` null: to its end, however it grew meanwhile. */
export type Slice = { from: number; to: number | null }

const inSlice = (s: Slice, ctid = sql.ref('ctid')) =>
  s.to === null
    ? sql`${ctid} >= ${`(${s.from},0)`}::tid`
    : sql`${ctid} >= ${`(${s.from},0)`}::tid and ${ctid} < ${`(${s.to},0)`}::tid`

/** The persons table's pages cut into slices of `pages`, the last open to whatever is added. */
export async function slicesOf(db: Db, pages: number): Promise<Slice[]> {
  const { rows } = await sql<{ n: string | number }>`
    select pg_relation_size('persons') / current_setting('block_size')::int as n
  `.execute(db)
  const total = Number(rows[0]?.n ?? 0)
  const out: Slice[] = []
  for (let from = 0; from + pages < total; from += pages) out.push({ from, to: from + pages })
  out.push({ from: out.length * pages, to: null })
  return out
}

/**
 * The slice's confirmed persons by status, and those held now by category, facility, health and
 * sex: counted by all five at once (a few hundred combinations, one hash table), then added up
 * by each here.
 */
export async function sliceBreakdowns(db: Db, s: Slice): Promise<Breakdown[]> {
  const { rows } = await sql<{
    status: string
    category: string
    facility: string | null
    health: string | null
    sex: string | null
    n: string | number
  }>`
    select status, category, facility_id::text as facility, health, sex, count(*) as n
    from persons where confirmation = 'confirmed' and ${inSlice(s)}
    group by 1, 2, 3, 4, 5
  `.execute(db)
  const out = new Map<string, Breakdown>()
  const add = (dim: string, key: string | null, n: number) => {
    const k = `${dim}\u0000${key ?? ''}\u0000${key === null}`
    const had = out.get(k)
    if (had) had.n += n
    else out.set(k, { dim, key, n })
  }
  for (const r of rows) {
    const n = Number(r.n)
    add('status', r.status, n)
    if (!HELD_STATUSES.includes(r.status)) continue
    add('category', r.category, n)
    add('facility', r.facility, n)
    add('health', r.health, n)
    add('sex', r.sex, n)
  }
  return [...out.values()]
}

/** The slice's persons registered each day (UTC): confirmed, and reports not yet confirmed. */
export async function sliceRegistrations(db: Db, s: Slice) {
  const { rows } = await sql<{ day: string; confirmed: string | number; unconfirmed: string | number }>`
    select to_char(created_at at time zone 'UTC', 'YYYY-MM-DD') as day,
      count(*) filter (where confirmation = 'confirmed') as confirmed,
      count(*) filter (where confirmation = 'unconfirmed') as unconfirmed
    from persons where ${inSlice(s)}
    group by 1
  `.execute(db)
  return rows.map((r) => ({ day: r.day, confirmed: Number(r.confirmed), unconfirmed: Number(r.unconfirmed) }))
}

/**
 * The slice's persons held now, counted by day of capture (else of registration), default priority
 * class and the facts that decide eligibility for exchange (consent, GC III Art. 109 refusal,
 * proceedings), as cached on the person row from their events (the latest word counts). Then the
 * notes of every exchange still planned weigh as the exchange's own rule (`giveFacts`) weighs its
 * note: a note overrides the fact it states, never lifts a refusal recorded on the person, and a
 * refusal noted for an exchange is a refusal. Where two planned exchanges' notes differ, the one
 * that keeps the person back counts (a "no" heard for one exchange is not undone by another's
 * "yes"). The "longest held" quarter needs every slice, so it is drawn from the counts afterwards
 * (`profileOf`).
 */
export async function sliceHeld(db: Db, s: Slice, today: string): Promise<HeldCell[]> {
  const { rows } = await sql<{
    day: string
    priority: number
    consent: boolean
    refused: boolean
    proceedings: boolean
    n: string | number
  }>`
    with notes as (
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
      select p.health, p.sex, p.date_of_birth,
        coalesce(p.captured_on, p.created_at::date) as captured_on,
        p.refused_repatriation or coalesce(n.refused, false) as refused,
        case when n.consent_no then false when n.consent_yes then true else p.consent_given end as consent,
        case when n.proceedings_yes then true when n.proceedings_no then false
          else p.proceedings_open end as proceedings
      from persons p
      left join notes n on n.ref = p.id::text
      where ${inSlice(s, sql.ref('p.ctid'))} and p.confirmation = 'confirmed' and p.status in ${HELD}
    )
    select to_char(captured_on, 'YYYY-MM-DD') as day,
      case
        when p.health in ('seriously_wounded', 'seriously_sick') then 1
        when p.sex = 'female' then 2
        when p.date_of_birth is not null and floor((${today}::date - (case length(p.date_of_birth)
            when 4 then p.date_of_birth || '-07-01' when 7 then p.date_of_birth || '-15'
            else p.date_of_birth end)::date) / 365.25) between 18 and 25 then 3
        else 0 end as priority,
      p.consent and not p.refused as consent, p.refused, p.proceedings, count(*) as n
    from noted p
    group by 1, 2, 3, 4, 5
  `.execute(db)
  return rows.map((r) => ({
    day: r.day,
    priority: Number(r.priority),
    consent: r.consent,
    refused: r.refused,
    proceedings: r.proceedings,
    n: Number(r.n),
  }))
}
