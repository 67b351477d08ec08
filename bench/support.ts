import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { stringify } from 'csv-stringify/sync'
import pg from 'pg'
import { openParley, type Parley } from '../src/app/container'
import type { Actor } from '../src/auth/actor'
import { progressBar } from '../src/cli/context'
import { loadConfig } from '../src/core/config'
import { type GeneratedPerson, generatePersons } from '../src/generate'
import { REGISTER_COLUMNS, registerRow } from '../src/generate/scenarios'

export type DatabaseKind = 'pglite' | 'postgres'

export const BENCH_ACTOR: Actor = { id: 'bench', name: 'benchmark', role: 'admin' }

/** The PostgreSQL server benchmarks use; each benchmark gets a database of its own on it. */
const SERVER = process.env.PARLEY_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

/** `--db pglite|postgres|both` from the benchmark's arguments. */
export function databasesFrom(args: string[], fallback: DatabaseKind[]): DatabaseKind[] {
  const at = args.indexOf('--db')
  const v = at >= 0 ? args[at + 1] : undefined
  if (!v) return fallback
  if (v === 'both') return ['pglite', 'postgres']
  if (v === 'pglite' || v === 'postgres') return [v]
  throw new Error(`--db must be pglite, postgres or both, not ${v}`)
}

/**
 * A fresh Parley on the kind of database asked for: PGlite in a new data folder on disk (as
 * `npm start` runs it), or a new database on the PostgreSQL server.
 */
export async function freshParley(
  kind: DatabaseKind,
  name: string,
): Promise<{ parley: Parley; dispose: () => Promise<void> }> {
  if (kind === 'pglite') {
    const dir = mkdtempSync(path.join(os.tmpdir(), `parley-bench-${name}-`))
    const parley = await openParley(loadConfig({ PARLEY_DATA_DIR: dir, PARLEY_LOG_LEVEL: 'warn' }))
    return {
      parley,
      dispose: async () => {
        await parley.close()
        rmSync(dir, { recursive: true, force: true })
      },
    }
  }
  const database = `parley_bench_${name.replace(/\W/g, '_')}`
  await adminQuery(`drop database if exists ${database} with (force)`)
  await adminQuery(`create database ${database}`)
  const url = new URL(SERVER)
  url.pathname = `/${database}`
  const parley = await openParley(loadConfig({ DATABASE_URL: url.toString(), PARLEY_LOG_LEVEL: 'warn' }))
  return {
    parley,
    dispose: async () => {
      await parley.close()
      await adminQuery(`drop database if exists ${database} with (force)`)
    },
  }
}

async function adminQuery(text: string) {
  const client = new pg.Client({ connectionString: SERVER })
  await client.connect()
  try {
    return await client.query(text)
  } finally {
    await client.end()
  }
}

/**
 * A register CSV of generated persons, numbered from `firstId`, as an office would import it. With
 * `facilities`, most persons are placed in one of them (so filters have something to select) and
 * one in twenty-five is an unconfirmed report.
 */
export function registerCsv(seed: number, count: number, firstId: number, facilities: string[] = []): string {
  const columns = [...REGISTER_COLUMNS, 'facility']
  const rows = [columns]
  let i = firstId
  for (const p of generatePersons({ seed, count, nationality: 'RU', firstId })) {
    const row = registerRow(p, seed)
    if (facilities.length > 0 && i % 10 < 7) row.facility = facilities[i % facilities.length]!
    if (i % 25 === 0) row.confirmation = 'unconfirmed'
    rows.push(columns.map((c) => row[c] ?? ''))
    i++
  }
  return stringify(rows)
}

/**
 * Fills the register to `count` persons through the real import path, in files of `chunk` rows (as
 * an office imports a large register in parts), reporting progress.
 */
export async function fillRegister(
  parley: Parley,
  count: number,
  opts: {
    seed?: number
    chunk?: number
    facilities?: string[]
    onProgress?: (done: number, total: number) => void
  } = {},
) {
  const chunk = opts.chunk ?? 25_000
  let done = 0
  while (done < count) {
    const n = Math.min(chunk, count - done)
    const content = registerCsv((opts.seed ?? 1) + done, n, done + 1, opts.facilities)
    await parley.services.personImport.importPersons(BENCH_ACTOR, { name: `bench-${done}.csv`, content })
    done += n
    opts.onProgress?.(done, count)
  }
}

