import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runParley } from '../support/cli'

let dir: string

/** Runs `parley ARGS` on a PGlite data folder of its own, as an operator would. */
const parley = (...args: string[]) => runParley(dir, args)

/** The one error line a refused command prints, and its exit code. */
async function refused(...args: string[]) {
  const r = await parley(...args)
  const lines = r.stderr.trim().split('\n')
  return { code: r.code, line: lines.find((l) => l.startsWith('error: ')) ?? r.stderr, lines: lines.length }
}

/** Record numbers by surname, as `parley missing list` prints them. */
async function numbers(): Promise<Record<string, string>> {
  const { stdout } = await parley('missing', 'list')
  return Object.fromEntries(
    stdout
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split('\t'))
      .map(([n, surname]) => [surname!, n!]),
  )
}

const events = async (n: string) =>
  (await parley('missing', 'show', n)).stdout
    .trim()
    .split('\n')
    .filter((l) => /^\d+\t/.test(l))
    .map((l) => l.split('\t'))

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'parley-missing-cli-'))
  // fictitious people written for this test (the generator makes custody registers, not reports)
  writeFileSync(
    path.join(dir, 'register.csv'),
    [
      'id,surname,first_name,date_of_birth,unit,last_seen_on,reported_by,relation,source,status,status_on,status_source',
      '1,Мороз,Василь,1991-01-02,93 ОМБр,2025-05-01,Мороз Ганна,mother,hotline,captivity_confirmed,2025-09-01,ICRC',
      '2,Морозов,Василий,1991-01-02,93 ОМБр,2025-05-01,Морозова Анна,wife,letter,,,',
      '3,Лисенко,Петро,1989-03-04,72 ОМБр,2025-06-10,Лисенко Олена,sister,hotline,,,',
    ].join('\n'),
  )
  const imported = await parley('import', 'missing', path.join(dir, 'register.csv'))
  expect(imported.stdout).toContain('3 rows of "register.csv": 3 registered')
}, 600_000)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

