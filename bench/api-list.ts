import { type ChildProcess, spawn } from 'node:child_process'
import autocannon from 'autocannon'
import { type Benchmark, percentile } from './lib'
import {
  BENCH_FACILITIES,
  BENCH_PASSWORD,
  databasesFrom,
  keptDatabase,
  prepareKeptRegister,
  sizeToCount,
} from './support'

const PORT = 4391

/**
 * Listing and filtering the register through the HTTP API: a real `parley serve` process on
 * loopback, loaded by autocannon from this process, over a register filled through the import
 * path (kept in bench/.data or a database of its own, so later runs skip the fill).
 */
const bench: Benchmark = {
  description: 'register listing and filtering through the HTTP API, latency p50/p95 (autocannon, loopback)',
  sizes: ['100k', '1m'],
  async run({ size, args }) {
    const count = sizeToCount(size, 100_000)
    const figures: Record<string, number> = {}
    const seconds = Number(args[args.indexOf('--seconds') + 1]) || 5
    for (const kind of databasesFrom(args, ['pglite'])) {
      const env = await keptDatabase(kind, `list-${size}`)
      figures[`${kind}FillSeconds`] = await prepareKeptRegister(env, count)
      const server = await serve(env)
      try {
        const cookie = await signIn()
        const first = await get('/api/v1/persons?limit=100', cookie)
        const queries: Record<string, string> = {
          firstPage: '/api/v1/persons?limit=100',
          nextPage: `/api/v1/persons?limit=100&cursor=${first.nextCursor}`,
          surnamePrefix: `/api/v1/persons?limit=100&sort=surname&direction=asc&q=${encodeURIComponent('Кузн')}`,
          byFacility: `/api/v1/persons?limit=100&facilityId=${await facilityId(cookie)}`,
          byStatusSortedByBirth: '/api/v1/persons?limit=100&status=interned&sort=dateOfBirth&direction=asc',
          serviceNumber: `/api/v1/persons?q=${encodeURIComponent(first.items[0].serviceNumber)}`,
          count: '/api/v1/persons/count?status=interned',
        }
        // one connection: what an operator waits; ten: a busy office sharing one server
        for (const [name, path] of Object.entries(queries)) {
          for (const connections of [1, 10]) {
            const r = await load(path, cookie, seconds, connections)
            figures[`${kind}_${name}_c${connections}_p50ms`] = r.p50
            figures[`${kind}_${name}_c${connections}_p95ms`] = r.p95
            figures[`${kind}_${name}_c${connections}_rps`] = r.rps
          }
        }
      } finally {
        server.kill('SIGTERM')
      }
    }
    return { params: { persons: count, connections: '1 and 10', secondsPerQuery: seconds }, figures }
  },
}
export default bench

async function serve(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn('node', ['bin/parley.js', 'serve'], {
    env: {
      ...process.env,
      ...env,
      PARLEY_PORT: String(PORT),
      PARLEY_LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      PARLEY_SESSION_SECRET: 'benchmark-session-secret-0123456789abcdef',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  // a first start after an upgrade may key a million names for search before it answers
  for (let i = 0; i < 1200; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${PORT}/api/v1/health`)).ok) return child
    } catch {}
    await new Promise((r) => setTimeout(r, 500))
  }
  child.kill()
  throw new Error('parley serve did not answer /api/v1/health within 10 minutes')
}

async function signIn(): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${PORT}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: `http://127.0.0.1:${PORT}` },
    body: JSON.stringify({ username: 'bench', password: BENCH_PASSWORD }),
  })
  if (!res.ok) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`)
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ')
}

// biome-ignore lint/suspicious/noExplicitAny: the benchmark reads response bodies loosely
async function get(path: string, cookie: string): Promise<any> {
  const res = await fetch(`http://127.0.0.1:${PORT}${path}`, { headers: { cookie } })
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`)
  return res.json()
}

async function facilityId(cookie: string): Promise<string> {
  const { items } = await get('/api/v1/facilities', cookie)
  return items.find((f: { name: string }) => f.name === BENCH_FACILITIES[0]).id
}

/** p50 and p95 of every response in `seconds` of load from `connections` connections. */
async function load(path: string, cookie: string, seconds: number, connections: number) {
  // a served register has its pages in cache; the first read of a cold one measures the disk
  for (let i = 0; i < 3; i++) await get(path, cookie)
  const times: number[] = []
  let failures = 0
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url: `http://127.0.0.1:${PORT}${path}`, connections, duration: seconds, headers: { cookie } },
      (err, r) => (err ? reject(err) : resolve(r)),
    )
    instance.on('response', (_client, status, _bytes, ms) => {
      if (status !== 200) failures++
      times.push(ms)
    })
  })
  if (failures > 0) throw new Error(`${path}: ${failures} responses were not 200`)
  return {
    p50: Number(percentile(times, 50).toFixed(1)),
    p95: Number(percentile(times, 95).toFixed(1)),
    rps: Math.round(result.requests.average),
  }
}
