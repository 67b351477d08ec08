import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { stringify } from 'csv-stringify/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openParley } from '../../src/app/container'
import { loadConfig } from '../../src/core/config'
import { generatePersons } from '../../src/generate'
import { REGISTER_COLUMNS, registerRow } from '../../src/generate/scenarios'
import { IMPORT_AS_JOB_ROWS } from '../../src/lists/import-job'
import { writeSetting } from '../../src/settings/store'
import { runParley } from '../support/cli'

let dir: string

/** `parley ARGS` on a PGlite data folder of its own, as an operator runs it (stderr is not a terminal). */
const parley = (...args: string[]) => runParley(dir, args)

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'parley-large-work-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('large work on the command line', { timeout: 900_000 }, () => {
  it('`parley notices prepare` follows a large batch as a job and prints the line a small one prints', async () => {
    const persons = [...generatePersons({ seed: 1743, count: 3, nationality: 'RU' })]
    const file = path.join(dir, 'held.csv')
    writeFileSync(
      file,
      stringify([
        REGISTER_COLUMNS,
        ...persons.map((p) => REGISTER_COLUMNS.map((c) => registerRow(p, 1743)[c] ?? '')),
      ]),
    )
    expect((await parley('import', 'persons', file)).code).toBe(0)
    // the bound lowered for the test: 6 notices are then "large" (settings key notices.batchAsJobOver)
    const p = await openParley(
      loadConfig({ NODE_ENV: 'test', PARLEY_DATA_DIR: dir, PARLEY_LOG_LEVEL: 'silent' }),
    )
    await writeSetting(p.conn.db, 'notices.batchAsJobOver', 2, new Date())
    await p.close()

    const prepared = await parley('notices', 'prepare', '--recipient', 'agency')
    expect(prepared.code).toBe(0)
    expect(prepared.stdout).toMatch(/^batch \d+ \([0-9a-f-]{36}\): 6 notices to the agency\n$/)
    // piped, the bar is one line when the job ends
    expect(prepared.stderr).toMatch(/^preparing the batch: 6\/6 in \d+\.\d s\n$/)

    const none = await parley('notices', 'prepare', '--recipient', 'agency')
    expect(none.code).toBe(2)
    expect(none.stderr).toContain('no notices are due to the Central Tracing Agency')
  })

  it('`parley lists import` of a file over the job bound stores it with a progress bar, output as for a small one', async () => {
    const rows = [...generatePersons({ seed: 1744, count: IMPORT_AS_JOB_ROWS + 1, nationality: 'UA' })].map(
      (p, i) => [String(i + 1), p.surname, p.givenName, p.patronymic, p.dateOfBirth, p.serviceNumber],
    )
    const file = path.join(dir, 'icrc-large.csv')
    writeFileSync(
      file,
      stringify([['№', 'Прізвище', "Ім'я", 'По батькові', 'Дата народження', 'Особовий номер'], ...rows]),
    )
    const out = await parley('lists', 'import', file, '--from', 'ICRC', '--received', '2026-11-02')
    expect(out.code).toBe(0)
    expect(out.stdout).toMatch(
      new RegExp(
        `Stored list [0-9a-f-]{36} ".+": ${IMPORT_AS_JOB_ROWS + 1} rows, \\d+ with a doubtful value`,
      ),
    )
    expect(out.stderr).toMatch(
      new RegExp(`^importing rows: ${IMPORT_AS_JOB_ROWS + 1}/${IMPORT_AS_JOB_ROWS + 1} in \\d+\\.\\d s\\n$`),
    )
    const again = await parley('lists', 'import', file, '--from', 'ICRC', '--received', '2026-11-02')
    expect(again.code).toBe(0)
    expect(again.stdout).toContain('was imported before as list')
  })
})
