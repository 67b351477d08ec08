import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { stringify } from 'csv-stringify/sync'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { openParley, type Parley } from '../../src/app/container'
import { loadConfig } from '../../src/core/config'
import { generatePersons } from '../../src/generate'
import { LIST_COLUMNS, scenarioList } from '../../src/generate/scenarios'
import { dedupe, link } from '../../src/linkage/engine'
import { listRecords } from '../../src/lists/store'
import { writeSetting } from '../../src/settings/store'
import { TEST_PASSWORD_COST } from '../support/test-app'

/**
 * Two servers and two workers on one PostgreSQL database, as child processes: ten linkage jobs
 * submitted to both servers, one worker killed with SIGKILL while it runs one. Every job must
 * finish once (one result, one "done" in the audit trail) with the pairs the engine finds in
 * process, and progress must be readable from both servers.
 *
 * PostgreSQL only: the embedded database belongs to one process (its data-folder lock), so
 * several servers and workers cannot share it; PGlite's jobs run in the server's process
 * (src/jobs/service.test.ts covers them).
 */
const SERVER_URL = process.env.DATABASE_URL
const work = mkdtempSync(path.join(os.tmpdir(), 'parley-jobs-'))
const children: ChildProcess[] = []
let dbName: string | undefined

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL')
  rmSync(work, { recursive: true, force: true })
  if (dbName) await adminQuery(`drop database if exists ${dbName} with (force)`)
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

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo
      s.close(() => resolve(port))
    })
  })
}

function start(env: Record<string, string>, name: string, ...args: string[]) {
  const child = spawn('node', ['bin/parley.js', ...args], {
    env: { ...env, PARLEY_DATA_DIR: path.join(work, name) },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.push(child)
  let output = ''
  child.stdout!.on('data', (d) => {
    output += String(d)
  })
  child.stderr!.on('data', (d) => {
    output += String(d)
  })
  return { child, output: () => output }
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 600_000): Promise<T> {
  const end = Date.now() + ms
  for (;;) {
    const got = await probe().catch(() => undefined)
    if (got !== undefined) return got
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 300))
  }
}

