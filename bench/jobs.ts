import { type ChildProcess, spawn } from 'node:child_process'
import autocannon from 'autocannon'
import { stringify } from 'csv-stringify/sync'
import { openParley } from '../src/app/container'
import { loadConfig } from '../src/core/config'
import { generatePersons } from '../src/generate'
import { LIST_COLUMNS, scenarioList } from '../src/generate/scenarios'
import { writeSetting } from '../src/settings/store'
import { type Benchmark, percentile } from './lib'
import { BENCH_ACTOR, BENCH_PASSWORD, keptDatabase, prepareKeptRegister, sizeToCount } from './support'

export const PORT = 4393
export const BASE = `http://127.0.0.1:${PORT}`
export const ANALYST = 'bench-analyst'

/**
 * Jobs on PostgreSQL: how many small linkage jobs a minute one worker and two workers finish
 * (submitted through the API of a server that runs none itself, PARLEY_WORKERS=external), and the
 * register list's p95 on that server idle and while a worker deduplicates the whole register
 * (measured side by side in this one run, during the dedupe's heavy stages; the dedupe is then
 * cancelled). The size is the register's: 100k by default (a few minutes), `--size 1m` as the
 * issue asks. `--jobs N` small jobs per phase (default 12), `--seconds S` per latency window (10).
 */
const bench: Benchmark = {
  description: 'jobs per minute with one and two workers; register list p95 idle and under a register dedupe',
  sizes: ['100k', '1m'],
  async run({ size, args }) {
    const count = sizeToCount(size, 100_000)
    const flag = (name: string, fallback: number) =>
      args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback
    const perPhase = flag('--jobs', 12)
    const seconds = flag('--seconds', 10)
    const env = { ...(await keptDatabase('postgres', `list-${size}`)), PARLEY_LOG_LEVEL: 'warn' }
    const figures: Record<string, number | string> = {}
    figures.fillSeconds = await prepareKeptRegister(env, count)
    const lists = await prepareLists(env)

    const procEnv = {
      ...process.env,
      ...env,
      NODE_ENV: 'production',
      PARLEY_WORKERS: 'external',
      PARLEY_SESSION_SECRET: 'benchmark-session-secret-0123456789abcdef',
    } as Record<string, string>
    const children: ChildProcess[] = []
    const start = (...argv: string[]) => {
      const child = spawn('node', ['bin/parley.js', ...argv], {
        env: { ...procEnv, PARLEY_PORT: String(PORT) },
        stdio: ['ignore', 'ignore', 'inherit'],
      })
      children.push(child)
      return child
    }
    try {
      start('serve')
      await until('the server', async () => ((await fetch(`${BASE}/api/v1/health`)).ok ? true : undefined))
      const registrar = await signIn('bench')
      const analyst = await signIn(ANALYST)
      figures.listIdleP95ms = (await load('/api/v1/persons?limit=100', registrar, seconds)).p95

      // throughput: the same small jobs for one worker, then for two
      const small = (k: number) => ({ kind: 'dedupe', left: `list:${lists[k % 2]}`, threshold: 0.9 })
      start('worker')
      figures.jobsPerMinuteOneWorker = await throughput(analyst, perPhase, small)
      start('worker')
      figures.jobsPerMinuteTwoWorkers = await throughput(analyst, perPhase, small)
      figures.twoWorkersRatio = Number(
        ((figures.jobsPerMinuteTwoWorkers as number) / (figures.jobsPerMinuteOneWorker as number)).toFixed(2),
      )

      // under load: the whole register deduplicated on a worker while the server answers lists
      const big = await call(analyst, 'POST', '/api/v1/linkage/jobs', { kind: 'dedupe', left: 'register' })
      const startedAt = performance.now()
      await until('the dedupe to reach its heavy stages', async () => {
        const job = await call(analyst, 'GET', `/api/v1/linkage/jobs/${big.id}`)
        if (job.status === 'failed') throw new JobFailed(`the dedupe failed: ${job.error}`)
        return ['train', 'score'].includes(job.progress.stage) ? true : undefined
      })
      figures.listUnderLoadP95ms = (await load('/api/v1/persons?limit=100', registrar, seconds)).p95
      const after = await call(analyst, 'GET', `/api/v1/linkage/jobs/${big.id}`)
      figures.dedupeStillRunningAfterWindow = after.status === 'running' ? 'yes' : after.status
      figures.loadOverIdleP95 = Number(
        ((figures.listUnderLoadP95ms as number) / (figures.listIdleP95ms as number)).toFixed(2),
      )
      if (after.status === 'running') {
        await call(analyst, 'POST', `/api/v1/linkage/jobs/${big.id}/cancel`)
        await until('the dedupe to stop', async () => {
          const job = await call(analyst, 'GET', `/api/v1/linkage/jobs/${big.id}`)
          return job.status === 'cancelled' ? true : undefined
        })
        figures.dedupeCancelledAfterSeconds = Number(((performance.now() - startedAt) / 1000).toFixed(1))
      }
    } finally {
      for (const c of children) c.kill('SIGTERM')
    }
    return {
      params: { registerPersons: count, smallJobs: perPhase, smallJob: 'dedupe of a 400-row list', seconds },
      figures,
    }
  },
}
export default bench

