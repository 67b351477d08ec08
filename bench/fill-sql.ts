import { sql } from 'kysely'
import { openParley } from '../src/app/container'
import { progressBar } from '../src/cli/context'
import { loadConfig } from '../src/core/config'
import { firstNameKey } from '../src/custody/person-row'
import type { Db } from '../src/db/connection'
import { generatePersons } from '../src/generate'
import { nameKey } from '../src/names/key'
import { BENCH_ACTOR, BENCH_PASSWORD, ensureBenchFacilities } from './support'

/** Generated persons whose parts the database recombines: enough that names do not repeat in blocks. */
const TEMPLATES = 5_000
/** Persons made per statement. */
const CHUNK = 50_000
/** One in this many persons is registered again (same name and birth, another service number). */
const TWICE_ONE_IN = 100

/**
 * Tops a kept register up to `count` persons in SQL, as bench/dashboard.ts fills its own: the
 * import path stores about 8,000 persons a minute on the shared machine, two hours for a million.
 *
 * Unlike the dashboard's register (which copies 1,000 persons whole, so every name recurs once in
 * 1,000 rows: harmless for aggregates, a thousand identical blocks for a deduplication), each person
 * here takes the surname, birth place, rank, unit and father's name of one of 5,000 generated
 * persons and the given name and patronymic of another of the same sex, a date of birth spread over
 * forty years and a service number of its own; one in a hundred repeats the previous person's name
 * and birth, so the dedupe has real duplicates to find. Each gets a `captured` event. Notices are
 * not raised (no write pipeline), as in the dashboard's fill.
 * @returns seconds spent (near zero when the register was already full) and the persons it holds
 */
export async function fillRegisterInSql(env: Record<string, string>, count: number) {
  const parley = await openParley(loadConfig(env))
  const started = performance.now()
  try {
    const { users } = parley.services
    const facilities = await ensureBenchFacilities(parley)
    if (!(await users.listUsers()).some((u) => u.username === 'bench'))
      await users.createUser(BENCH_ACTOR, {
        username: 'bench',
        name: 'Benchmark',
        role: 'registrar',
        password: BENCH_PASSWORD,
      })
    const have = await personCount(parley.conn.db)
    if (have < count) await fill(parley.conn.db, have, count, facilities)
    return {
      seconds: Number(((performance.now() - started) / 1000).toFixed(1)),
      persons: await personCount(parley.conn.db),
      filled: Math.max(0, count - have),
    }
  } finally {
    await parley.close()
  }
}

async function personCount(db: Db) {
  const r = await db
    .selectFrom('persons')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(r.n)
}

/** The generator's persons as parts to recombine, each numbered within its sex (sk). */
function templates() {
  const bySex = { male: 0, female: 0 }
  return [...generatePersons({ seed: 1717, count: TEMPLATES, nationality: 'RU' })].map((p, k) => ({
    k,
    sk: bySex[p.sex]++,
    sex: p.sex,
    surname: p.surname,
    surname_key: nameKey(p.surname),
    first_names: p.givenName,
    first_names_key: firstNameKey(p.givenName),
    patronymic: p.patronymic,
    patronymic_key: nameKey(p.patronymic),
    father_first_name: p.fatherFirstName,
    place_of_birth: p.placeOfBirth,
    rank: p.rank,
    unit: p.unit,
  }))
}

/** A table of the bench database (dropped after the fill): with its indexes and statistics the joins are hashed. */
const PARTS = 'bench_name_parts'

async function fill(db: Db, have: number, count: number, facilities: string[]) {
  const tpl = templates()
  const males = tpl.filter((t) => t.sex === 'male').length
  const females = Math.max(1, tpl.length - males)
  await sql`drop table if exists ${sql.table(PARTS)}`.execute(db)
  await sql`
    create unlogged table ${sql.table(PARTS)} as
    select * from jsonb_to_recordset(${JSON.stringify(tpl)}::jsonb) as x(k int, sk int, sex text, surname text,
      surname_key text, first_names text, first_names_key text, patronymic text, patronymic_key text,
      father_first_name text, place_of_birth text, rank text, unit text)`.execute(db)
  await sql`create unique index on ${sql.table(PARTS)} (k)`.execute(db)
  await sql`create unique index on ${sql.table(PARTS)} (sex, sk)`.execute(db)
  await sql`analyze ${sql.table(PARTS)}`.execute(db)
  const ids = sql.raw(`array[${facilities.map((f) => `'${f}'`).join(',')}]::uuid[]`)
  // a deterministic spread of person number x (n, or m: the person it repeats)
  const p = (x: string, modulo: number, seed: number) =>
    sql.raw(`(((${x}::bigint * 2654435761 + ${seed}) % 4294967296) % ${modulo})::int`)
  const bar = progressBar('fill register in SQL')
  try {
    for (let from = have; from < count; from += CHUNK) {
      const to = Math.min(count, from + CHUNK) - 1
      await sql`
        with s as (
          select n, case when n > 0 and ${p('n', TWICE_ONE_IN, 29)} = 0 then n - 1 else n end as m
          from generate_series(${from}::int, ${to}::int) s(n)),
        g as materialized (
          select s.n, s.m, gen_random_uuid() as id, ta.k as a, ta.sex,
            ${p('s.m', 1_000_003, 5)} % (case when ta.sex = 'male' then ${males}::int else ${females}::int end) as b,
            ${p('s.n', 700, 13)} as held, ${p('s.n', facilities.length, 9)} as fac
          from s join ${sql.table(PARTS)} ta on ta.k = ${p('s.m', TEMPLATES, 3)}),
        ins as (
          insert into persons (id, category, confirmation, surname, first_names, patronymic, surname_key,
            first_names_key, patronymic_key, name_script, sex, rank, service_number, date_of_birth,
            place_of_birth, father_first_name, unit, art17_complete, status, facility_id, health,
            event_count, version, last_event_on, created_by, created_at, captured_on)
          select g.id, 'prisoner_of_war', 'confirmed', ta.surname, tb.first_names, tb.patronymic,
            ta.surname_key, tb.first_names_key, tb.patronymic_key, 'Cyrl', ta.sex, ta.rank,
            'BN-' || lpad(g.n::text, 7, '0'),
            (date '1965-01-01' + ${p('g.m', 365 * 40, 7)})::text,
            ta.place_of_birth, ta.father_first_name, ta.unit, true, 'interned', (${ids})[1 + g.fac], 'good',
            1, 1, current_date - g.held, ${BENCH_ACTOR.id}, now() - make_interval(days => g.held),
            current_date - g.held
          from g
          join ${sql.table(PARTS)} ta on ta.k = g.a
          join ${sql.table(PARTS)} tb on tb.sex = g.sex and tb.sk = g.b
          returning id, last_event_on)
        insert into person_events (person_id, seq, type, occurred_on, source, author_id)
        select id, 1, 'captured', last_event_on, 'bench', ${BENCH_ACTOR.id} from ins
      `.execute(db)
      bar.update(to + 1, count)
    }
  } finally {
    bar.stop()
    await sql`drop table if exists ${sql.table(PARTS)}`.execute(db)
  }
  // fresh statistics, as autovacuum would give a server some time after a bulk load
  await sql`analyze persons`.execute(db)
  await sql`analyze person_events`.execute(db)
}
