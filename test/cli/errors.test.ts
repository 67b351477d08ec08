import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const run = promisify(execFile)

/** Runs `parley ARGS` with piped output, as a script would; no database is opened. */
async function parley(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('node', ['bin/parley.js', ...args], { timeout: 120_000 })
    return { code: 0, stdout, stderr }
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string }
    return { code: err.code, stdout: err.stdout, stderr: err.stderr }
  }
}

describe('parley errors', { timeout: 180_000 }, () => {
  it('a missing file: one line naming it, exit 2, no stack', async () => {
    const result = await parley('import', 'persons', '/nonexistent/persons.csv')
    expect(result.code).toBe(2)
    expect(result.stderr.trim()).toBe('error: /nonexistent/persons.csv: no such file')
  })

  it('`names compare` without names prints its usage and exits 2', async () => {
    const result = await parley('names', 'compare')
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('give two names')
    expect(result.stderr).toContain('Usage: parley names compare')
  })

  it('an unknown command or option is a usage mistake (2); help is no error (0)', async () => {
    expect((await parley('frobnicate')).code).toBe(2)
    expect((await parley('names', 'key', '--frob')).code).toBe(2)
    const help = await parley('--help')
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('dedupe')
    const sub = await parley('help', 'link')
    expect(sub.code).toBe(0)
    expect(sub.stdout).toContain('--left <file>')
  })

  it('piped, a long command reports its stage in one line, not a redrawn bar', async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'parley-progress-'))
    try {
      const result = await parley('generate', '--scenario', 'register', '--persons', '50', '--out', out)
      expect(result.code).toBe(0)
      expect(result.stderr).toMatch(/^generate: \d+\/\d+ in [\d.]+ s$/m)
      expect(result.stderr).not.toMatch(/[\r░█]/)
    } finally {
      rmSync(out, { recursive: true, force: true })
    }
  })
})
