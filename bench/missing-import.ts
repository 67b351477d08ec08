import { stringify } from 'csv-stringify/sync'
import { scenarioMissing } from '../src/generate/missing'
import type { Benchmark } from './lib'
import { BENCH_ACTOR, databasesFrom, freshParley, sizeToCount } from './support'

/**
 * Import of a generated missing-persons register through the real path (read, check every row,
 * insert records, reports, events and audit entries in one write), then the same source again.
 */
const bench: Benchmark = {
  description: 'import of a generated missing-persons register (issue 15), and the same source again',
  sizes: ['5k', '50k'],
  async run({ size, args }) {
    const count = sizeToCount(size, 5000)
    const content = Buffer.from(
      stringify([...scenarioMissing({ seed: 15, persons: count })], { header: true }),
    )
    const figures: Record<string, number> = { csvMiB: Number((content.length / 2 ** 20).toFixed(1)) }
    for (const kind of databasesFrom(args, ['pglite'])) {
      const { parley, dispose } = await freshParley(kind, 'missing-import')
      try {
        const t = performance.now()
        const report = await parley.services.missingImport(BENCH_ACTOR, { name: 'missing.csv', content })
        const seconds = (performance.now() - t) / 1000
        if (report.created !== count) throw new Error(`imported ${report.created} of ${count}`)
        const t2 = performance.now()
        const again = await parley.services.missingImport(BENCH_ACTOR, { name: 'missing.csv', content })
        if (again.created !== 0) throw new Error('the second import registered persons again')
        figures[`${kind}Seconds`] = Number(seconds.toFixed(2))
        figures[`${kind}RowsPerSecond`] = Math.round(count / seconds)
        figures[`${kind}ReimportSeconds`] = Number(((performance.now() - t2) / 1000).toFixed(2))
      } finally {
        await dispose()
      }
    }
    return { params: { rows: count }, figures }
  },
}
export default bench
