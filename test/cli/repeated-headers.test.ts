import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runParley } from '../support/cli'

let dir: string

const parley = (...args: string[]) => runParley(dir, args)

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'parley-repeated-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

// one rule for both imports (docs/decisions.md, session 5, helper B): a header naming one field
// twice is not read by position; a person says which column holds it
describe('a file whose header names one field twice', { timeout: 900_000 }, () => {
  it('is refused by the lists import until --column says which, then read as said', async () => {
    const file = path.join(dir, 'their-list.csv')
    writeFileSync(file, 'Фамилия,Имя,Фамилия\nВыдуманный,Пётр,Vydumannyi\n')
    const list = ['lists', 'import', file, '--from', 'ICRC', '--received', '2026-11-01']
    const refused = await parley(...list)
    expect(refused.code).toBe(2)
    expect(refused.stderr.trim()).toBe(
      'error: columns 1 "Фамилия" and 3 "Фамилия": both name the surname, and Parley does not guess which to read: say which with --column POSITION=surname (and the other =none or another field)',
    )
    const chosen = await parley(...list, '--column', '1=surname')
    expect(chosen.code).toBe(0)
    expect(chosen.stdout).toContain('  Фамилия -> surname\n  Имя -> givenName\n  Фамилия -> (left out)')
    expect(chosen.stdout).toMatch(/: 1 row, 0 with a doubtful value/)
  })

  it('is refused by the missing-persons import naming both columns, and nothing is imported', async () => {
    const file = path.join(dir, 'register.csv')
    writeFileSync(file, 'Фамилия,Заявитель,Фамилия\nВыдуманный,Мать,Vydumannyi\n')
    const refused = await parley('import', 'missing', file)
    expect(refused.code).toBe(2)
    expect(refused.stderr.trim()).toBe(
      'error: columns 1 "Фамилия" and 3 "Фамилия": both name the surname, and Parley does not guess which to read: rename or delete the extra column',
    )
    expect((await parley('missing', 'list')).stderr).toContain('0 records')
  })
})
