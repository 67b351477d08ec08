import { stringify } from 'csv-stringify/sync'
import { scenarioMissing } from '../src/generate/missing'
import { generatePersons } from '../src/generate/population'
import { scenarioList } from '../src/generate/scenarios'
import type { Benchmark } from './lib'
import { peakRssMiB } from './lib'
import { BENCH_ACTOR, databasesFrom, freshParley, sizeToCount } from './support'

/**
 * Issue 15's benchmark: a received list of 10,000 rows (40% our people, written by the other side,
 * 2% rows repeated) reconciled with a missing-persons register of 100,000, through the real path:
 * the register imported, the list stored, the run started as the API starts it. Time to the review
 * queue is from the start to the run marked done with its pairs saved; memory is the peak resident
 * size sampled while the run went on, and the process's maxRSS (which includes the setup).
 */
const bench: Benchmark = {
  description:
    'reconcile a 10k-row list with a 100k missing-persons register (issue 15): time to the review queue, memory',
  sizes: ['100k', '10k', '1m'],
  async run({ size, args }) {
    const persons = sizeToCount(size, 100_000)
    const listRows = Math.max(100, Math.round(persons / 10))
    const seed = 1526
    const register = [...generatePersons({ seed, count: persons, nationality: 'UA' })]
    const list = scenarioList(
      { seed, persons, nationality: 'UA', listRows, matchShare: 0.4, duplicateShare: 0.02 },
      register,
    )
    const figures: Record<string, number | string | null> = {}
    for (const kind of databasesFrom(args, ['pglite'])) {
      const { parley, dispose } = await freshParley(kind, 'reconcile')
      try {
        const t0 = performance.now()
        const csv = stringify([...scenarioMissing({ seed, persons })], { header: true })
        await parley.services.missingImport(BENCH_ACTOR, { name: 'missing.csv', content: Buffer.from(csv) })
        const stored = await parley.services.lists.importList(BENCH_ACTOR, {
          name: 'bench list',
          counterpart: 'the other side',
          fileName: 'list.csv',
          content: Buffer.from(
            stringify(
              list.map(({ true_person_id, duplicate_of, ...r }) => r),
              { header: true },
            ),
          ),
        })
        figures[`${kind}SetupSeconds`] = round((performance.now() - t0) / 1000)

        let peakRss = 0
        let peakHeap = 0
        const sampler = setInterval(() => {
          const m = process.memoryUsage()
          peakRss = Math.max(peakRss, m.rss)
          peakHeap = Math.max(peakHeap, m.heapUsed)
        }, 100)
        const t1 = performance.now()
        const { runs, review } = parley.services.reconciliation
        const run = await runs.start(BENCH_ACTOR, { listId: stored.id, against: 'missing' })
        await runs.idle()
        const seconds = (performance.now() - t1) / 1000
        clearInterval(sampler)
        const done = await review.getRun(run.id)
        if (done.status !== 'done') throw new Error(`the run ${done.status}: ${done.error}`)
        const s = done.summary as Record<string, number>

        // quality of the pairs above the threshold, from the generator's truth (service numbers)
        const numbers = new Map(
          (await parley.conn.db.selectFrom('missing_persons').select(['id', 'service_number']).execute()).map(
            (r) => [r.id, r.service_number],
          ),
        )
        const truth = new Map(register.map((p) => [p.id, p.serviceNumber]))
        const rowTruth = new Map(list.map((r) => [r.row_id, truth.get(r.true_person_id ?? '') ?? null]))
        const above = (await review.queue(run.id, { band: 'above' }, 0, 1_000_000)).pairs
        const right = above.filter(
          (p) => rowTruth.get(p.rowRef) && rowTruth.get(p.rowRef) === numbers.get(p.recordId),
        )
        const trueRows = list.filter((r) => r.true_person_id).length

        Object.assign(figures, {
          [`${kind}SecondsToQueue`]: round(seconds),
          [`${kind}PeakRssMiBDuringRun`]: Math.round(peakRss / 2 ** 20),
          [`${kind}PeakHeapMiBDuringRun`]: Math.round(peakHeap / 2 ** 20),
          [`${kind}EngineTrainCpuSeconds`]: (done.summary as { engine: { cpuSeconds: { train: number } } })
            .engine.cpuSeconds.train,
          [`${kind}EngineScoreCpuSeconds`]: (done.summary as { engine: { cpuSeconds: { score: number } } })
            .engine.cpuSeconds.score,
          [`${kind}Pairs`]: s.pairs ?? 0,
          [`${kind}PairsAbove`]: s.above ?? 0,
          [`${kind}DuplicateGroups`]: s.duplicateGroups ?? 0,
          [`${kind}PrecisionAbove`]: round(right.length / Math.max(1, above.length), 3),
          [`${kind}RecallAbove`]: round(new Set(right.map((p) => p.rowRef)).size / Math.max(1, trueRows), 3),
        })
      } finally {
        await dispose()
      }
    }
    figures.maxRssMiB = peakRssMiB()
    return {
      params: { registerPersons: persons, listRows, matchShare: 0.4, duplicateShare: 0.02, seed },
      figures,
    }
  },
}
export default bench

const round = (x: number, digits = 2) => Number(x.toFixed(digits))
