import { sql } from 'kysely'
import pino from 'pino'
import { openParley } from '../src/app/container'
import { progressBar } from '../src/cli/context'
import { loadConfig } from '../src/core/config'
import { firstNameKey } from '../src/custody/person-row'
import type { Db } from '../src/db/connection'
import { generatePersons } from '../src/generate'
import { createHttpApp } from '../src/http/app'
import { nameKey } from '../src/names/key'
import { type Benchmark, percentile } from './lib'
import { BENCH_ACTOR, BENCH_PASSWORD, databasesFrom, keptDatabase, sizeToCount } from './support'

/**
 * GET /api/v1/dashboard over a register of SIZE persons, in process (app.request, the real
 * routes, session and service), on PGlite and on PostgreSQL (`--db pglite` for PGlite alone, as
 * without a server; PostgreSQL is skipped when none answers), p50/p95 of `--runs` rounds: fresh
 * (?fresh=true: every aggregate computed by the database while the reader waits), after a restart
 * (nothing in memory: the kept snapshot row read), during the background refresh that read starts,
 * warm (kept in memory), and narrowed to ninety days (?from=&to=, drawn from the kept counts).
 *
 * The register is kept between runs (bench/.data/dashboard-SIZE, or database
 * parley_bench_dashboard_SIZE). It is filled with the generator's fictitious persons by direct
 * multi-row inserts of persons and their events (captured, consent, refusal, proceedings), with a
 * spread of statuses, facilities, health, sex and capture dates: the dashboard reads aggregates
 * only, and the import path (bench api-list) takes many minutes per million on a shared machine.
 */
const bench: Benchmark = {
  description:
    'the dashboard API over SIZE persons: fresh, after a restart, during a refresh, warm; PGlite and PostgreSQL',
  sizes: ['1m', '100k'],
  async run({ size, args }) {
    const count = sizeToCount(size, 1_000_000)
    const runs = Number(args[args.indexOf('--runs') + 1]) || 5
    const figures: Record<string, number> = {}
    const asked = args.includes('--db')
    for (const kind of databasesFrom(args, ['pglite', 'postgres'])) {
      let env: Record<string, string>
      try {
        env = await keptDatabase(kind, `dashboard-${size}`)
      } catch (e) {
        // no PostgreSQL server here (PGlite is the default install): PGlite's figures still count
        if (kind !== 'postgres' || asked) throw e
        console.log(`PostgreSQL skipped (${(e as Error).message}); --db postgres to require it`)
        continue
      }
      const parley = await openParley(loadConfig(env))
      try {
        const fillStarted = performance.now()
        await fill(parley.conn.db, count)
        figures[`${kind}FillSeconds`] = Number(((performance.now() - fillStarted) / 1000).toFixed(1))
        const app = createHttpApp({
          conn: parley.conn,
          auth: parley.auth,
          services: parley.services,
          logger: pino({ level: 'silent' }),
          baseUrl: 'http://localhost',
        })
        const cookie = await signIn(parley, app)
        const read = async (query = '') => {
          const started = performance.now()
          const res = await app.request(`/api/v1/dashboard${query}`, { headers: { cookie } })
          if (res.status !== 200) throw new Error(`dashboard: ${res.status} ${await res.text()}`)
          const body = (await res.json()) as { held: { total: number }; cached: boolean }
          return { ms: performance.now() - started, body }
        }
        const { dashboard } = parley.services
        const fresh: number[] = []
        const restart: number[] = []
        const during: number[] = []
        const warm: number[] = []
        const ranged: number[] = []
        let held = 0
        for (let i = 0; i < runs; i++) {
          // the computation itself, as a reader asking for ?fresh=true waits for it
          const f = await read('?fresh=true')
          if (f.body.cached) throw new Error('a fresh read was answered from the kept figures')
          fresh.push(f.ms)
          held = f.body.held.total
          // a restarted server: nothing in memory, the figures read from the kept snapshot row
          dashboard.forget()
          const r = await read()
          if (!r.body.cached) throw new Error('a read after a restart computed the figures')
          restart.push(r.ms)
          // that read started a refresh (nothing says what was written before the restart): readers meanwhile
          for (let k = 0; k < 4; k++) during.push((await read()).ms)
          await dashboard.settled()
          for (let k = 0; k < 4; k++) warm.push((await read()).ms)
          // narrowed to dates: drawn from the kept counts, no person read again
          for (let k = 0; k < 4; k++)
            ranged.push((await read(`?from=${daysAgo(90 + k)}&to=${daysAgo(k)}`)).ms)
        }
        figures[`${kind}_persons`] = await personCount(parley.conn.db)
        figures[`${kind}_heldNow`] = held
        figures[`${kind}_fresh_p50ms`] = round(percentile(fresh, 50))
        figures[`${kind}_fresh_p95ms`] = round(percentile(fresh, 95))
        figures[`${kind}_afterRestart_p50ms`] = round(percentile(restart, 50))
        figures[`${kind}_afterRestart_p95ms`] = round(percentile(restart, 95))
        figures[`${kind}_duringRefresh_p50ms`] = round(percentile(during, 50))
        figures[`${kind}_duringRefresh_p95ms`] = round(percentile(during, 95))
        figures[`${kind}_warm_p50ms`] = round(percentile(warm, 50))
        figures[`${kind}_warm_p95ms`] = round(percentile(warm, 95))
        figures[`${kind}_ranged_p50ms`] = round(percentile(ranged, 50))
        figures[`${kind}_ranged_p95ms`] = round(percentile(ranged, 95))
      } finally {
        await parley.close()
      }
    }
    return { params: { persons: count, runs, readsPerRun: 4 }, figures }
  },
}
export default bench

