import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { stringify } from 'csv-stringify/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generatePersons } from '../../src/generate'
import { REGISTER_COLUMNS, registerRow } from '../../src/generate/scenarios'
import { runParley } from '../support/cli'

let dir: string

/** `parley ARGS` on a PGlite data folder of its own (its own signing key beside it), as the liaison runs it. */
const parley = (...args: string[]) => runParley(dir, args)

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'parley-notices-cli-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('parley notices on the command line', { timeout: 900_000 }, () => {
  it('exports a signed batch that verifies; one changed byte fails `parley notices verify` (exit 3)', async () => {
    const persons = [...generatePersons({ seed: 1641, count: 5, nationality: 'RU' })]
    const file = path.join(dir, 'held.csv')
    writeFileSync(
      file,
      stringify([
        REGISTER_COLUMNS,
        ...persons.map((p) => REGISTER_COLUMNS.map((c) => registerRow(p, 1641)[c] ?? '')),
      ]),
    )
    expect((await parley('import', 'persons', file)).code).toBe(0)
    const prepared = await parley('notices', 'prepare', '--recipient', 'agency')
    expect(prepared.code).toBe(0)
    const batchId = /\(([0-9a-f-]{36})\): 10 notices/.exec(prepared.stdout)?.[1]
    expect(batchId).toBeTruthy()
    const out = path.join(dir, 'batch.csv')
    const exported = await parley('notices', 'export', '--batch', batchId!, '--format', 'csv', '--out', out)
    expect(exported.code).toBe(0)
    expect(readFileSync(out, 'utf8')).toContain(persons[0]!.surname)
    const ok = await parley('notices', 'verify', out)
    expect(ok).toMatchObject({ code: 0 })
    expect(ok.stdout).toContain('signature valid')

    const bytes = readFileSync(out)
    bytes[bytes.length - 5] = bytes[bytes.length - 5]! ^ 1
    writeFileSync(out, bytes)
    const bad = await parley('notices', 'verify', out)
    expect(bad.code).toBe(3)
    expect(bad.stderr).toContain('the file was changed since it was signed')
  })

  it('records an imported backlog as sent before Parley, counted first, then in one action', async () => {
    const persons = [...generatePersons({ seed: 1642, count: 4, nationality: 'RU' })]
    const file = path.join(dir, 'held-2024.csv')
    writeFileSync(
      file,
      stringify([
        REGISTER_COLUMNS,
        ...persons.map((p) => REGISTER_COLUMNS.map((c) => registerRow(p, 1642)[c] ?? '')),
      ]),
    )
    expect((await parley('import', 'persons', file)).code).toBe(0)
    const imports = await parley('notices', 'imports')
    const importId = imports.stdout
      .split('\n')
      .find((l) => l.includes('held-2024.csv'))
      ?.split('\t')[0]
    expect(importId).toMatch(/^[0-9a-f-]{36}$/)
    const dry = await parley(
      'notices',
      'mark-sent',
      '--import',
      importId!,
      '--reference',
      'paper 2024',
      '--dry-run',
    )
    expect(dry.stdout).toContain('would mark 8 due notices about 4 persons')
    const done = await parley('notices', 'mark-sent', '--import', importId!, '--reference', 'paper 2024')
    expect(done).toMatchObject({ code: 0 })
    expect(done.stdout).toContain(
      'marked 8 notices about 4 persons as sent before Parley (reference paper 2024)',
    )
    const again = await parley('notices', 'mark-sent', '--import', importId!, '--reference', 'paper 2024')
    expect(again.code).toBe(2)
    expect(again.stderr).toContain('no due notices about the persons imported from held-2024.csv')
    const badDay = await parley('notices', 'mark-sent', '--before', '31.12.2024', '--reference', 'x')
    expect(badDay.code).toBe(2)
    expect(badDay.stderr).toContain('--before must be a day as YYYY-MM-DD')
    const weekly = await parley('notices', 'weekly')
    expect(weekly.stdout).toContain('0 bulletins added')
    expect((await parley('audit', 'verify')).code).toBe(0)
  })
})
