import { mkdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/** What every benchmark returns: the figures printed as a table and written to bench/results/NAME.json. */
export type BenchResult = {
  /** Parameters the run used (sizes, thresholds, seeds). */
  params: Record<string, unknown>
  /** Named figures: times in ms or s (say which in the key, e.g. `wallSeconds`), rates, quality. */
  figures: Record<string, number | string | null>
}

export type BenchOptions = { size?: string; args: string[] }

/** A benchmark: `bench/NAME.ts` default-exports one of these. */
export type Benchmark = {
  description: string
  /** Sizes it knows (e.g. ['100k', '1m']); the first is the default. */
  sizes: string[]
  run: (opts: BenchOptions) => Promise<BenchResult>
}

export function machineInfo() {
  return {
    cores: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  }
}

/** Peak resident set size of this process so far, in MiB (getrusage maxrss is in KiB on Linux). */
export function peakRssMiB(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024)
}

/** p-th percentile (0..100) of `values` by nearest rank. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[rank]!
}

export function writeResult(name: string, result: BenchResult & { wallSeconds: number }) {
  const dir = path.resolve('bench/results')
  mkdirSync(dir, { recursive: true })
  const doc = {
    name,
    at: new Date().toISOString(),
    machine: machineInfo(),
    peakRssMiB: peakRssMiB(),
    ...result,
  }
  const file = path.join(dir, `${name}.json`)
  writeFileSync(file, `${JSON.stringify(doc, null, 2)}\n`)
  return { file, doc }
}

export function printTable(name: string, result: BenchResult & { wallSeconds: number }) {
  const rows: [string, string][] = [
    ...Object.entries(result.params).map(
      ([k, v]) =>
        [`param ${k}`, typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)] as [
          string,
          string,
        ],
    ),
    ...Object.entries(result.figures).map(([k, v]) => [k, String(v)] as [string, string]),
    ['wallSeconds', result.wallSeconds.toFixed(2)],
    ['peakRssMiB', String(peakRssMiB())],
  ]
  const width = Math.max(...rows.map(([k]) => k.length))
  console.log(`\n== ${name} ==`)
  for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`)
}
