import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { corruptPerson, generatePersons, Random } from '../src/generate'
import { writeScenario } from '../src/generate/run'
import type { Benchmark } from './lib'
import { sizeToCount } from './support'

/** How fast the generator makes persons, corrupts them, and writes a scenario to CSV. */
const bench: Benchmark = {
  description: 'generation speed: persons, corrupted records and scenario CSV rows per second',
  sizes: ['1m', '100k'],
  async run({ size }) {
    const count = sizeToCount(size, 1_000_000)
    let t = performance.now()
    let chars = 0
    const sample = []
    for (const p of generatePersons({ seed: 1, count, nationality: 'mixed' })) {
      chars += p.surname.length
      if (sample.length < 100_000) sample.push(p)
    }
    const generateSeconds = (performance.now() - t) / 1000

    const random = new Random(2)
    t = performance.now()
    for (const p of sample) chars += corruptPerson(random, p).surname.length
    const corruptSeconds = (performance.now() - t) / 1000

    const dir = mkdtempSync(path.join(os.tmpdir(), 'parley-bench-generate-'))
    const listRows = Math.round(count / 10)
    t = performance.now()
    await writeScenario(
      'list',
      { seed: 3, persons: count, listRows, matchShare: 0.4, duplicateShare: 0.02, nationality: 'RU' },
      dir,
      ['csv'],
    )
    const writeSeconds = (performance.now() - t) / 1000
    rmSync(dir, { recursive: true, force: true })
    return {
      params: { persons: count, corruptedSample: sample.length, listRows, checksum: chars % 1000 },
      figures: {
        personsPerSecond: Math.round(count / generateSeconds),
        corruptedPerSecond: Math.round(sample.length / corruptSeconds),
        scenarioCsvRowsPerSecond: Math.round((count + listRows) / writeSeconds),
        generateSeconds: Number(generateSeconds.toFixed(2)),
        scenarioWriteSeconds: Number(writeSeconds.toFixed(2)),
      },
    }
  },
}
export default bench
