import { mkdtempSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parse } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { mapHeader } from '../custody/import-columns'
import { writeScenario } from './run'
import { scenarioList, scenarioRegister } from './scenarios'

const options = {
  seed: 5,
  persons: 2000,
  listRows: 500,
  matchShare: 0.4,
  duplicateShare: 0.04,
  nationality: 'RU' as const,
}
const csv = (file: string) => parse(readFileSync(file), { columns: true }) as Record<string, string>[]

describe('scenario files', () => {
  it('writes a register and a list with ground truth in CSV, XLSX and JSON lines, the same every time', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'parley-gen-'))
    const files = await writeScenario('list', options, dir, ['csv', 'xlsx', 'jsonl'])
    expect(files.map((f) => [path.basename(f.file), f.rows])).toEqual([
      ['register.csv', 2000],
      ['register.xlsx', 2000],
      ['register.jsonl', 2000],
      ['list.csv', 500],
      ['list.xlsx', 500],
      ['list.jsonl', 500],
    ])
    const list = csv(path.join(dir, 'list.csv'))
    const register = new Set(csv(path.join(dir, 'register.csv')).map((r) => r.id))
    const matched = list.filter((r) => r.true_person_id && !r.duplicate_of)
    expect(matched.length).toBe(Math.round(480 * 0.4))
    for (const r of matched) expect(register.has(r.true_person_id!)).toBe(true)
    expect(list.filter((r) => r.duplicate_of).length).toBe(20)

    const jsonl = readFileSync(path.join(dir, 'list.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
    expect(jsonl).toEqual(list)
    const book = new ExcelJS.Workbook()
    await book.xlsx.readFile(path.join(dir, 'list.xlsx'))
    const sheet = book.worksheets[0]!
    expect(sheet.rowCount).toBe(501)
    expect(sheet.getRow(2).getCell(1).value).toBe(list[0]!.row_id)

    const again = mkdtempSync(path.join(os.tmpdir(), 'parley-gen-'))
    await writeScenario('list', options, again, ['csv'])
    expect(readFileSync(path.join(again, 'list.csv'), 'utf8')).toBe(
      readFileSync(path.join(dir, 'list.csv'), 'utf8'),
    )
  })

  it('writes a register with duplicates that the importer reads, and the truth beside it', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'parley-gen-'))
    await writeScenario('duplicates', options, dir, ['csv'])
    const rows = csv(path.join(dir, 'register.csv'))
    const truth = csv(path.join(dir, 'duplicates-truth.csv'))
    expect(mapHeader(Object.keys(rows[0]!)).unknown).toEqual([])
    expect(rows.length).toBe(2000 + truth.length)
    expect(truth.length / rows.length).toBeGreaterThan(0.025)
    expect(truth.length / rows.length).toBeLessThan(0.055)
    const ids = new Set(rows.map((r) => r.id))
    for (const t of truth) expect(ids.has(t.id!) && ids.has(t.duplicate_of!)).toBe(true)
  })

  it('writes a hard list: every error class at about its rate, namesakes without a true person, Latin by ICAO and 2010', () => {
    const o = {
      ...options,
      persons: 4000,
      listRows: 3000,
      nationality: 'mixed' as const,
      difficulty: 'hard' as const,
    }
    const register = [...scenarioRegister(o)]
    const list = scenarioList(o, register)
    const byId = new Map(register.map((p) => [p.id, p]))
    const share = (c: string, rows = list) =>
      rows.filter((r) => r.corruptions!.split(' ').includes(c)).length / rows.length
    const matched = list.filter((r) => r.true_person_id)
    expect(share('swapped_names', matched)).toBeGreaterThan(0.04)
    expect(share('swapped_names', matched)).toBeLessThan(0.08)
    expect(share('dob_missing', matched)).toBeGreaterThan(0.015)
    expect(share('dob_missing', matched)).toBeLessThan(0.045)
    expect(share('surname_typo', matched)).toBeGreaterThan(0.03)
    // most rows carry no service number, so the hard list cannot be linked on numbers alone
    expect(matched.filter((r) => r.service_number).length / matched.length).toBeLessThan(0.4)
    expect(share('dob_year_only', matched)).toBeGreaterThan(0.01)
    // a slip in the number is drawn only where a number is written
    expect(
      share(
        'service_number_slip',
        matched.filter((r) => r.service_number),
      ),
    ).toBeGreaterThan(0.01)
    for (const c of ['given_typo', 'given_diminutive', 'surname_russian_form', 'dob_day_month_swapped'])
      expect(share(c, matched)).toBeGreaterThan(0.01)
    const namesakes = list.filter((r) => r.corruptions!.includes('namesake'))
    expect(namesakes.length).toBeGreaterThan(0)
    for (const r of namesakes) expect(r.true_person_id).toBe('')
    // the swapped rows carry the register's given name in the surname column (before any romanisation)
    const swapped = matched.filter((r) => r.corruptions === 'swapped_names')
    for (const r of swapped) expect(r.first_names).toBe(byId.get(r.true_person_id!)!.surname)
    // strangers are written as carelessly as the persons of the register: spelling does not tell them apart
    const latin = (rows: typeof list) => rows.filter((r) => /^[A-Za-z]/.test(r.surname!)).length / rows.length
    const strangers = list.filter((r) => !r.true_person_id)
    expect(Math.abs(latin(strangers) - latin(matched))).toBeLessThan(0.08)
    expect(scenarioList(o, register)).toEqual(list)
  })
})
