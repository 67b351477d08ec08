import { type ChildProcess, spawn } from 'node:child_process'
import { openParley } from '../src/app/container'
import { loadConfig } from '../src/core/config'
import { writeSetting } from '../src/settings/store'
import { fillRegisterInSql } from './fill-sql'
import { ANALYST, BASE, call, JobFailed, load, PORT, signIn, until } from './jobs'
import type { Benchmark } from './lib'
import { BENCH_ACTOR, BENCH_PASSWORD, keptDatabase, sizeToCount } from './support'

/**
 * The measure, on PostgreSQL: the register list's p95 on a server that runs no jobs itself
 * (PARLEY_WORKERS=external), first with a `parley worker` idle beside it, then while that worker
 * deduplicates the whole register; both windows in this one run, the second entirely inside the
 * dedupe's heavy stages (training and scoring). The dedupe is then cancelled, which also measures
 * how soon a cancel frees the worker.
 *
 * The register is filled in SQL from generated persons (fill-sql.ts: the import path's 8,000 persons
 * a minute would take two hours for a million) and kept in a database of its own
 * (`parley_bench_dedupe_load`): it only grows, to the largest size asked, so the figures name the
 * persons it held (`registerPersons`). `--seconds S` per window (10).
 */
const bench: Benchmark = {
  description: 'register list p95 idle and while a separate worker deduplicates the register (PostgreSQL)',
  sizes: ['1m', '100k', '200k', '250k', '300k', '400k', '500k', '750k'],
  async run({ size, args }) {
    const count = sizeToCount(size, 1_000_000)
    const seconds = args.includes('--seconds') ? Number(args[args.indexOf('--seconds') + 1]) : 10
    const env = { ...(await keptDatabase('postgres', 'dedupe-load')), PARLEY_LOG_LEVEL: 'warn' }
    const figures: Record<string, number | string> = {}
    const filled = await fillRegisterInSql(env, count)
    figures.fillSeconds = filled.seconds
    figures.filledPersons = filled.filled
    if (filled.filled > 0) figures.fillPersonsPerMinute = Math.round((filled.filled / filled.seconds) * 60)
    const registerPersons = await prepareAnalyst(env)

    const children: ChildProcess[] = []
    const start = (...argv: string[]) => {
      const child = spawn('node', ['bin/parley.js', ...argv], {
        env: {
          ...process.env,
          ...env,
          NODE_ENV: 'production',
          PARLEY_WORKERS: 'external',
          PARLEY_SESSION_SECRET: 'benchmark-session-secret-0123456789abcdef',
          PARLEY_PORT: String(PORT),
        } as Record<string, string>,
        stdio: ['ignore', 'ignore', 'inherit'],
      })
      children.push(child)
      return child
    }
    const job = (id: string) => call(analyst, 'GET', `/api/v1/jobs/${id}`)
    let analyst = ''
    try {
      start('serve')
      await until('the server', async () => ((await fetch(`${BASE}/api/v1/health`)).ok ? true : undefined))
      // the worker is there in both windows: only its work differs
      start('worker')
      const registrar = await signIn('bench')
      analyst = await signIn(ANALYST)
      const list = '/api/v1/persons?limit=100'
      figures.listIdleP95ms = (await load(list, registrar, seconds)).p95

      const submitted = performance.now()
      const big = await call(analyst, 'POST', '/api/v1/linkage/jobs', { kind: 'dedupe', left: 'register' })
      await until('the dedupe to reach its heavy stages', async () => {
        const j = await job(big.id)
        if (j.status === 'failed') throw new JobFailed(`the dedupe failed: ${j.error}`)
        return ['train', 'score'].includes(j.progress.stage) ? true : undefined
      })
      figures.dedupeHeavyAfterSeconds = round((performance.now() - submitted) / 1000)
      const before = await job(big.id)
      figures.listUnderLoadP95ms = (await load(list, registrar, seconds)).p95
      const after = await job(big.id)
      figures.stagesDuringWindow = `${before.progress.stage} ${before.progress.done}/${before.progress.total} → ${after.progress.stage} ${after.progress.done}/${after.progress.total} (${after.status})`
      figures.loadOverIdleP95 = round(
        (figures.listUnderLoadP95ms as number) / (figures.listIdleP95ms as number),
      )
      figures.within1_5x = (figures.loadOverIdleP95 as number) <= 1.5 ? 'yes' : 'no'
      if (after.status === 'running') {
        const asked = performance.now()
        await call(analyst, 'POST', `/api/v1/jobs/${big.id}/cancel`)
        await until('the dedupe to stop', async () =>
          (await job(big.id)).status === 'cancelled' ? true : undefined,
        )
        figures.cancelledAfterSeconds = round((performance.now() - asked) / 1000)
      }
    } finally {
      for (const c of children) c.kill('SIGTERM')
    }
    return { params: { requestedPersons: count, registerPersons, seconds, database: 'postgres' }, figures }
  },
}
export default bench

const round = (x: number) => Number(x.toFixed(2))

/** An analyst who may run linkage, a site without a second factor; the register's size. */
async function prepareAnalyst(env: Record<string, string>): Promise<number> {
  const parley = await openParley(loadConfig(env))
  try {
    await writeSetting(parley.conn.db, 'security', { requireSecondFactor: false }, new Date())
    const users = await parley.services.users.listUsers()
    if (!users.some((u) => u.username === ANALYST))
      await parley.services.users.createUser(BENCH_ACTOR, {
        username: ANALYST,
        name: 'Benchmark analyst',
        role: 'analyst',
        password: BENCH_PASSWORD,
      })
    const { n } = await parley.conn.db
      .selectFrom('persons')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    return Number(n)
  } finally {
    await parley.close()
  }
}
