import { type ChildProcess, execFile, spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { lockDataFolder } from '../../src/db/data-folder-lock'

const run = promisify(execFile)
let dir: string

function envFor(dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PARLEY_DATA_DIR: dataDir,
    PARLEY_LOG_LEVEL: 'silent',
    PARLEY_PORT: '0',
  }
  delete env.DATABASE_URL
  return env
}

async function parley(dataDir: string, ...args: string[]) {
  try {
    const { stdout, stderr } = await run('node', ['bin/parley.js', ...args], {
      env: envFor(dataDir),
      timeout: 120_000,
    })
    return { code: 0, stdout, stderr }
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string }
    return { code: err.code, stdout: err.stdout, stderr: err.stderr }
  }
}

/** Starts `parley serve` on its own data folder and resolves once it listens. */
function serve(dataDir: string): Promise<ChildProcess> {
  const child = spawn('node', ['bin/parley.js', 'serve'], {
    env: envFor(dataDir),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  return new Promise((resolve, reject) => {
    let out = ''
    child.stdout!.on('data', (d) => {
      out += String(d)
      if (out.includes('Parley is serving')) resolve(child)
    })
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)))
  })
}

function stopped(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve()
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  })
}

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'parley-lock-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('the embedded data folder has one owner', () => {
  it('refuses a command beside a running server, naming its pid and address, and works once it stops', async () => {
    const data = path.join(dir, 'served')
    const csv = path.join(dir, 'one.csv')
    writeFileSync(csv, 'id,surname,first_name\n1,Петренко,Іван\n')
    const server = await serve(data)
    try {
      const refused = await parley(data, 'import', 'persons', csv)
      expect(refused.code).toBe(5)
      expect(refused.stderr).toContain(`in use by parley serve (pid ${server.pid}, serving http://127.0.0.1:`)
      expect(refused.stderr).toContain('do this through that server')
      const readOnly = await parley(data, 'audit', 'verify')
      expect(readOnly.code).toBe(5)
    } finally {
      await stopped(server)
    }
    expect(existsSync(path.join(data, 'db.lock'))).toBe(false)
    const after = await parley(data, 'import', 'persons', csv)
    expect(after.stdout).toContain('1 row: 1 registered')
  }, 240_000)

  it('takes over a lock left by a process that no longer runs', async () => {
    const data = path.join(dir, 'stale')
    const gone = spawnSync('node', ['-e', 'console.log(process.pid)'], { encoding: 'utf8' })
    const deadPid = Number(gone.stdout.trim())
    mkdirSync(data, { recursive: true })
    writeFileSync(
      path.join(data, 'db.lock'),
      JSON.stringify({
        pid: deadPid,
        processStart: null,
        command: 'parley serve',
        since: '2026-01-01T00:00:00Z',
      }),
    )
    const done = await parley(data, 'migrate')
    expect(done.code).toBe(0)
    expect(existsSync(path.join(data, 'db.lock'))).toBe(false)
  }, 120_000)

  it('takes over a lock whose pid now belongs to another process (a recycled pid)', () => {
    const file = path.join(dir, 'recycled')
    writeFileSync(
      `${file}.lock`,
      JSON.stringify({
        pid: process.pid,
        processStart: '1',
        command: 'parley serve',
        since: '2026-01-01T00:00:00Z',
      }),
    )
    const lock = lockDataFolder(file, 'parley test')
    expect(JSON.parse(readFileSync(`${file}.lock`, 'utf8')).command).toBe('parley test')
    lock.release()
    expect(existsSync(`${file}.lock`)).toBe(false)
  })

  it('refuses a second opening while the first holds the folder', () => {
    const file = path.join(dir, 'twice')
    const first = lockDataFolder(file, 'parley serve')
    first.announce('http://127.0.0.1:4280')
    expect(() => lockDataFolder(file, 'parley import persons')).toThrow(
      `in use by parley serve (pid ${process.pid}, serving http://127.0.0.1:4280`,
    )
    first.release()
    lockDataFolder(file, 'parley import persons').release()
  })
})
