import { type ChildProcess, spawn } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { stringify } from 'csv-stringify/sync'
import { sql } from 'kysely'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { openParley, type Parley } from '../../src/app/container'
import { loadConfig } from '../../src/core/config'
import { generatePersons } from '../../src/generate'
import { REGISTER_COLUMNS, registerRow } from '../../src/generate/scenarios'
import { buildPerson } from '../support/factories'
import { relaxSecondFactor, TEST_PASSWORD_COST } from '../support/test-app'

/**
 * kill -9 at random points, of `parley import persons` and of a server in a burst of writes, on
 * PGlite (default) or PostgreSQL (DATABASE_URL). Afterwards the database opens, every write that
 * was acknowledged is there with its audit entry, an import is all of its rows or none, the audit
 * chain verifies against its checkpoints, and the import run again completes.
 * FAULT_RUNS=10 kills the import ten times instead of three.
 */
const RUNS = Number(process.env.FAULT_RUNS ?? 3)
const SERVER_URL = process.env.DATABASE_URL
const ROWS = 600
const work = mkdtempSync(path.join(os.tmpdir(), 'parley-crash-'))
const dropAfter: string[] = []

afterAll(async () => {
  rmSync(work, { recursive: true, force: true })
  for (const name of dropAfter) await adminQuery(`drop database if exists ${name} with (force)`)
})

async function adminQuery(text: string) {
  const client = new pg.Client({ connectionString: SERVER_URL })
  await client.connect()
  try {
    await client.query(text)
  } finally {
    await client.end()
  }
}

/** A data folder of its own and, on PostgreSQL, a database of its own. */
async function newSite(name: string): Promise<Record<string, string>> {
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    NODE_ENV: 'test',
    PARLEY_DATA_DIR: path.join(work, name),
    PARLEY_LOG_LEVEL: 'warn',
  }
  delete env.DATABASE_URL
  delete env.PARLEY_MIGRATION_DATABASE_URL
  if (SERVER_URL) {
    const db = `parley_crash_${process.pid}_${randomBytes(3).toString('hex')}`
    await adminQuery(`create database ${db}`)
    dropAfter.push(db)
    const u = new URL(SERVER_URL)
    u.pathname = `/${db}`
    env.DATABASE_URL = u.toString()
  }
  return env
}

/** Opens the site in this process, as a restart would (a dead process's lock is taken over). */
async function open(env: Record<string, string>): Promise<Parley> {
  return openParley(loadConfig(env), { passwordCost: TEST_PASSWORD_COST })
}

