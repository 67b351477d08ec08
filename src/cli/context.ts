import os from 'node:os'
import cliProgress from 'cli-progress'
import type { Parley } from '../app/container'
import type { Actor } from '../auth/actor'

/** Opens Parley with the configuration from the environment, runs `fn`, and closes the database. */
export async function withParley<T>(fn: (parley: Parley) => Promise<T>): Promise<T> {
  // loaded here, not at the top: commands that need no database (names, generate, link) start fast
  const [{ openParley }, { loadConfig }] = await Promise.all([
    import('../app/container'),
    import('../core/config'),
  ])
  const parley = await openParley(loadConfig())
  try {
    return await fn(parley)
  } finally {
    await parley.close()
  }
}

/** Work done at this machine's command line is attributed to the operating-system user who ran it. */
export function commandLineActor(): Actor {
  const who = os.userInfo().username
  return { id: `cli:${who}`, name: `${who} (command line)`, role: 'admin' }
}

/** A progress bar on stderr (stdout stays clean for output that scripts read). */
export function progressBar(label: string) {
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total} | {duration_formatted}`,
      stream: process.stderr,
      hideCursor: true,
      noTTYOutput: false,
      notTTYSchedule: 2000,
    },
    cliProgress.Presets.shades_classic,
  )
  let started = false
  return {
    update(done: number, total: number) {
      if (!started) {
        bar.start(total, 0)
        started = true
      }
      bar.setTotal(total)
      bar.update(done)
    },
    stop() {
      if (started) bar.stop()
    },
  }
}
