import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { MISSING_COLUMNS_GENERATED, scenarioMissing } from './missing'
import type { GeneratedPerson } from './population'
import {
  LIST_COLUMNS,
  REGISTER_COLUMNS,
  registerRow,
  type Scenario,
  type ScenarioOptions,
  scenarioDuplicates,
  scenarioList,
  scenarioRegister,
} from './scenarios'
import { type Format, writeRows } from './write'

export type WrittenFile = { file: string; rows: number }

/**
 * Writes one scenario into `outDir` in each format: the register (importable by
 * `parley import persons`), and for `list` the counterpart list, for `duplicates` the truth file
 * naming which register rows repeat which.
 */
export async function writeScenario(
  scenario: Scenario,
  options: ScenarioOptions,
  outDir: string,
  formats: Format[],
  onProgress?: (done: number, total: number) => void,
): Promise<WrittenFile[]> {
  mkdirSync(outDir, { recursive: true })
  const written: WrittenFile[] = []
  const expected =
    formats.length *
    (scenario === 'list'
      ? options.persons + options.listRows
      : scenario === 'missing'
        ? options.persons
        : Math.round(options.persons * (1 + options.duplicateShare)))
  let before = 0
  const progress = (n: number) => onProgress?.(Math.min(expected, before + n), expected)
  const write = async (
    name: string,
    format: Format,
    columns: string[],
    rows: Iterable<Record<string, string>>,
  ) => {
    const file = path.join(outDir, `${name}.${format}`)
    const n = await writeRows(file, format, columns, rows, progress)
    before += n
    written.push({ file, rows: n })
  }

  if (scenario === 'missing') {
    // our own people reported missing (src/generate/missing.ts), importable by `parley import missing`
    for (const format of formats)
      await write('missing-register', format, MISSING_COLUMNS_GENERATED, scenarioMissing(options))
    return written
  }
  if (scenario === 'duplicates') {
    const truth: Record<string, string>[] = []
    for (const format of formats) {
      truth.length = 0
      await write('register', format, REGISTER_COLUMNS, tap(scenarioDuplicates(options), truth))
    }
    await write('duplicates-truth', 'csv', ['id', 'duplicate_of'], truth)
    return written
  }
  const register: GeneratedPerson[] | null = scenario === 'list' ? [] : null
  for (const [i, format] of formats.entries()) {
    const people = scenarioRegister(options)
    await write('register', format, REGISTER_COLUMNS, rowsOf(people, options.seed, i === 0 ? register : null))
  }
  if (register) {
    const list = scenarioList(options, register)
    for (const format of formats) await write('list', format, LIST_COLUMNS, list)
  }
  return written
}

function* rowsOf(people: Iterable<GeneratedPerson>, seed: number, keep: GeneratedPerson[] | null) {
  for (const p of people) {
    keep?.push(p)
    yield registerRow(p, seed)
  }
}

/** Passes register rows on without their truth column, and keeps the duplicates' truth aside. */
function* tap(rows: Iterable<Record<string, string>>, truth: Record<string, string>[]) {
  for (const { duplicate_of, ...row } of rows) {
    if (duplicate_of) truth.push({ id: row.id!, duplicate_of })
    yield row
  }
}
