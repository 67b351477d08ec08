import { createWriteStream, mkdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { openParley } from '../src/app/container'
import { progressBar } from '../src/cli/context'
import { loadConfig } from '../src/core/config'
import { type Benchmark, peakRssMiB } from './lib'
import { BENCH_ACTOR, keptDatabase, prepareKeptRegister, sizeToCount } from './support'

/**
 * The register (SIZE generator-made persons, kept in bench/.data/export-SIZE) exported to XLSX
 * through the export service, as `parley export` and the export job do: time, rows per second,
 * file size, and memory sampled every 50 ms during the export alone (peak RSS and heap), beside
 * the process's peak RSS since start (which includes filling the register).
 */
const bench: Benchmark = {
  description: 'the register exported to XLSX (streamed), time and peak memory',
  sizes: ['100000', '100k', '10k'],
  async run({ size }) {
    const count = sizeToCount(size, 100_000)
    const env = await keptDatabase('pglite', `export-${count}`)
    const fillSeconds = await prepareKeptRegister(env, count)
    const parley = await openParley(loadConfig(env))
    try {
      const dir = path.resolve('bench/results')
      mkdirSync(dir, { recursive: true })
      const file = path.join(dir, `export-${count}.xlsx`)
      global.gc?.()
      const base = process.memoryUsage()
      let peakRss = base.rss
      let peakHeap = base.heapUsed
      const sampler = setInterval(() => {
        const m = process.memoryUsage()
        peakRss = Math.max(peakRss, m.rss)
        peakHeap = Math.max(peakHeap, m.heapUsed)
      }, 50)
      const bar = progressBar('export register')
      const started = performance.now()
      const { rows } = await parley.services.exports.exportTo(
        BENCH_ACTOR,
        { list: 'register', format: 'xlsx', filters: { confirmation: 'all' } },
        createWriteStream(file),
        { progress: bar.update },
      )
      const seconds = (performance.now() - started) / 1000
      clearInterval(sampler)
      bar.stop()
      const mib = (b: number) => Math.round(b / 2 ** 20)
      const figures = {
        rows,
        exportSeconds: Number(seconds.toFixed(1)),
        rowsPerSecond: Math.round(rows / seconds),
        fileMiB: Number((statSync(file).size / 2 ** 20).toFixed(1)),
        rssBeforeMiB: mib(base.rss),
        peakRssDuringMiB: mib(peakRss),
        heapBeforeMiB: mib(base.heapUsed),
        peakHeapDuringMiB: mib(peakHeap),
        processPeakRssMiB: peakRssMiB(),
        fillSeconds,
      }
      console.log(
        `exported ${rows} rows to XLSX in ${figures.exportSeconds} s (${figures.rowsPerSecond} rows/s), ${figures.fileMiB} MiB; ` +
          `peak RSS ${figures.peakRssDuringMiB} MiB (from ${figures.rssBeforeMiB}), peak heap ${figures.peakHeapDuringMiB} MiB (from ${figures.heapBeforeMiB})`,
      )
      return { params: { persons: count, format: 'xlsx', database: 'pglite' }, figures }
    } finally {
      await parley.close()
    }
  },
}
export default bench
