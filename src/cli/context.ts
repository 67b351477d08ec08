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

/**
 * Progress on stderr (stdout stays clean for output that scripts read): a bar in a terminal; piped
 * or redirected, one line when the stage ends ("importing: 2000/2000 in 3.1 s"), since a bar
 * redrawn into a log file is noise.
 */
export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr) {
  const name = label.trim()
  if (!stream.isTTY) {
    const startedAt = Date.now()
    let last: [number, number] | undefined
    let ended = false
    return {
      update(done: number, total: number) {
        last = [done, total]
      },
      stop() {
        if (ended || !last) return
        ended = true
        const seconds = ((Date.now() - startedAt) / 1000).toFixed(1)
        stream.write(`${name}: ${last[0]}/${last[1]} in ${seconds} s\n`)
      },
    }
  }
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total} | {duration_formatted}`,
      stream,
      hideCursor: true,
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
      started = false
    },
  }
}