/** Two generated lists of 400 rows and an analyst who may run linkage (kept: stored once). */
async function prepareLists(env: Record<string, string>) {
  const parley = await openParley(loadConfig(env))
  try {
    // a benchmark's fictitious site: its accounts sign in with a password alone
    await writeSetting(parley.conn.db, 'security', { requireSecondFactor: false }, new Date())
    const users = await parley.services.users.listUsers()
    if (!users.some((u) => u.username === ANALYST))
      await parley.services.users.createUser(BENCH_ACTOR, {
        username: ANALYST,
        name: 'Benchmark analyst',
        role: 'analyst',
        password: BENCH_PASSWORD,
      })
    const register = [...generatePersons({ seed: 41, count: 800, nationality: 'mixed' })]
    const ids: string[] = []
    for (const seed of [41, 42]) {
      const rows = scenarioList(
        { seed, persons: 800, nationality: 'mixed', listRows: 400, matchShare: 0.7, duplicateShare: 0.1 },
        register,
      )
      const csv = stringify([LIST_COLUMNS, ...rows.map((r) => LIST_COLUMNS.map((c) => r[c] ?? ''))])
      const list = await parley.services.lists.importList(BENCH_ACTOR, {
        name: `bench jobs ${seed}`,
        fileName: `bench-jobs-${seed}.csv`,
        content: Buffer.from(csv),
      })
      ids.push(list.id)
    }
    return ids
  } finally {
    await parley.close()
  }
}

/** Jobs finished a minute: `n` submitted at once, timed from the first submission to the last done. */
async function throughput(cookie: string, n: number, input: (k: number) => unknown) {
  const started = performance.now()
  const ids: string[] = []
  for (let k = 0; k < n; k++) ids.push((await call(cookie, 'POST', '/api/v1/linkage/jobs', input(k))).id)
  await until(`${n} jobs`, async () => {
    const { jobs } = await call(cookie, 'GET', '/api/v1/jobs?kind=linkage')
    const mine = jobs.filter((j: { id: string }) => ids.includes(j.id))
    const failed = mine.find((j: { status: string }) => j.status === 'failed')
    if (failed) throw new JobFailed(`a job failed: ${failed.error}`)
    return mine.every((j: { status: string }) => j.status === 'done') ? true : undefined
  })
  return Number(((n / (performance.now() - started)) * 60_000).toFixed(1))
}

export class JobFailed extends Error {}

export async function until(what: string, probe: () => Promise<unknown>, ms = 1_800_000) {
  const end = Date.now() + ms
  for (;;) {
    let got: unknown
    try {
      got = await probe()
    } catch (e) {
      // a job that failed ends the run; a server not answering yet is waited for
      if (e instanceof JobFailed) throw e
    }
    if (got !== undefined) return got
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 250))
  }
}

export async function signIn(username: string): Promise<string> {
  const res = await fetch(`${BASE}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: BASE },
    body: JSON.stringify({ username, password: BENCH_PASSWORD }),
  })
  if (!res.ok) throw new Error(`sign-in of ${username}: ${res.status} ${await res.text()}`)
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ')
}

// biome-ignore lint/suspicious/noExplicitAny: the benchmark reads response bodies loosely
export async function call(cookie: string, method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${BASE}${path}`, {
    method,
    headers: { cookie, origin: BASE, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  })
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`)
  return res.json()
}

/** p95 of every response in `seconds` of one connection's requests (an operator paging the register). */
export async function load(path: string, cookie: string, seconds: number) {
  for (let i = 0; i < 3; i++) await call(cookie, 'GET', path)
  const times: number[] = []
  await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url: `${BASE}${path}`, connections: 1, duration: seconds, headers: { cookie } },
      (err, r) => (err ? reject(err) : resolve(r)),
    )
    instance.on('response', (_c, status, _b, ms) => {
      if (status !== 200) reject(new Error(`${path}: status ${status}`))
      times.push(ms)
    })
  })
  return { p95: Number(percentile(times, 95).toFixed(1)) }
}
