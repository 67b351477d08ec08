import { sql } from 'kysely'
import { openParley } from '../src/app/container'
import * as auditStore from '../src/audit/store'
import { progressBar } from '../src/cli/context'
import { loadConfig } from '../src/core/config'
import { createStateCheck } from '../src/custody/check'
import * as checkStore from '../src/custody/check-store'
import type { Benchmark } from './lib'
import { BENCH_ACTOR, databasesFrom, keptDatabase, sizeToCount } from './support'

/**
 * `parley check` and `parley rebuild-state` over a kept register of N persons with three events
 * each (captured, registered, arrived at a camp), filled once in SQL (the import path would take
 * most of an hour at a million): every person's state recomputed from their events, then 100
 * persons' stored status altered in SQL and repaired, audited.
 */
const bench: Benchmark = {
  description:
    'state check (fold of every person’s events against the stored state) and rebuild of 100 drifted persons',
  sizes: ['100k', '1m'],
  async run({ size, args }) {
    const count = sizeToCount(size, 100_000)
    const figures: Record<string, number> = {}
    for (const kind of databasesFrom(args, ['postgres'])) {
      const env = await keptDatabase(kind, `state-check-${size}`)
      const parley = await openParley(loadConfig(env))
      try {
        const db = parley.conn.db
        let started = performance.now()
        await fill(db, count)
        figures[`${kind}FillSeconds`] = Number(((performance.now() - started) / 1000).toFixed(1))
        const check = createStateCheck({ db, store: checkStore, audit: auditStore, clock: () => new Date() })
        let bar = progressBar('check')
        started = performance.now()
        const clean = await check.check(bar.update)
        bar.stop()
        const checkSeconds = (performance.now() - started) / 1000
        figures[`${kind}Persons`] = clean.checked
        figures[`${kind}CheckSeconds`] = Number(checkSeconds.toFixed(1))
        figures[`${kind}CheckPersonsPerSecond`] = Math.round(clean.checked / checkSeconds)
        figures[`${kind}DifferingBefore`] = clean.differing
        await sql`update persons set status = 'released', facility_id = null
          where id in (select id from persons order by register_number desc limit 100)`.execute(db)
        bar = progressBar('rebuild')
        started = performance.now()
        const rebuilt = await check.rebuild(BENCH_ACTOR, bar.update)
        bar.stop()
        figures[`${kind}RebuildSeconds`] = Number(((performance.now() - started) / 1000).toFixed(1))
        figures[`${kind}Repaired`] = rebuilt.repaired
      } finally {
        await parley.close()
      }
    }
    return { params: { persons: count, eventsPerPerson: 3, batch: 5000, drifted: 100 }, figures }
  },
}
export default bench

type Db = Parameters<typeof checkStore.countAllPersons>[0]

/** Tops the register up to `count` fictitious persons, each captured, registered and arrived. */
async function fill(db: Db, count: number) {
  const have = await checkStore.countAllPersons(db)
  if (have >= count) return
  await sql`insert into facilities (name, kind, capacity) values ('Camp S (bench)', 'camp', 2000000)
    on conflict (name) do nothing`.execute(db)
  const bar = progressBar('fill')
  for (let from = have; from < count; from += 50_000) {
    const to = Math.min(count, from + 50_000)
    await db.transaction().execute(async (tx) => {
      await sql`
        with f as (select id from facilities where name = 'Camp S (bench)'),
        p as (
          insert into persons (category, surname, first_names, name_script, art17_complete, status,
            facility_id, event_count, last_event_on, created_by, updated_at, source_key, captured_on)
          select 'prisoner_of_war', 'Бенч' || g, 'Петро', 'cyrillic', false, 'interned', f.id, 3,
            date '2026-10-02', 'bench', now(), 'state-check-' || g, date '2026-10-01'
          from generate_series(${from + 1}::int, ${to}::int) g, f
          returning id, facility_id)
        insert into person_events (person_id, seq, type, occurred_on, facility_id, details, source, author_id)
        select p.id, e.seq, e.type, e.d, case when e.type = 'arrived' then p.facility_id end,
          '{}'::jsonb, 'bench', 'bench'
        from p, (values (1, 'captured', date '2026-10-01'), (2, 'registered', date '2026-10-01'),
                        (3, 'arrived', date '2026-10-02')) as e(seq, type, d)`.execute(tx)
    })
    bar.update(to - have, count - have)
  }
  bar.stop()
}