/** A signed-in client of one server. */
async function signIn(base: string, username: string, password: string) {
  const res = await fetch(`${base}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ username, password }),
  })
  if (res.status !== 200) throw new Error(`sign-in at ${base}: ${res.status} ${await res.text()}`)
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ')
  // biome-ignore lint/suspicious/noExplicitAny: the test reads JSON loosely
  return async (method: string, p: string, body?: unknown): Promise<{ status: number; body: any }> => {
    const r = await fetch(`${base}${p}`, {
      method,
      headers: { cookie, origin: base, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    })
    return { status: r.status, body: await r.json() }
  }
}

const pairKey = (p: { left: number; right: number }, ids: { left: string[]; right: string[] }) =>
  `${ids.left[p.left]}|${ids.right[p.right]}`

describe.skipIf(!SERVER_URL)('jobs on PostgreSQL: two servers, two workers, one killed', () => {
  it('finishes each of ten jobs once with the in-process result, progress read from both servers', async () => {
    dbName = `parley_jobs_${process.pid}_${randomBytes(3).toString('hex')}`
    await adminQuery(`create database ${dbName}`)
    const u = new URL(SERVER_URL!)
    u.pathname = `/${dbName}`
    const env: Record<string, string> = {
      ...(process.env as Record<string, string>),
      NODE_ENV: 'test',
      DATABASE_URL: u.toString(),
      PARLEY_LOG_LEVEL: 'warn',
      PARLEY_WORKERS: 'external',
      // a killed worker's job is taken up after this; short, so the test does not wait long
      PARLEY_JOB_LEASE_SECONDS: '6',
      PARLEY_SESSION_SECRET: randomBytes(32).toString('hex'),
      PARLEY_DATA_DIR: path.join(work, 'setup'),
    }
    delete env.PARLEY_MIGRATION_DATABASE_URL

    // the site: migrated, an admin, two stored lists from the generator
    const setup: Parley = await openParley(loadConfig(env), { passwordCost: TEST_PASSWORD_COST })
    const password = 'jobs test password 2026'
    const actor = { id: 'test', name: 'test setup', role: 'admin' as const }
    const lists: string[] = []
    try {
      await writeSetting(setup.conn.db, 'security', { requireSecondFactor: false }, new Date())
      await setup.services.users.createUser(actor, {
        username: 'admin',
        name: 'Admin',
        role: 'admin',
        password,
      })
      const register = [...generatePersons({ seed: 17, count: 900, nationality: 'mixed' })]
      for (const seed of [17, 18]) {
        const rows = scenarioList(
          { seed, persons: 900, nationality: 'mixed', listRows: 400, matchShare: 0.7, duplicateShare: 0.1 },
          register,
        )
        const csv = stringify([LIST_COLUMNS, ...rows.map((r) => LIST_COLUMNS.map((c) => r[c] ?? ''))])
        const list = await setup.services.lists.importList(actor, {
          name: `list ${seed}`,
          fileName: `list-${seed}.csv`,
          content: Buffer.from(csv),
        })
        lists.push(list.id)
      }
    } finally {
      await setup.close()
    }

    const ports = [await freePort(), await freePort()]
    const servers = ports.map((port, k) =>
      start({ ...env, PARLEY_PORT: String(port) }, `server${k}`, 'serve'),
    )
    const bases = ports.map((p) => `http://127.0.0.1:${p}`)
    for (const [k, base] of bases.entries())
      await until(`server ${k}`, async () => ((await fetch(`${base}/api/v1/health`)).ok ? true : undefined))
    const workers = [start(env, 'worker0', 'worker'), start(env, 'worker1', 'worker')]
    for (const w of workers)
      await until('a worker', async () => (/takes jobs/.test(w.output()) ? true : undefined)).catch((e) => {
        // seen once (a worker silent for ten minutes): what it printed is the lead
        throw new Error(`${(e as Error).message}; it printed: ${w.output().slice(-2000) || '(nothing)'}`)
      })
    const api = await Promise.all(bases.map((b) => signIn(b, 'admin', password)))

    // ten jobs, alternately on each server
    const inputs = Array.from({ length: 10 }, (_, k) =>
      k % 2 === 0
        ? { kind: 'dedupe', left: `list:${lists[(k / 2) % 2]}`, threshold: k % 4 === 0 ? 0.9 : 0.8 }
        : {
            kind: 'link',
            left: `list:${lists[0]}`,
            right: `list:${lists[1]}`,
            threshold: k % 3 === 0 ? 0.9 : 0.7,
          },
    )
    const ids: string[] = []
    for (const [k, input] of inputs.entries()) {
      const res = await api[k % 2]!('POST', '/api/v1/linkage/jobs', input)
      expect(res.status, JSON.stringify(res.body)).toBe(202)
      ids.push(res.body.id)
    }

    // kill the first worker while it holds a job; meanwhile both servers show the progress
    const victim = workers[0]!.child
    const seenRunning = [false, false]
    const killed = await until('the first worker running a job', async () => {
      for (const [k, call] of api.entries()) {
        const { body } = await call('GET', '/api/v1/jobs?kind=linkage')
        for (const j of body.jobs) if (j.status === 'running' && j.progress.stage) seenRunning[k] = true
        const mine = body.jobs.find(
          (j: { status: string; worker: string | null }) =>
            j.status === 'running' && j.worker?.includes(`:${victim.pid}:`),
        )
        if (mine && k === 0) {
          victim.kill('SIGKILL')
          return mine.id as string
        }
      }
      return undefined
    })

    const finished = await until('every job to finish', async () => {
      const rows = await Promise.all(ids.map((id, k) => api[k % 2]!('GET', `/api/v1/linkage/jobs/${id}`)))
      for (const [k, call] of api.entries()) {
        const { body } = await call('GET', '/api/v1/jobs?kind=linkage')
        if (
          body.jobs.some(
            (j: { status: string; progress: { stage: string | null } }) =>
              j.status === 'running' && j.progress.stage,
          )
        )
          seenRunning[k] = true
      }
      return rows.every((r) => ['done', 'failed', 'cancelled'].includes(r.body.status))
        ? rows.map((r) => r.body)
        : undefined
    })
    expect(finished.map((j) => j.status)).toEqual(ids.map(() => 'done'))
    expect(finished.find((j) => j.id === killed)!.attempts).toBe(2)
    expect(seenRunning).toEqual([true, true])
    // what the other server says about each job is the same
    for (const [k, id] of ids.entries()) {
      const other = await api[(k + 1) % 2]!('GET', `/api/v1/linkage/jobs/${id}`)
      expect(other.body).toMatchObject({ status: 'done', pairsFound: finished[k].pairsFound })
    }

    // once each: one result, one "done" in the audit trail; and the pairs the engine finds here
    const check = await openParley(loadConfig(env), { passwordCost: TEST_PASSWORD_COST })
    try {
      const db = check.conn.db
      const done = await db
        .selectFrom('audit_log')
        .select(['entity_id'])
        .where('action', '=', 'job.done')
        // the servers' own automatic search of open enquiries (set off by the stored lists) is a job too
        .where('entity_id', 'in', ids)
        .execute()
      expect(done.map((r) => r.entity_id).sort()).toEqual([...ids].sort())
      const records = [await listRecords(db, lists[0]!), await listRecords(db, lists[1]!)]
      for (const [k, id] of ids.entries()) {
        const input = inputs[k]!
        const left = records[lists.indexOf(input.left.slice(5))]!
        const options = { threshold: input.threshold, oneToOne: false, threads: 1 }
        const here = input.right ? await link(left, records[1]!, options) : await dedupe(left, options)
        const expected = here.pairs.map((p) => pairKey(p, { left: here.left.ids, right: here.right.ids }))
        const stored = await db
          .selectFrom('linkage_pairs')
          .select(['left_ref', 'right_ref'])
          .where('job_id', '=', id)
          .orderBy('rank')
          .execute()
        expect(stored.map((p) => `${p.left_ref}|${p.right_ref}`)).toEqual(expected)
      }
    } finally {
      await check.close()
    }
    for (const s of [...servers, workers[1]!]) s.child.kill('SIGTERM')
  }, 900_000)
})
