import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runParley } from '../support/cli'

let dir: string
const parley = (...args: string[]) => runParley(dir, args)
const rowsOf = (file: string) => parse(readFileSync(file, 'utf8'), { bom: true }) as string[][]

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'parley-export-cli-'))
  // a fictitious register from the project's generator
  const gen = await parley(
    'generate',
    '--scenario',
    'register',
    '--persons',
    '40',
    '--seed',
    '18',
    '--out',
    dir,
  )
  expect(gen.code).toBe(0)
  const imported = await parley('import', 'persons', path.join(dir, 'register.csv'))
  expect(imported.code).toBe(0)
}, 600_000)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

// each command opens the database: generous on a loaded machine
describe('parley export: a list with its own filters', { timeout: 600_000 }, () => {
  it("passes the list's filters through, in both spellings, and writes only the rows they select", async () => {
    const all = path.join(dir, 'all.csv')
    expect((await parley('export', 'register', '--format', 'csv', '--out', all)).code).toBe(0)
    const sex = rowsOf(all)[0]!.indexOf('Sex')
    const women = rowsOf(all).filter((r) => r[sex] === 'female').length
    expect(women).toBeGreaterThan(0)
    for (const flags of [['--sex', 'female'], ['--sex=female']]) {
      const out = path.join(dir, `women-${flags.length}.csv`)
      const r = await parley('export', 'register', ...flags, '--format', 'csv', '--out', out)
      expect(r.code).toBe(0)
      expect(r.stdout).toContain(`${women} rows written`)
      const rows = rowsOf(out).slice(1)
      expect(rows).toHaveLength(women)
      expect(new Set(rows.map((row) => row[sex]))).toEqual(new Set(['female']))
    }
  })

  it('refuses a filter the list has not, and an exchange that does not exist, naming them; no file left', async () => {
    const out = path.join(dir, 'refused.csv')
    const colour = await parley('export', 'register', '--colour', 'red', '--format', 'csv', '--out', out)
    expect(colour.code).toBe(2)
    expect(colour.stderr).toContain('has no filter "colour"')
    const id = '00000000-0000-4000-8000-000000001818'
    const handover = await parley('export', 'handover', '--exchangeId', id, '--format', 'csv', '--out', out)
    expect(handover.code).not.toBe(0)
    expect(handover.stderr).toContain(`exchange ${id} was not found`)
    expect(existsSync(out)).toBe(false)
  })
})
