import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Benchmark } from './lib'
import { BENCH_ACTOR, databasesFrom, freshParley, registerCsv, sizeToCount } from './support'

/**
 * Bulk import into the custody register through the real import path (parse, validate, plan,
 * insert persons, events and audit entries in one transaction), on PGlite and on PostgreSQL. The
 * file is read from disk as `parley import persons` reads it: as a stream, never held whole.
 */
const bench: Benchmark = {
  description:
    'bulk import of a register CSV through the import path, rows per second (PGlite and PostgreSQL)',
  sizes: ['50k', '10k', '100k'],
  async run({ size, args }) {
    const count = sizeToCount(size, 50_000)
    const dir = mkdtempSync(path.join(os.tmpdir(), 'parley-bench-import-'))
    const file = path.join(dir, 'bench.csv')
    // written and let go, so the peak memory is the import's, not the generated text's
    writeFileSync(file, registerCsv(7, count, 1))
    const figures: Record<string, number> = { csvMiB: Number((statSync(file).size / 2 ** 20).toFixed(1)) }
    for (const kind of databasesFrom(args, ['pglite', 'postgres'])) {
      const { parley, dispose } = await freshParley(kind, 'import')
      try {
        const t = performance.now()
        const report = await parley.services.personImport.importPersons(BENCH_ACTOR, {
          name: 'bench.csv',
          path: file,
        })
        const seconds = (performance.now() - t) / 1000
        if (report.created !== count) throw new Error(`imported ${report.created} of ${count}`)
        const t2 = performance.now()
        const again = await parley.services.personImport.importPersons(BENCH_ACTOR, {
          name: 'bench.csv',
          path: file,
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
    rmSync(dir, { recursive: true, force: true })
    return { params: { rows: count }, figures }
  },
}
export default bench