// each command opens the database: generous on a loaded machine
describe('parley missing: corrections, moves and merges', { timeout: 600_000 }, () => {
  it('corrects an event by its number, and refuses a second correction of it naming the one that replaced it', async () => {
    const n = await numbers()
    const before = await events(n.Мороз!)
    expect(before.map((e) => e[2])).toEqual(['reported_missing', 'captivity_confirmed'])
    const done = await parley(
      'missing',
      'correct',
      n.Мороз!,
      '2',
      '--on',
      '2025-09-05',
      '--reason',
      'the ICRC note is dated the 5th',
    )
    expect(done.code).toBe(0)
    expect(done.stdout).toContain(
      `Record No. ${n.Мороз}: event 2 (the confirmation of captivity of 2025-09-01) corrected`,
    )
    const after = await events(n.Мороз!)
    expect(after.find((e) => e[0] === '2')![5]).toBe('replaced by event 3')
    expect(after.find((e) => e[0] === '3')!.slice(1, 3)).toEqual(['2025-09-05', 'captivity_confirmed'])

    const again = await refused('missing', 'correct', n.Мороз!, '2', '--on', '2025-09-06', '--reason', 'x')
    expect(again).toEqual({
      code: 5,
      lines: 1,
      line: 'error: Event 2 (the confirmation of captivity of 2025-09-01) was already corrected by event 3: correct event 3 instead',
    })
  })

  it('refuses bad input in one line naming the record, event or flag, with the README exit codes', async () => {
    const n = await numbers()
    expect(await refused('missing', 'correct', n.Мороз!, '9', '--source', 'x', '--reason', 'y')).toEqual({
      code: 4,
      lines: 1,
      line: `error: Record No. ${n.Мороз} has no event 9`,
    })
    expect(await refused('missing', 'retract', '999', '1', '--reason', 'y')).toMatchObject({
      code: 4,
      line: 'error: Record No. 999 is not in the missing-persons register',
    })
    expect(await refused('missing', 'correct', 'Мороз', '1', '--source', 'x', '--reason', 'y')).toMatchObject(
      {
        code: 2,
        line: 'error: record must be a register number such as 12 (or a record id), not "Мороз"',
      },
    )
    expect(
      await refused('missing', 'correct', n.Мороз!, '1', '--confidence', 'sure', '--reason', 'y'),
    ).toMatchObject({ code: 2, line: 'error: --confidence must be one of high, medium, low, not sure' })
    expect(await refused('missing', 'correct', n.Мороз!, '1', '--reason', 'y')).toMatchObject({
      code: 2,
      line: 'error: say what to correct: --on, --source or --confidence',
    })
    expect(await refused('missing', 'retract', n.Лисенко!, '1', '--reason', '  ')).toMatchObject({
      code: 2,
      line: 'error: reason: say why (wrong date, wrong source, entered on the wrong person...)',
    })
    // the history would become impossible: the event it conflicts with is named
    expect(
      await refused('missing', 'correct', n.Мороз!, '3', '--on', '2024-01-01', '--reason', 'y'),
    ).toMatchObject({
      code: 5,
      line: expect.stringContaining('the report of going missing of 2025-05-01'),
    })
    expect(await refused('missing', 'retract', n.Лисенко!, '1', '--reason', 'no')).toMatchObject({
      code: 5,
      line: expect.stringContaining('the record would keep no report of going missing'),
    })
    // nothing of the refused commands was written
    expect((await events(n.Лисенко!)).length).toBe(1)
    expect((await events(n.Мороз!)).length).toBe(3)
  })

  it('moves an event entered on the wrong person to the right record in one write', async () => {
    const n = await numbers()
    expect(await refused('missing', 'move', n.Мороз!, '3', '--to', '999', '--reason', 'x')).toMatchObject({
      code: 4,
      line: 'error: Record No. 999 is not in the missing-persons register',
    })
    const moved = await parley(
      'missing',
      'move',
      n.Мороз!,
      '3',
      '--to',
      n.Лисенко!,
      '--reason',
      'entered on the wrong person',
    )
    expect(moved.code).toBe(0)
    expect(moved.stdout).toContain(
      `Event 3 (the confirmation of captivity of 2025-09-05) moved from record No. ${n.Мороз} (now missing) to record No. ${n.Лисенко} (now missing, captivity confirmed)`,
    )
    expect((await events(n.Лисенко!)).map((e) => e[2])).toEqual(['reported_missing', 'captivity_confirmed'])
    expect((await events(n.Мороз!)).at(-1)![5]).toBe('retracts event 3: entered on the wrong person')
  })

  it('merges a record into another and takes it out again; a second merge or unmerge is refused naming the record', async () => {
    const n = await numbers()
    const merged = await parley('missing', 'merge', n.Морозов!, '--into', n.Мороз!, '--reason', 'one man')
    expect(merged.code).toBe(0)
    expect(merged.stdout).toContain(
      `Record No. ${n.Морозов} merged into record No. ${n.Мороз} (now missing); reports disagree on surname, first names`,
    )
    expect(await refused('missing', 'merge', n.Морозов!, '--into', n.Мороз!, '--reason', 'x')).toMatchObject({
      code: 5,
      line: `error: Record No. ${n.Морозов} was merged into record No. ${n.Мороз}: make the change there`,
    })
    expect((await parley('missing', 'show', n.Морозов!)).stdout).toContain(
      `merged into record No. ${n.Мороз}`,
    )
    const out = await parley('missing', 'unmerge', n.Морозов!)
    expect(out.stdout).toContain(`Record No. ${n.Морозов} taken out of record No. ${n.Мороз}`)
    expect(await refused('missing', 'unmerge', n.Морозов!)).toMatchObject({
      code: 5,
      line: `error: Record No. ${n.Морозов} is not merged into another`,
    })
    const verify = await parley('audit', 'verify')
    expect(verify.code).toBe(0)
  })
})
