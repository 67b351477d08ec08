import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs'
import { DomainError } from '../core/errors'

/** Who holds an embedded data folder: written into its lock file, read by whoever is refused. */
export type LockHolder = {
  pid: number
  /** the process's start time as the kernel counts it, so a recycled pid is not taken for the holder */
  processStart: string | null
  command: string
  since: string
  /** where the holder serves the API, once it listens */
  url?: string
}

export type DataFolderLock = { path: string; announce: (url: string) => void; release: () => void }

/** The kernel's start time of a process (Linux), or null where /proc is not there. */
function processStartOf(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // the command name may hold spaces and parentheses: fields are counted after its last ')'
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null
  } catch {
    return null
  }
}

function isAlive(holder: LockHolder): boolean {
  try {
    process.kill(holder.pid, 0)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false
  }
  const start = processStartOf(holder.pid)
  return !(holder.processStart && start && start !== holder.processStart)
}

function readHolder(file: string): LockHolder | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as LockHolder
  } catch {
    return null
  }
}

function describe(h: LockHolder): string {
  const where = h.url ? `, serving ${h.url}` : ''
  return `${h.command} (pid ${h.pid}${where}, since ${h.since})`
}

/**
 * Takes the data folder of the embedded database for this process alone. PGlite is one process's
 * database: a second process writing the same files loses its writes or corrupts the folder, so
 * it is refused here, naming the process that holds it. A lock left by a process that no longer
 * runs (killed, crashed) is taken over.
 * @throws DomainError CONFLICT naming the holder (pid, command, URL)
 */
export function lockDataFolder(dataDir: string, command: string): DataFolderLock {
  const file = `${dataDir}.lock`
  const me: LockHolder = {
    pid: process.pid,
    processStart: processStartOf(process.pid),
    command,
    since: new Date().toISOString(),
  }
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(file, 'wx')
      try {
        writeFileSync(fd, JSON.stringify(me))
      } finally {
        closeSync(fd)
      }
      break
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 3) throw e
    }
    const holder = readHolder(file)
    // a lock file without a readable holder is being written this instant, unless it is old
    const young = Date.now() - safeMtime(file) < 10_000
    if (holder ? isAlive(holder) : young)
      throw new DomainError(
        'CONFLICT',
        `The embedded database in ${dataDir} is in use by ${holder ? describe(holder) : 'another process that is opening it'}. ` +
          'It is one process’s database: do this through that server (its web app or API), or stop it and run the command again.',
        { details: { lockFile: file, holder } },
      )
    try {
      unlinkSync(file)
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e
    }
  }
  const release = () => {
    if (readHolder(file)?.pid !== process.pid) return
    try {
      unlinkSync(file)
    } catch {
      // already gone
    }
    process.off('exit', release)
  }
  // a process that exits without closing still frees the folder; a killed one is detected as stale
  process.on('exit', release)
  return {
    path: file,
    announce: (url) => writeFileSync(file, JSON.stringify({ ...me, url })),
    release,
  }
}

function safeMtime(file: string): number {
  try {
    return statSync(file).mtimeMs
  } catch {
    return 0
  }
}