const round = (ms: number) => Number(ms.toFixed(1))
const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString().slice(0, 10)

async function personCount(db: Db) {
  const r = await db
    .selectFrom('persons')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(r.n)
}

async function signIn(parley: Awaited<ReturnType<typeof openParley>>, app: ReturnType<typeof createHttpApp>) {
  const { users } = parley.services
  if (!(await users.listUsers()).some((u) => u.username === 'bench'))
    await users.createUser(BENCH_ACTOR, {
      username: 'bench',
      name: 'Benchmark',
      role: 'registrar',
      password: BENCH_PASSWORD,
    })
  const { writeSetting } = await import('../src/settings/store')
  await writeSetting(parley.conn.db, 'security', { requireSecondFactor: false }, new Date())
  const res = await app.request('/api/v1/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: 'http://localhost' },
    body: JSON.stringify({ username: 'bench', password: BENCH_PASSWORD }),
  })
  if (!res.ok) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`)
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ')
}

/** A deterministic spread, so every run of the benchmark reads the same register. */
const pick = (i: number, modulo: number, seed = 7) => ((i * 2654435761 + seed) >>> 0) % modulo

const STATUS = (i: number) => {
  const r = pick(i, 100, 3)
  if (r < 3) return 'hospitalised'
  if (r < 5) return 'captured'
  if (r < 7) return 'died'
  if (r < 10) return 'released'
  if (r < 18) return 'exchanged'
  return 'interned'
}
const HEALTH = ['good', 'good', 'good', 'slightly_wounded', 'sick', 'seriously_wounded', 'seriously_sick']
// under 32,767 parameters a statement (PGlite reads the count as a signed 16-bit number)
const BATCH = 1_000

const TEMPLATE = 1_000
const CHUNK = 50_000

/**
 * Tops the kept register up to `count` persons with their events, with a progress bar. The first
 * TEMPLATE persons are the generator's, inserted from here; every later person is made by the
 * database from one of them (names, birth, unit) with its own status, facility, health, capture
 * date and facts from the same deterministic spread: a million rows sent one batch at a time take
 * an hour on the shared machine, made in SQL a few minutes.
 */
async function fill(db: Db, count: number) {
  const have = await personCount(db)
  if (have >= count) return
  let facilities = await db
    .selectFrom('facilities')
    .select('id')
    .where('name', 'like', '% (dashboard bench)')
    .orderBy('name')
    .execute()
  if (facilities.length === 0)
    facilities = await db
      .insertInto('facilities')
      .values(
        ['Camp A', 'Camp B', 'Camp C', 'Transit point', 'Hospital'].map((n, k) => ({
          name: `${n} (dashboard bench)`,
          kind: k === 4 ? 'hospital' : k === 3 ? 'transit_camp' : 'camp',
          capacity: k === 4 ? 20_000 : 300_000,
        })),
      )
      .returning('id')
      .execute()
  const bar = progressBar('fill register for the dashboard')
  if (have < TEMPLATE) await fillFromGenerator(db, have, Math.min(TEMPLATE, count), facilities)
  const ids = sql.raw(`array[${facilities.map((f) => `'${f.id}'`).join(',')}]::uuid[]`)
  const p = (modulo: number, seed: number) =>
    sql.raw(`(((n::bigint * 2654435761 + ${seed}) % 4294967296) % ${modulo})::int`)
  for (let from = Math.max(have, TEMPLATE); from < count; from += CHUNK) {
    const to = Math.min(count, from + CHUNK) - 1
    await sql`
      with t as (select row_number() over (order by id) - 1 as k, * from (
          select * from persons order by id limit ${TEMPLATE}) x),
      g as (
        select n, gen_random_uuid() as id,
          case when ${p(100, 3)} < 3 then 'hospitalised' when ${p(100, 3)} < 5 then 'captured'
            when ${p(100, 3)} < 7 then 'died' when ${p(100, 3)} < 10 then 'released'
            when ${p(100, 3)} < 18 then 'exchanged' else 'interned' end as status,
          current_date - ${p(1000, 13)} as captured_on, ${p(100, 23)} as f,
          ${p(2, 0)} as h2, ${p(5, 11)} as h5, ${p(4, 9)} as fac
        from generate_series(${from}::int, ${to}::int) s(n)),
      ins as (
        insert into persons (id, category, confirmation, surname, first_names, patronymic, surname_key,
          first_names_key, patronymic_key, name_script, sex, rank, service_number, date_of_birth, unit,
          art17_complete, status, facility_id, health, event_count, version, last_event_on, created_by, created_at,
          captured_on, consent_given, refused_repatriation, proceedings_open)
        select g.id, case when ${p(20, 7)} = 0 then 'civilian_internee' else 'prisoner_of_war' end,
          case when ${p(25, 5)} = 0 then 'unconfirmed' else 'confirmed' end,
          t.surname, t.first_names, t.patronymic, t.surname_key, t.first_names_key, t.patronymic_key,
          t.name_script, t.sex, t.rank, t.service_number, t.date_of_birth, t.unit, true, g.status,
          case when g.status = 'captured' then null when g.status = 'hospitalised' then (${ids})[5]
            else (${ids})[1 + g.fac] end,
          case when g.status = 'hospitalised' then (array['seriously_wounded', 'seriously_sick'])[1 + g.h2]
            when g.status in ('captured', 'interned') then
              (array['good', 'good', 'good', 'slightly_wounded', 'sick'])[1 + g.h5] end,
          1, 1, g.captured_on, ${BENCH_ACTOR.id}, now() - make_interval(days => ${p(700, 17)}),
          g.captured_on, g.f >= 2 and g.f < 40, g.f < 2, g.f = 2
        from g join t on t.k = g.n % ${TEMPLATE})
      insert into person_events (person_id, seq, type, occurred_on, source, author_id)
      select id, 1, 'captured', captured_on, 'bench', ${BENCH_ACTOR.id} from g
      union all select id, 2, 'consent_given', captured_on, 'bench', ${BENCH_ACTOR.id} from g where f < 40
      union all select id, 3, 'refused_repatriation', captured_on, 'bench', ${BENCH_ACTOR.id} from g where f < 2
      union all select id, 3, 'proceedings_opened', captured_on, 'bench', ${BENCH_ACTOR.id} from g where f = 2
    `.execute(db)
    bar.update(to + 1, count)
  }
  bar.stop()
  // fresh statistics, as autovacuum would give a server some time after a bulk load
  await sql`analyze persons`.execute(db)
  await sql`analyze person_events`.execute(db)
}

async function fillFromGenerator(db: Db, have: number, count: number, facilities: { id: string }[]) {
  const now = Date.now()
  const day = (d: number) => new Date(now - d * 86_400_000).toISOString().slice(0, 10)
  let i = have
  for (const batch of batches(generatePersons({ seed: 18, count: count - have, firstId: have + 1 }), BATCH)) {
    const persons = batch.map((p, k) => {
      const n = i + k
      const status = STATUS(n)
      const held = ['captured', 'interned', 'hospitalised'].includes(status)
      return {
        category: pick(n, 20) === 0 ? 'civilian_internee' : 'prisoner_of_war',
        confirmation: pick(n, 25, 5) === 0 ? 'unconfirmed' : 'confirmed',
        surname: p.surname,
        first_names: p.givenName,
        patronymic: p.patronymic,
        // keyed as registration keys them, so a later start has no names to key for search
        surname_key: nameKey(p.surname),
        first_names_key: firstNameKey(p.givenName),
        patronymic_key: nameKey(p.patronymic),
        name_script: 'Cyrl',
        sex: p.sex,
        rank: p.rank,
        service_number: p.serviceNumber,
        date_of_birth: p.dateOfBirth,
        unit: p.unit,
        art17_complete: true,
        status,
        facility_id:
          status === 'captured' ? null : facilities[status === 'hospitalised' ? 4 : pick(n, 4, 9)]!.id,
        health: status === 'hospitalised' ? HEALTH[5 + pick(n, 2)]! : held ? HEALTH[pick(n, 5, 11)]! : null,
        event_count: 1,
        version: 1,
        last_event_on: day(pick(n, 1000, 13)),
        // the facts its events below state, cached as the write path caches them
        captured_on: day(pick(n, 1000, 13)),
        consent_given: pick(n, 100, 23) >= 2 && pick(n, 100, 23) < 40,
        refused_repatriation: pick(n, 100, 23) < 2,
        proceedings_open: pick(n, 100, 23) === 2,
        created_by: BENCH_ACTOR.id,
        created_at: new Date(now - pick(n, 700, 17) * 86_400_000),
      }
    })
    const ids = await db.insertInto('persons').values(persons).returning('id').execute()
    const events = ids.flatMap(({ id }, k) => {
      const n = i + k
      const captured = day(pick(n, 1000, 13))
      const base = { person_id: id, source: 'bench', author_id: BENCH_ACTOR.id, details: '{}' }
      const out = [{ ...base, seq: 1, type: 'captured', occurred_on: captured }]
      const f = pick(n, 100, 23)
      if (f < 40) out.push({ ...base, seq: 2, type: 'consent_given', occurred_on: captured })
      if (f < 2) out.push({ ...base, seq: 3, type: 'refused_repatriation', occurred_on: captured })
      else if (f < 3) out.push({ ...base, seq: 3, type: 'proceedings_opened', occurred_on: captured })
      return out
    })
    await db.insertInto('person_events').values(events).execute()
    i += batch.length
  }
}

function* batches<T>(items: Iterable<T>, size: number): Generator<T[]> {
  let batch: T[] = []
  for (const item of items) {
    batch.push(item)
    if (batch.length === size) {
      yield batch
      batch = []
    }
  }
  if (batch.length > 0) yield batch
}
