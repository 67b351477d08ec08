import { readdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Benchmark, printTable, writeResult } from './lib'

/**
 * `npm run bench` runs every benchmark at its default size; `npm run bench -- NAME [--size S]` runs one.
 * Each prints a table and writes bench/results/NAME.json (figures and the machine they ran on).
 */
const here = path.dirname(fileURLToPath(import.meta.url))
const available = readdirSync(here)
  .filter(
    (f) =>
      f.endsWith('.ts') &&
      !['lib.ts', 'run.ts', 'support.ts', 'fill-sql.ts'].includes(f) &&
      !f.endsWith('.test.ts'),
  )
  .map((f) => f.replace(/\.ts$/, ''))
  .sort()

const argv = process.argv.slice(2)
const sizeAt = argv.indexOf('--size')
const size = sizeAt >= 0 ? argv[sizeAt + 1] : undefined
// every --flag takes a value (--size 1m, --db both, --queries 300); the other words name benchmarks
const names = argv.filter((a, i) => !a.startsWith('--') && !argv[i - 1]?.startsWith('--'))
const selected = names.length > 0 ? names : available
const unknown = selected.filter((n) => !available.includes(n))
if (unknown.length > 0) {
  console.error(`Unknown benchmark ${unknown.join(', ')}; available: ${available.join(', ')}`)
  process.exit(2)
}

for (const name of selected) {
  const bench = (await import(`./${name}.ts`)).default as Benchmark
  const chosen = size ?? bench.sizes[0]
  if (chosen && !bench.sizes.includes(chosen)) {
    console.error(`Benchmark ${name} has sizes ${bench.sizes.join(', ')}, not ${chosen}`)
    process.exit(2)
  }
  console.log(`Running ${name} (${bench.description}) at size ${chosen}`)
  const started = performance.now()
  const result = await bench.run({ size: chosen, args: argv })
  const wallSeconds = (performance.now() - started) / 1000
  printTable(name, { ...result, wallSeconds })
  const { file, doc } = writeResult(name, { ...result, wallSeconds })
  console.log(`JSON ${JSON.stringify(doc)}`)
  console.log(`wrote ${path.relative(process.cwd(), file)}`)
}
