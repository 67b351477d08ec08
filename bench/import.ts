import type { Benchmark } from './lib'
import { BENCH_ACTOR, databasesFrom, freshParley, registerCsv, sizeToCount } from './support'

/**
 * Bulk import into the custody register through the real import path (parse, validate, plan,
 * insert persons, events and audit entries in one transaction), on PGlite and on PostgreSQL.
 */
const bench: Benchmark = {
  description:
    'bulk import of a register CSV through the import path, rows per second (PGlite and PostgreSQL)',
  sizes: ['50k', '10k', '100k'],
  async run({ size, args }) {
    const count = sizeToCount(size, 50_000)
    const content = registerCsv(7, count, 1)
    const figures: Record<string, number> = { csvMiB: Number((content.length / 2 ** 20).toFixed(1)) }
    for (const kind of databasesFrom(args, ['pglite', 'postgres'])) {
      const { parley, dispose } = await freshParley(kind, 'import')
      try {
        const t = performance.now()
        const report = await parley.services.personImport.importPersons(BENCH_ACTOR, {
          name: 'bench.csv',
          content,
        })
        const seconds = (performance.now() - t) / 1000
        if (report.created !== count) throw new Error(`imported ${report.created} of ${count}`)
        const t2 = performance.now()
        const again = await parley.services.personImport.importPersons(BENCH_ACTOR, {
          name: 'bench.csv',
          content,
        })
        const againSeconds = (performance.now() - t2) / 1000
        if (again.created !== 0) throw new Error('the second import registered persons again')
        figures[`${kind}RowsPerSecond`] = Math.round(count / seconds)
        figures[`${kind}Seconds`] = Number(seconds.toFixed(2))
        figures[`${kind}ReimportSeconds`] = Number(againSeconds.toFixed(2))
      } finally {
        await dispose()
      }
    }
    return { params: { rows: count }, figures }
  },
}
export default bench