/** Parses '100k', '1m', '2500' into a count. */
export function sizeToCount(size: string | undefined, fallback: number): number {
  if (!size) return fallback
  const m = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(size)
  if (!m) throw new Error(`size ${size} is not a count like 100k or 1m`)
  return Math.round(
    Number(m[1]) * (m[2]?.toLowerCase() === 'm' ? 1e6 : m[2]?.toLowerCase() === 'k' ? 1e3 : 1),
  )
}

/**
 * Where a benchmark keeps a filled register between runs (filling a million persons takes
 * minutes): a PGlite folder under bench/.data, or a database of its own on the server.
 */
export async function keptDatabase(kind: DatabaseKind, name: string): Promise<Record<string, string>> {
  if (kind === 'pglite') {
    const dir = path.resolve('bench/.data', name)
    mkdirSync(dir, { recursive: true })
    return { PARLEY_DATA_DIR: dir, PARLEY_LOG_LEVEL: 'warn' }
  }
  const database = `parley_bench_${name.replace(/\W/g, '_')}`
  const exists = await adminQuery(`select 1 from pg_database where datname = '${database}'`)
  if (exists.rowCount === 0) await adminQuery(`create database ${database}`)
  const url = new URL(SERVER)
  url.pathname = `/${database}`
  return { DATABASE_URL: url.toString(), PARLEY_LOG_LEVEL: 'warn' }
}

export const BENCH_FACILITIES = ['Camp A (bench)', 'Camp B (bench)', 'Transit point (bench)']
export const BENCH_PASSWORD = 'benchmark password 2026'
export const FILL_CHUNK = 25_000

/** The benchmark's facilities, created where missing; their ids. */
export async function ensureBenchFacilities(parley: Parley): Promise<string[]> {
  const { custody } = parley.services
  const existing = await custody.listFacilities()
  for (const name of BENCH_FACILITIES)
    if (!existing.some((f) => f.name === name))
      await custody.createFacility(BENCH_ACTOR, { name, kind: 'camp', capacity: 500_000 })
  return (await custody.listFacilities()).filter((f) => BENCH_FACILITIES.includes(f.name)).map((f) => f.id)
}

/**
 * Fills a kept register up to `count` persons through the import path (resuming a partial fill),
 * with the benchmark's facilities and its `bench` account.
 * @returns seconds spent (near zero when the register was already full)
 */
export async function prepareKeptRegister(env: Record<string, string>, count: number): Promise<number> {
  const parley = await openParley(loadConfig(env))
  const started = performance.now()
  try {
    const { users } = parley.services
    await ensureBenchFacilities(parley)
    const have = await parley.conn.db
      .selectFrom('persons')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    if (Number(have.n) < count) {
      const bar = progressBar('fill register')
      await fillRegister(parley, count, {
        facilities: BENCH_FACILITIES,
        chunk: FILL_CHUNK,
        onProgress: bar.update,
      })
      bar.stop()
    }
    const accounts = await users.listUsers()
    if (!accounts.some((u) => u.username === 'bench'))
      await users.createUser(BENCH_ACTOR, {
        username: 'bench',
        name: 'Benchmark',
        role: 'registrar',
        password: BENCH_PASSWORD,
      })
  } finally {
    await parley.close()
  }
  return Number(((performance.now() - started) / 1000).toFixed(1))
}

/**
 * The generated persons a kept register holds at the given register positions (1-based), made
 * again from the same seeds as `fillRegister`: ground truth without storing it.
 */
export function personsAt(positions: number[]): Map<number, GeneratedPerson> {
  const out = new Map<number, GeneratedPerson>()
  const byChunk = new Map<number, number[]>()
  for (const n of positions) {
    const chunk = Math.floor((n - 1) / FILL_CHUNK)
    byChunk.set(chunk, [...(byChunk.get(chunk) ?? []), n])
  }
  for (const [chunk, wanted] of byChunk) {
    const done = chunk * FILL_CHUNK
    const last = Math.max(...wanted)
    const want = new Set(wanted)
    for (const p of generatePersons({
      seed: 1 + done,
      count: last - done,
      nationality: 'RU',
      firstId: done + 1,
    })) {
      const n = Number(p.id.slice(1))
      if (want.has(n)) out.set(n, p)
    }
  }
  return out
}
