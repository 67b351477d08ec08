import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PGLITE_EXTENSIONS } from '../../src/db/connection'
import { runParley } from '../support/cli'

let dir: string

/** Runs `parley ARGS` on a PGlite data folder of its own, as an operator would. */
const parley = (...args: string[]) => runParley(dir, args)

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'parley-cli-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

// each test runs several commands that open a database: generous on a loaded machine
describe('parley CLI', { timeout: 600_000 }, () => {
  it('imports a CSV once, changes nothing the second time, and the audit chain verifies', async () => {
    const file = path.join(dir, 'persons.csv')
    writeFileSync(
      file,
      'surname,first_name,date_of_birth,rank,service_number\nМороз,Василь,1991-01-02,private,BB-1\nЛисенко,Петро,1989,private,BB-2\n',
    )
    const first = await parley('import', 'persons', file)
    expect(first.stdout).toContain('2 rows: 2 registered, 0 already in the register')
    const second = await parley('import', 'persons', file)
    expect(second.stdout).toContain('2 rows: 0 registered, 2 already in the register')
    const verify = await parley('audit', 'verify')
    expect(verify).toMatchObject({ code: 0 })
    expect(verify.stdout).toMatch(/Audit chain intact: 3 entries verified/)
  })

  it('generates a register that imports whole, and refuses bad generator options with exit 2', async () => {
    const out = path.join(dir, 'generated')
    const gen = await parley(
      'generate',
      '--scenario',
      'register',
      '--persons',
      '150',
      '--seed',
      '3',
      '--out',
      out,
    )
    expect(gen.code).toBe(0)
    expect(gen.stdout).toContain('register.csv\t150 rows')
    const imported = await parley('import', 'persons', path.join(out, 'register.csv'))
    expect(imported.stdout).toContain('150 rows: 150 registered, 0 already in the register')
    const bad = await parley('generate', '--scenario', 'list', '--match-share', '1.5', '--out', out)
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('--match-share must be a number from 0 to below 1, not 1.5')
  })

  it('links a generated list to its register and deduplicates a register, from files', async () => {
    const out = path.join(dir, 'linkage')
    expect(
      (
        await parley(
          'generate',
          '--scenario',
          'list',
          '--persons',
          '3000',
          '--list-rows',
          '300',
          '--nationality',
          'mixed',
          '--format',
          'csv,xlsx',
          '--out',
          out,
        )
      ).code,
    ).toBe(0)
    const pairs = path.join(out, 'pairs.csv')
    const linked = await parley(
      'link',
      '--left',
      path.join(out, 'list.xlsx'),
      '--right',
      path.join(out, 'register.csv'),
      '--out',
      pairs,
      '--one-to-one',
    )
    expect(linked.code).toBe(0)
    expect(linked.stdout).toMatch(/compared \d+ candidate pairs; \d+ at probability ≥ 0.9/)
    const lines = readFileSync(pairs, 'utf8').trim().split('\n')
    expect(lines[0]).toMatch(/^left_id,right_id,match_weight,probability,surname_level,surname_weight,/)
    // list rows copy register persons at the default share of 0.4
    expect(lines.length - 1).toBeGreaterThan(100)
    const model = path.join(out, 'pairs.model.json')
    expect(JSON.parse(readFileSync(model, 'utf8')).format).toBe('parley-linkage-model')
    const again = await parley(
      'link',
      '--left',
      path.join(out, 'list.csv'),
      '--right',
      path.join(out, 'register.csv'),
      '--out',
      pairs,
      '--model',
      model,
    )
    expect(again.stdout).toContain(`model reused from ${model}`)

    const deduped = await parley(
      'dedupe',
      '--in',
      path.join(out, 'register.csv'),
      '--out',
      path.join(out, 'dups.csv'),
      '--clusters',
      path.join(out, 'clusters.csv'),
      '--threads',
      '1',
    )
    expect(deduped.code).toBe(0)
    expect(deduped.stdout).toMatch(/clusters: \d+ persons among 3000 records/)

    const bad = await parley(
      'link',
      '--left',
      path.join(out, 'list.csv'),
      '--right',
      path.join(out, 'none.csv'),
      '--threshold',
      '2',
    )
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('--threshold must be a probability between 0 and 1, not 2')
    const missing = await parley(
      'link',
      '--left',
      path.join(out, 'list.csv'),
      '--right',
      path.join(out, 'none.csv'),
    )
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('none.csv: no such file')
  }, 600_000)

  it('transliterates, keys and compares names, and names an unknown standard', async () => {
    expect((await parley('names', 'translit', '--standard', 'uk-2010', 'Згорани Юрій')).stdout).toBe(
      'Zghorany Yurii\n',
    )
    expect((await parley('names', 'key', 'Syrskyi')).stdout).toBe('Syrskyi\tsirski\n')
    const compared = await parley('names', 'compare', 'Олександр Сирський', 'Alexander Sirsky')
    expect(compared.stdout.split('\n')[0]).toBe('0.975')
    const bad = await parley('names', 'translit', '--standard', 'ru-xx', 'Олег')
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain(
      '--standard: must be one of uk-2010, ru-icao, ru-gost-b, uk-bgn, ru-bgn, not ru-xx',
    )
  })

  it('exits 2 on a bad file, naming row and column', async () => {
    const file = path.join(dir, 'bad.csv')
    writeFileSync(file, 'surname,date_of_birth\nМороз,32.01.1990\n')
    const res = await parley('import', 'persons', file)
    expect(res.code).toBe(2)
    expect(res.stderr).toContain('row 2, date of birth: 32.01.1990 is not a date')
  })

  it('audit verify fails, naming the entry, after a row of the audit table is altered in SQL', async () => {
    const db = await PGlite.create(path.join(dir, 'db'), { extensions: PGLITE_EXTENSIONS })
    await db.exec(
      "set session_replication_role = replica; update audit_log set after = jsonb_set(after, '{surname}', '\"Інший\"') where seq = 2;",
    )
    await db.close()
    const res = await parley('audit', 'verify')
    expect(res.code).toBe(3)
    expect(res.stderr).toMatch(/Audit chain broken at entry 2: its content does not match its hash/)
  })

  it('creates a user with a role and refuses an unknown role', async () => {
    expect((await parley('user', 'add', 'olena', '--role', 'registrar')).stdout).toMatch(
      /Created olena \(registrar\)\npassword: \S{20}/,
    )
    const bad = await parley('user', 'add', 'ivan', '--role', 'spy')
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('role')
  })

  it('fills a demo register with a counterpart list, and stores a received list once', async () => {
    const demo = await parley('demo', '--persons', '60')
    expect(demo.stdout).toContain('Registered 60 fictitious persons and stored a counterpart list')
    const file = path.join(dir, 'their-list.csv')
    writeFileSync(
      file,
      'id,surname,first_name,date_of_birth\n1,Мороз,Іван,02.03.1990\n2,Лисенко,Петро,1989\n',
    )
    expect((await parley('import', 'list', file, '--name', 'Their list 3')).stdout).toMatch(
      /Stored list .* "Their list 3": 2 rows/,
    )
    expect((await parley('import', 'list', file, '--name', 'again')).stdout).toContain('nothing changed')
    const db = await PGlite.create(path.join(dir, 'db'), { extensions: PGLITE_EXTENSIONS })
    const lists = await db.query<{ name: string; row_count: number }>(
      'select name, row_count from lists order by created_at',
    )
    await db.close()
    expect(lists.rows.map((l) => l.name)).toEqual(['Counterpart list No. 1 (demo)', 'Their list 3'])
    expect(lists.rows[0]!.row_count).toBe(10)
  }, 600_000)

  it('opens an exchange, records consent and the list sought, and plans it', async () => {
    const db = await PGlite.create(path.join(dir, 'db'), { extensions: PGLITE_EXTENSIONS })
    const held = await db.query<{ id: string }>(
      "select id from persons where status in ('captured', 'interned') limit 12",
    )
    await db.close()
    const consent = path.join(dir, 'consent.csv')
    writeFileSync(
      consent,
      `person_id,consent,refused_repatriation\n${held.rows.map((p, i) => `${p.id},yes,${i === 0 ? 'yes' : 'no'}`).join('\n')}\n`,
    )
    const sought = path.join(dir, 'sought.csv')
    writeFileSync(
      sought,
      `id,surname,first_name,date_of_birth,sex,seriously_wounded,captured_on\n${Array.from({ length: 8 }, (_, i) => `S${i},Петренко,Іван,1990-01-0${i + 1},male,${i < 2 ? 'yes' : 'no'},2025-03-01`).join('\n')}\n`,
    )
    const terms = path.join(dir, 'terms.json')
    writeFileSync(terms, JSON.stringify({ maxSize: 5 }))
    const created = await parley(
      'exchange',
      'create',
      '--name',
      'Exchange 1',
      '--counterpart',
      'the other side',
      '--terms',
      terms,
    )
    expect(created.code).toBe(0)
    const id = created.stdout.trim()
    expect((await parley('exchange', 'consent', consent, '--exchange', id)).stdout).toContain(
      '12 persons annotated',
    )
    expect((await parley('exchange', 'sought', sought, '--exchange', id)).stdout).toContain(
      '8 rows received, 8 persons',
    )
    const plan = await parley('exchange', 'plan', '--exchange', id, '--save')
    expect(plan.code).toBe(0)
    expect(plan.stdout).toContain('5 to give, 5 to receive (greedy, proven optimal); saved as round 1')
    expect(plan.stdout).toContain('priority 1: seriously wounded or sick')
    expect(plan.stdout).toMatch(/1\trefused repatriation \(GC III Art. 109\)/)
    const badTerms = path.join(dir, 'bad-terms.json')
    writeFileSync(badTerms, JSON.stringify({ balance: { kind: 'ratio', give: 0, receive: 1 } }))
    const bad = await parley('exchange', 'create', '--name', 'x', '--counterpart', 'y', '--terms', badTerms)
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('terms, balance, give')
  }, 600_000)
})
