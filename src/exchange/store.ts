import { sql } from 'kysely'
import { FACT_EVENT_TYPES, type PersonEvent } from '../custody/events'
import type { Db } from '../db/connection'
import type { Side } from './model'
import { TermsInput } from './schema'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export type ExchangeRow = NonNullable<Awaited<ReturnType<typeof getExchange>>>

export async function insertExchange(
  tx: Db,
  e: {
    name: string
    counterpart: string
    mediator: string | null
    venue: string | null
    terms: unknown
    stages: number[]
    createdBy: string
  },
) {
  return tx
    .insertInto('exchanges')
    .values({
      name: e.name,
      counterpart: e.counterpart,
      mediator: e.mediator,
      venue: e.venue,
      terms: JSON.stringify(e.terms),
      stages: JSON.stringify(e.stages),
      created_by: e.createdBy,
      updated_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
}

export async function getExchange(db: Db, id: string, opts: { forUpdate?: boolean } = {}) {
  let q = db.selectFrom('exchanges').selectAll().where('id', '=', id)
  if (opts.forUpdate) q = q.forUpdate()
  const row = await q.executeTakeFirst()
  return row && { ...row, terms: withDefaults(row.terms) }
}

/**
 * Terms as stored, with the schema's defaults for what they leave out: exchanges created before
 * the defaults were applied on creation stored `{}`, and every reader expects whole terms.
 */
function withDefaults(terms: unknown): unknown {
  const parsed = TermsInput.safeParse(terms ?? {})
  return parsed.success ? parsed.data : terms
}

export async function listExchanges(db: Db) {
  return db.selectFrom('exchanges').selectAll().orderBy('created_at', 'desc').limit(500).execute()
}

export async function updateExchange(
  tx: Db,
  id: string,
  values: Partial<{ status: string; terms: string; stages: string }>,
) {
  await tx
    .updateTable('exchanges')
    .set({ ...values, updated_at: new Date() })
    .where('id', '=', id)
    .execute()
}

export async function replacePool(
  tx: Db,
  exchangeId: string,
  side: Side,
  rows: { ref: string; attrs: unknown }[],
) {
  await tx
    .deleteFrom('exchange_pool')
    .where('exchange_id', '=', exchangeId)
    .where('side', '=', side)
    .execute()
  await upsertPool(tx, exchangeId, side, rows)
}

export async function upsertPool(
  tx: Db,
  exchangeId: string,
  side: Side,
  rows: { ref: string; attrs: unknown }[],
) {
  for (let i = 0; i < rows.length; i += 1000)
    await tx
      .insertInto('exchange_pool')
      .values(
        rows
          .slice(i, i + 1000)
          .map((r) => ({ exchange_id: exchangeId, side, ref: r.ref, attrs: JSON.stringify(r.attrs) })),
      )
      .onConflict((oc) =>
        oc.columns(['exchange_id', 'side', 'ref']).doUpdateSet({ attrs: (eb) => eb.ref('excluded.attrs') }),
      )
      .execute()
}

export async function poolOf(db: Db, exchangeId: string, side: Side) {
  return db
    .selectFrom('exchange_pool')
    .select(['ref', 'attrs'])
    .where('exchange_id', '=', exchangeId)
    .where('side', '=', side)
    .execute()
}

/**
 * Persons we hold now (captured, interned or in hospital), confirmed, with the date they came into
 * our power: their capture event first (every registration, one by one, by capture or imported,
 * writes one), then the group capture's date, then the day of registration.
 */
export async function heldPersons(db: Db) {
  return db
    .selectFrom('persons')
    .leftJoin('captures', 'captures.id', 'persons.capture_id')
    .select([
      'persons.id',
      'persons.surname',
      'persons.first_names',
      'persons.date_of_birth',
      'persons.sex',
      'persons.health',
      'persons.category',
      'persons.rank',
      'persons.service_number',
      sql<string | null>`coalesce(
        (select to_char(min(e.occurred_on), 'YYYY-MM-DD') from person_events e
          where e.person_id = persons.id and e.type = 'captured'),
        to_char(captures.captured_on, 'YYYY-MM-DD'))`.as('captured_on'),
      sql<string>`to_char(persons.created_at, 'YYYY-MM-DD')`.as('registered_on'),
    ])
    .where('persons.status', 'in', ['captured', 'interned', 'hospitalised'])
    .where('persons.confirmation', '=', 'confirmed')
    .execute()
}

/** The person facts (consent, Art. 109 refusal, proceedings) of persons we hold, in history order. */
export async function heldFactEvents(db: Db) {
  const rows = await db
    .selectFrom('person_events as e')
    .innerJoin('persons as p', 'p.id', 'e.person_id')
    .select(['e.person_id', 'e.seq', 'e.type', 'e.occurred_on', 'e.details'])
    .where('e.type', 'in', [...FACT_EVENT_TYPES])
    .where('p.status', 'in', ['captured', 'interned', 'hospitalised'])
    .orderBy('e.person_id')
    .orderBy('e.occurred_on')
    .orderBy('e.seq')
    .execute()
  const out = new Map<string, PersonEvent[]>()
  for (const r of rows) {
    const list = out.get(r.person_id) ?? []
    list.push({
      seq: r.seq,
      type: r.type as PersonEvent['type'],
      occurredOn: r.occurred_on,
      facilityId: null,
      details: r.details as Record<string, unknown>,
    })
    out.set(r.person_id, list)
  }
  return out
}

/** Where these persons stand now (a substitute who is not held is refused by what he is). */
export async function personStatuses(db: Db, ids: string[]) {
  const valid = ids.filter((id) => UUID.test(id))
  if (valid.length === 0) return []
  return db
    .selectFrom('persons')
    .select(['id', 'surname', 'first_names', 'date_of_birth', 'status', 'confirmation'])
    .where('id', 'in', valid)
    .execute()
}

export async function insertRound(
  tx: Db,
  r: {
    exchangeId: string
    n: number
    kind: 'proposal' | 'counter'
    give: string[]
    receive: string[]
    detail: unknown
    createdBy: string
  },
) {
  await tx
    .insertInto('exchange_rounds')
    .values({
      exchange_id: r.exchangeId,
      n: r.n,
      kind: r.kind,
      give: JSON.stringify(r.give),
      receive: JSON.stringify(r.receive),
      detail: JSON.stringify(r.detail),
      created_by: r.createdBy,
    })
    .execute()
}

export async function roundsOf(db: Db, exchangeId: string) {
  return db
    .selectFrom('exchange_rounds')
    .selectAll()
    .where('exchange_id', '=', exchangeId)
    .orderBy('n')
    .execute()
}

/** The latest round's lists of every exchange still open, but this one. */
export async function openRoundsExcept(db: Db, exchangeId: string) {
  return db
    .selectFrom('exchange_rounds as r')
    .innerJoin('exchanges as e', 'e.id', 'r.exchange_id')
    .select(['r.exchange_id', 'r.n', 'r.give', 'r.receive'])
    .where('e.status', 'in', ['proposed', 'agreed', 'executing'])
    .where('e.id', '!=', exchangeId)
    .orderBy('r.n', 'desc')
    .execute()
}

export async function insertHandover(
  tx: Db,
  exchangeId: string,
  rows: { side: Side; ref: string; stage: number }[],
) {
  // the rows come deduplicated; a repeat that slips through is skipped, never a key violation
  for (let i = 0; i < rows.length; i += 1000)
    await tx
      .insertInto('exchange_handover')
      .values(rows.slice(i, i + 1000).map((r) => ({ exchange_id: exchangeId, ...r })))
      .onConflict((oc) => oc.columns(['exchange_id', 'side', 'ref']).doNothing())
      .execute()
}

export async function handoverOf(db: Db, exchangeId: string) {
  return db
    .selectFrom('exchange_handover')
    .selectAll()
    .where('exchange_id', '=', exchangeId)
    .orderBy('stage')
    .orderBy('side')
    .orderBy('ref')
    .execute()
}

export async function updateHandover(
  tx: Db,
  exchangeId: string,
  side: Side,
  ref: string,
  values: { outcome: string; substitute_ref: string | null; updated_by: string },
) {
  const r = await tx
    .updateTable('exchange_handover')
    .set({ ...values, updated_at: new Date() })
    .where('exchange_id', '=', exchangeId)
    .where('side', '=', side)
    .where('ref', '=', ref)
    .executeTakeFirst()
  return Number(r.numUpdatedRows)
}

/** Which of these ids are persons of the register. */
export async function existingPersons(db: Db, ids: string[]): Promise<Set<string>> {
  const valid = [...new Set(ids.filter((id) => UUID.test(id)))]
  const found = new Set<string>()
  for (let i = 0; i < valid.length; i += 5000) {
    const rows = await db
      .selectFrom('persons')
      .select('id')
      .where('id', 'in', valid.slice(i, i + 5000))
      .execute()
    for (const r of rows) found.add(r.id)
  }
  return found
}

/** The number the next round takes; read inside the write that has locked the exchange. */
export async function nextRoundNumber(tx: Db, exchangeId: string): Promise<number> {
  const r = await tx
    .selectFrom('exchange_rounds')
    .select((eb) => eb.fn.max('n').as('n'))
    .where('exchange_id', '=', exchangeId)
    .executeTakeFirst()
  return Number(r?.n ?? 0) + 1
}

export async function lastRound(db: Db, exchangeId: string) {
  return db
    .selectFrom('exchange_rounds')
    .selectAll()
    .where('exchange_id', '=', exchangeId)
    .orderBy('n', 'desc')
    .limit(1)
    .executeTakeFirst()
}

export type ReturnedRow = {
  ref: string
  stage: number
  replaced_ref: string | null
  surname: string
  first_names: string | null
  date_of_birth: string | null
  service_number: string | null
  returned_on: string
}

/** Our persons who came home in this exchange, kept with their row of the sought list. */
export async function insertReturned(tx: Db, exchangeId: string, rows: ReturnedRow[], by: string) {
  for (let i = 0; i < rows.length; i += 1000)
    await tx
      .insertInto('exchange_returned')
      .values(rows.slice(i, i + 1000).map((r) => ({ ...r, exchange_id: exchangeId, recorded_by: by })))
      .onConflict((oc) => oc.columns(['exchange_id', 'ref']).doNothing())
      .execute()
}

export async function returnedOf(db: Db, exchangeId: string) {
  return db
    .selectFrom('exchange_returned')
    .select([
      'ref',
      'stage',
      'replaced_ref',
      'surname',
      'first_names',
      'date_of_birth',
      'service_number',
      'returned_on',
    ])
    .where('exchange_id', '=', exchangeId)
    .orderBy('stage')
    .orderBy('surname')
    .execute()
}
