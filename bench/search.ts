import { sql } from 'kysely'
import { openParley } from '../src/app/container'
import { loadConfig } from '../src/core/config'
import { corruptPerson, Random } from '../src/generate'
import { type Benchmark, percentile } from './lib'
import { keptDatabase, personsAt, prepareKeptRegister, sizeToCount } from './support'

/**
 * Name search at register scale: queries are corrupted spellings (other transliterations,
 * Russian/Ukrainian forms, typing errors, swapped names, date slips) of persons in the register;
 * latency of each search on one core, and recall@10: the true person among the first ten.
 */
const bench: Benchmark = {
  description: 'name search over the register: latency p50/p95 and recall@10 for corrupted spellings',
  sizes: ['1m', '100k'],
  async run({ size, args }) {
    const count = sizeToCount(size, 1_000_000)
    const queries = Number(args[args.indexOf('--queries') + 1]) || 1000
    const env = await keptDatabase('pglite', `list-${size}`)
    const fillSeconds = await prepareKeptRegister(env, count)
    const parley = await openParley(loadConfig(env))
    try {
      const random = new Random(20261122)
      const positions = Array.from({ length: queries }, () => random.int(1, count))
      const truth = personsAt(positions)
      const ids = new Map<string, string>()
      const keys = [...new Set(positions)].map((n) => `id:P${String(n).padStart(7, '0')}`)
      for (let i = 0; i < keys.length; i += 1000) {
        const rows = await parley.conn.db
          .selectFrom('persons')
          .select(['id', sql<string>`regexp_replace(source_key, '^.*:id:', 'id:')`.as('key')])
          // registers imported since imports were keyed by file read `file:<sha>:id:<id>`
          .where(sql<string>`regexp_replace(source_key, '^.*:id:', 'id:')`, 'in', keys.slice(i, i + 1000))
          .execute()
        for (const r of rows) ids.set(r.key, r.id)
      }
      const { searchPersons } = parley.services.search
      // warm the caches once, as a running server would be
      await searchPersons('Иванов Александр')

      const run = async (withBirth: boolean) => {
        const times: number[] = []
        let found = 0
        const rng = new Random(withBirth ? 7 : 8)
        for (const n of positions) {
          const person = truth.get(n)!
          const r = corruptPerson(rng, person, { field_empty: 0 })
          const text = [r.surname, r.givenName, r.patronymic, withBirth ? r.dateOfBirth : '']
            .filter(Boolean)
            .join(' ')
          const t = performance.now()
          const { hits } = await searchPersons(text, 10)
          times.push(performance.now() - t)
          const want = ids.get(`id:${person.id}`)
          if (hits.some((h) => h.id === want)) found++
        }
        return {
          p50: Number(percentile(times, 50).toFixed(1)),
          p95: Number(percentile(times, 95).toFixed(1)),
          recall: Number((found / positions.length).toFixed(4)),
        }
      }
      const full = await run(true)
      const nameOnly = await run(false)
      return {
        params: { persons: count, queries, database: 'pglite', process: 'in-process service call, one core' },
        figures: {
          fillSeconds,
          nameAndBirth_p50ms: full.p50,
          nameAndBirth_p95ms: full.p95,
          nameAndBirth_recallAt10: full.recall,
          nameOnly_p50ms: nameOnly.p50,
          nameOnly_p95ms: nameOnly.p95,
          nameOnly_recallAt10: nameOnly.recall,
        },
      }
    } finally {
      await parley.close()
    }
  },
}
export default bench
