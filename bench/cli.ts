import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import os from 'node:os'
import type { Benchmark } from './lib'

/**
 * Start-up of the `parley` command: wall and CPU seconds of `--help` and `names key`, median of
 * several runs, beside `node -e 0` (the floor of any Node program at the machine's current load)
 * and the same command run from the TypeScript sources through tsx (the fallback). CPU time
 * (user + system, via /usr/bin/time where present) depends far less than wall time on what else
 * the machine runs. Targets (issue 14): --help < 0.3 s, names key < 0.5 s.
 */
const TIME = '/usr/bin/time'

type Run = { wall: number; cpu: number | null }

function once(args: string[], env: NodeJS.ProcessEnv): Run {
  const started = performance.now()
  const timed = existsSync(TIME)
  const result = timed
    ? spawnSync(TIME, ['-f', '%U %S', 'node', ...args], { env, encoding: 'utf8' })
    : spawnSync('node', args, { env, encoding: 'utf8' })
  const wall = (performance.now() - started) / 1000
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${result.stderr}`)
  if (!timed) return { wall, cpu: null }
  const last = result.stderr.trim().split('\n').at(-1) ?? ''
  const [user, system] = last.split(' ').map(Number)
  return { wall, cpu: (user ?? Number.NaN) + (system ?? Number.NaN) }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2
}
const round = (x: number) => Math.round(x * 1000) / 1000

const bench: Benchmark = {
  description: 'start-up of the parley command: --help and names key, compiled and from source',
  sizes: ['9', '25', '3'],
  async run({ size }) {
    const runs = Number(size ?? 9)
    const env: NodeJS.ProcessEnv = { ...process.env, PARLEY_LOG_LEVEL: 'silent' }
    delete env.PARLEY_CLI_FROM_SOURCE
    const cases: [string, string[], NodeJS.ProcessEnv, number][] = [
      ['node -e 0', ['-e', '0'], env, runs],
      ['parley --help', ['bin/parley.js', '--help'], env, runs],
      ['parley names key', ['bin/parley.js', 'names', 'key', 'Сирський'], env, runs],
      ['parley names compare', ['bin/parley.js', 'names', 'compare', 'Сирський', 'Syrskyi'], env, runs],
      // the fallback, for comparison: a few runs suffice, each takes seconds
      [
        'from source: parley names key',
        ['bin/parley.js', 'names', 'key', 'Сирський'],
        { ...env, PARLEY_CLI_FROM_SOURCE: '1' },
        Math.min(runs, 3),
      ],
    ]
    once(['bin/parley.js', '--help'], env) // builds dist/cli if it is missing or stale
    const figures: Record<string, number | null> = {}
    for (const [name, args, caseEnv, n] of cases) {
      const results = Array.from({ length: n }, () => once(args, caseEnv))
      figures[`${name}: wall s (median)`] = round(median(results.map((r) => r.wall)))
      const cpus = results.map((r) => r.cpu).filter((c): c is number => c !== null)
      figures[`${name}: cpu s (median)`] = cpus.length ? round(median(cpus)) : null
    }
    const base = figures['node -e 0: wall s (median)']!
    figures['--help over node: wall s'] = round(figures['parley --help: wall s (median)']! - base)
    figures['names key over node: wall s'] = round(figures['parley names key: wall s (median)']! - base)
    return {
      params: {
        runs,
        loadAverage1m: Math.round(os.loadavg()[0]! * 100) / 100,
        timeAvailable: existsSync(TIME),
      },
      figures,
    }
  },
}
export default bench