function cli(env: Record<string, string>, ...args: string[]) {
  const child = spawn('node', ['bin/parley.js', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout!.on('data', (d) => {
    stdout += String(d)
  })
  child.stderr!.on('data', (d) => {
    stderr += String(d)
  })
  const done = new Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>(
    (resolve) => child.once('exit', (code, signal) => resolve({ code, signal, stdout, stderr })),
  )
  return { child, done }
}

async function kill9(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return
  const gone = new Promise((r) => child.once('exit', r))
  child.kill('SIGKILL')
  await gone
}

const sha32 = (content: string) => createHash('sha256').update(content).digest('hex').slice(0, 32)

/** A CSV of fictitious persons, a different one for every seed. */
function personsCsv(seed: number): string {
  const people = [...generatePersons({ seed, count: ROWS, nationality: 'RU' })]
  return stringify([
    REGISTER_COLUMNS,
    ...people.map((p) => REGISTER_COLUMNS.map((c) => registerRow(p, seed)[c])),
  ])
}

async function importedRows(parley: Parley, content: string) {
  const r = await sql<{
    n: number
  }>`select count(*)::int as n from persons where source_key like ${`file:${sha32(content)}:%`}`.execute(
    parley.conn.db,
  )
  return r.rows[0]!.n
}

async function expectChainHolds(parley: Parley) {
  const v = await parley.services.audit.verifyAnchored()
  expect(v, JSON.stringify(v)).toMatchObject({ ok: true })
}

const password = 'crash test password 2026'
let env: Record<string, string>

describe(`kill -9 (${SERVER_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it(`of parley import persons at ${RUNS} random points: all rows of the file or none, and it completes when run again`, async () => {
    env = await newSite('site')
    // a complete import first: the database is made, and its time bounds the points to kill at
    const warm = path.join(work, 'warm.csv')
    writeFileSync(warm, personsCsv(500))
    const started = performance.now()
    const first = await cli(env, 'import', 'persons', warm).done
    expect(first.code, first.stderr).toBe(0)
    let full = performance.now() - started
    const firstMs = Math.round(full)
    const outcomes: string[] = []
    let seed = 600
    let content = personsCsv(seed)
    const file = path.join(work, 'run.csv')
    writeFileSync(file, content)
    for (let run = 0; run < RUNS; run++) {
      const { child, done } = cli(env, 'import', 'persons', file)
      // anywhere from start-up to the commit (the import's transaction is in its second half); the
      // first import also made the database, so the later ones are quicker than it was
      const at = full * (0.15 + 0.7 * Math.random())
      await new Promise((r) => setTimeout(r, at))
      await kill9(child)
      const killed = await done
      const parley = await open(env)
      try {
        const rows = await importedRows(parley, content)
        outcomes.push(`${Math.round(at)} ms: ${killed.signal ?? `exit ${killed.code}`}, ${rows} rows`)
        expect([0, ROWS], `run ${run} killed at ${Math.round(at)} ms`).toContain(rows)
        await expectChainHolds(parley)
        if (rows === ROWS) {
          // it finished before the kill (the first import also made the database, so took longer):
          // kill the next run sooner, in a file not yet imported
          full = at
          content = personsCsv(++seed)
          writeFileSync(file, content)
        }
      } finally {
        await parley.close()
      }
    }
    const rerun = await cli(env, 'import', 'persons', file).done
    expect(rerun.code, rerun.stderr).toBe(0)
    expect(rerun.stdout).toContain(`${ROWS} rows: ${ROWS} registered`)
    const parley = await open(env)
    try {
      expect(await importedRows(parley, content)).toBe(ROWS)
      await expectChainHolds(parley)
      // the account the next test writes with
      await parley.services.users.createUser(
        { id: 'test', name: 'test setup', role: 'admin' },
        { username: 'registrar', name: 'Test Registrar', role: 'registrar', password },
      )
      await relaxSecondFactor(parley.conn)
    } finally {
      await parley.close()
    }
    console.log(`import kills (the first, complete import took ${firstMs} ms): ${outcomes.join('; ')}`)
  }, 900_000)

  it('of a server in a burst of writes: every acknowledged write is there with its audit entry', async () => {
    expect(env, 'runs after the import test, on its database').toBeDefined()
    const port = await freePort()
    const url = `http://127.0.0.1:${port}`
    const server = cli(
      { ...env, PARLEY_PORT: String(port), PARLEY_HOST: '127.0.0.1', PARLEY_PUBLIC_URL: url },
      'serve',
    )
    const acked: string[] = []
    let refused = 0
    try {
      await waitUntilServing(url, server.child)
      const signIn = await fetch(`${url}/api/v1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: url },
        body: JSON.stringify({ username: 'registrar', password }),
      })
      expect(signIn.status).toBe(200)
      const cookie = signIn.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ')
      const killAfter = 10 + Math.floor(Math.random() * 30)
      const writer = async () => {
        for (;;) {
          let res: Response
          let body: { id?: string } | null
          try {
            res = await fetch(`${url}/api/v1/persons`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', origin: url, cookie },
              body: JSON.stringify(buildPerson({ surname: 'Бондаренко' })),
            })
            body = await res.json()
          } catch {
            return // the server is gone (an answer cut off is not an acknowledgement)
          }
          if (res.status === 201 || res.status === 200) acked.push(body!.id!)
          else refused++
        }
      }
      const writers = Array.from({ length: 4 }, writer)
      while (acked.length < killAfter && server.child.exitCode === null)
        await new Promise((r) => setTimeout(r, 20))
      await kill9(server.child)
      await Promise.all(writers)
    } finally {
      await kill9(server.child)
    }
    expect(refused).toBe(0)
    expect(acked.length).toBeGreaterThanOrEqual(10)
    const parley = await open(env)
    try {
      const db = parley.conn.db
      const persons = await db.selectFrom('persons').select('id').where('id', 'in', acked).execute()
      expect(persons.length).toBe(acked.length)
      const entries = await db
        .selectFrom('audit_log')
        .select('entity_id')
        .where('action', '=', 'person.register')
        .where('entity_id', 'in', acked)
        .execute()
      expect(new Set(entries.map((e) => e.entity_id)).size).toBe(acked.length)
      // what `parley audit verify` runs: the chain against its signed checkpoints
      await expectChainHolds(parley)
    } finally {
      await parley.close()
    }
    console.log(`server killed after ${acked.length} acknowledged writes`)
  }, 600_000)
})

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => resolve(port))
    })
  })
}

/** Polls /api/v1/health until the server answers (a loaded machine may take a while to start). */
async function waitUntilServing(url: string, child: ChildProcess) {
  const deadline = Date.now() + 180_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited ${child.exitCode}`)
    try {
      if ((await fetch(`${url}/api/v1/health`)).ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error('the server did not start within 3 minutes')
}
