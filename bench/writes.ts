import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { openParley, type Parley } from '../src/app/container'
import { loadConfig } from '../src/core/config'
import type { Health } from '../src/custody/model'
import { connectionFromPglite, PGLITE_EXTENSIONS } from '../src/db/connection'
import { writeStats } from '../src/db/write'
import { generatePersons } from '../src/generate'
import { type Benchmark, percentile } from './lib'
import { BENCH_ACTOR, databasesFrom, freshParley, sizeToCount } from './support'

/**
 * PGlite as it starts by itself, with fsync off: only to show what Parley's durable commits cost
 * (`pgliteFsyncOff` beside `pglite` in the figures). Never how Parley runs.
 */
async function pgliteWithoutFsync(): Promise<{ parley: Parley; dispose: () => Promise<void> }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'parley-bench-writes-nofsync-'))
  const client = await PGlite.create(dir, { extensions: PGLITE_EXTENSIONS })
  const parley = await openParley(loadConfig({ PARLEY_DATA_DIR: dir, PARLEY_LOG_LEVEL: 'warn' }), {
    connection: connectionFromPglite(client),
  })
  return {
    parley,
    dispose: async () => {
      await parley.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/**
 * The write pipeline under contention: SIZE writes at 1, 4 and 16 concurrent writers on 20 shared
 * persons (health bulletins, transfers, corrections, and one write in ten on three persons at once),
 * on PGlite and PostgreSQL. Prints writes per second, p95 latency, retries and remaining conflicts;
 * PGlite also as it starts by itself, with fsync off, to show what durable commits cost.
 */
const CONCURRENCY = [1, 4, 16]
const HEALTH: Health[] = ['good', 'sick', 'seriously_sick', 'slightly_wounded', 'recovered']

const bench: Benchmark = {
  description:
    'write pipeline: SIZE mixed writes on 20 shared persons at 1, 4 and 16 writers, PGlite (durable, and with fsync off for its cost) and PostgreSQL',
  sizes: ['600', '2000'],
  async run({ size, args }) {
    const total = sizeToCount(size, 600)
    const figures: Record<string, number | string | null> = {}
    const kinds = databasesFrom(args, ['pglite', 'postgres']).flatMap((k) =>
      k === 'pglite' ? (['pglite', 'pgliteFsyncOff'] as const) : ([k] as const),
    )
    for (const kind of kinds) {
      const { parley, dispose } =
        kind === 'pgliteFsyncOff' ? await pgliteWithoutFsync() : await freshParley(kind, 'writes')
      try {
        const custody = parley.services.custody
        const camps: string[] = []
        for (const name of ['Camp A', 'Camp B', 'Camp C'])
          camps.push((await custody.createFacility(BENCH_ACTOR, { name, kind: 'camp' })).id)
        const persons: string[] = []
        for (const p of generatePersons({ seed: 5, count: 20, nationality: 'RU' }))
          persons.push(
            (
              await custody.registerPerson(BENCH_ACTOR, {
                category: 'prisoner_of_war',
                surname: p.surname,
                firstNames: p.givenName,
                dateOfBirth: p.dateOfBirth,
                facilityId: camps[0],
              })
            ).id,
          )
        const today = new Date().toISOString().slice(0, 10)
        for (const writers of CONCURRENCY) {
          const stats = writeStats(parley.conn.db)
          const before = { ...stats }
          const latencies: number[] = []
          let refused = 0
          let errors = 0
          let next = 0
          let seed = writers * 7919
          const rnd = () => {
            seed = (seed * 1_664_525 + 1_013_904_223) >>> 0
            return seed / 2 ** 32
          }
          const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!
          const one = async (i: number) => {
            const r = rnd()
            const personId = pick(persons)
            if (r < 0.45)
              return custody.recordEvent(BENCH_ACTOR, personId, {
                type: 'health_bulletin',
                health: pick(HEALTH),
                occurredOn: today,
              })
            if (r < 0.7)
              return custody.recordEvent(BENCH_ACTOR, personId, {
                type: 'transferred',
                facilityId: pick(camps),
                occurredOn: today,
              })
            if (r < 0.9)
              return custody.amendPerson(BENCH_ACTOR, personId, {
                changes: { unit: `unit ${i}` },
                reason: 'benchmark',
              })
            return custody.recordEvents(
              BENCH_ACTOR,
              [pick(persons), pick(persons), pick(persons)].map((id) => ({
                personId: id,
                event: { type: 'health_bulletin', health: pick(HEALTH), occurredOn: today },
              })),
            )
          }
          const worker = async () => {
            for (let i = next++; i < total; i = next++) {
              const t = performance.now()
              try {
                await one(i)
              } catch (e) {
                if ((e as { code?: string }).code) refused += 1
                else errors += 1
              }
              latencies.push(performance.now() - t)
            }
          }
          const started = performance.now()
          await Promise.all(Array.from({ length: writers }, worker))
          const seconds = (performance.now() - started) / 1000
          const key = `${kind}.${writers}w`
          figures[`${key}.writesPerSecond`] = Math.round(total / seconds)
          figures[`${key}.p95Ms`] = Math.round(percentile(latencies, 95) * 10) / 10
          figures[`${key}.retries`] = stats.retries - before.retries
          figures[`${key}.conflicts409`] = stats.conflicts - before.conflicts
          figures[`${key}.refusedByRules`] = refused
          figures[`${key}.errors`] = errors
        }
      } finally {
        await dispose()
      }
    }
    return { params: { writes: total, sharedPersons: 20, writers: CONCURRENCY.join(',') }, figures }
  },
}
export default bench
