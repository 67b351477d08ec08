import os from 'node:os'
import type { Command } from 'commander'
import { progressBar } from '../cli/context'
import { count } from '../cli/plural'
import { ValidationError } from '../core/errors'
import { writeScenario } from './run'
import { DIFFICULTIES, type Difficulty, SCENARIOS, type Scenario } from './scenarios'
import { FORMATS, type Format } from './write'

type Flags = {
  scenario: string
  persons: string
  count?: string
  listRows?: string
  matchShare: string
  duplicateShare: string
  seed: string
  nationality: string
  format: string
  out: string
  difficulty: string
}

/** `parley generate`: fictitious registers and counterpart lists with their ground truth, as files. */
export function registerGenerateCommands(program: Command) {
  program
    .command('generate')
    .description(
      'Write a fictitious register, counterpart list or register with duplicates, with ground truth',
    )
    .requiredOption('--scenario <name>', `one of ${SCENARIOS.join(', ')}`)
    .requiredOption('--out <dir>', 'folder to write the files into')
    .option('--persons <n>', 'persons in the register', '1000')
    .option('--count <n>', 'the same as --persons (rows of the missing scenario)')
    .option('--list-rows <n>', 'rows in the counterpart list (list scenario; default: persons / 10)')
    .option('--match-share <share>', 'share of list rows that copy a register person', '0.4')
    .option('--duplicate-share <share>', 'share of rows that repeat another row of the same file', '0.02')
    .option('--seed <n>', 'the same seed writes the same files', '2026')
    .option('--nationality <UA|RU|mixed>', 'whose soldiers the register holds', 'RU')
    .option(
      '--difficulty <normal|hard>',
      'hard: the error classes of real lists at their rates, namesakes, ICAO and 2010 spellings',
      'normal',
    )
    .option('--format <list>', `comma-separated: ${FORMATS.join(', ')}`, 'csv')
    .action(async (flags: Flags) => {
      const parsed = parseFlags(flags)
      if ('error' in parsed) throw new ValidationError([{ path: '', message: parsed.error as string }])
      const bar = progressBar('generate')
      const started = performance.now()
      const files = await writeScenario(
        parsed.scenario,
        parsed.options,
        flags.out,
        parsed.formats,
        bar.update,
      )
      bar.stop()
      for (const f of files) console.log(`${f.file}\t${count(f.rows, 'row')}`)
      console.log(
        `Done in ${((performance.now() - started) / 1000).toFixed(1)} s on ${count(os.cpus().length, 'core')}`,
      )
    })
}

function parseFlags(flags: Flags) {
  const int = (name: string, v: string | undefined) => {
    const n = Number(v)
    return Number.isInteger(n) && n > 0 ? n : `--${name} must be a positive integer, not ${v}`
  }
  const share = (name: string, v: string) => {
    const n = Number(v)
    return Number.isFinite(n) && n >= 0 && n < 1
      ? n
      : `--${name} must be a number from 0 to below 1, not ${v}`
  }
  if (!(SCENARIOS as readonly string[]).includes(flags.scenario))
    return { error: `--scenario must be one of ${SCENARIOS.join(', ')}, not ${flags.scenario}` }
  if (!(DIFFICULTIES as readonly string[]).includes(flags.difficulty))
    return { error: `--difficulty must be one of ${DIFFICULTIES.join(', ')}, not ${flags.difficulty}` }
  if (!['UA', 'RU', 'mixed'].includes(flags.nationality))
    return { error: `--nationality must be UA, RU or mixed, not ${flags.nationality}` }
  const formats = flags.format.split(',').map((f) => f.trim())
  const badFormat = formats.find((f) => !(FORMATS as readonly string[]).includes(f))
  if (badFormat) return { error: `--format must list ${FORMATS.join(', ')}, not ${badFormat}` }
  const persons = flags.count ? int('count', flags.count) : int('persons', flags.persons)
  const listRows =
    flags.listRows === undefined
      ? Math.max(1, Math.round(Number(persons) / 10))
      : int('list-rows', flags.listRows)
  const seed = int('seed', flags.seed)
  const matchShare = share('match-share', flags.matchShare)
  const duplicateShare = share('duplicate-share', flags.duplicateShare)
  for (const v of [persons, listRows, seed, matchShare, duplicateShare])
    if (typeof v === 'string') return { error: v }
  return {
    scenario: flags.scenario as Scenario,
    formats: formats as Format[],
    options: {
      seed: seed as number,
      persons: persons as number,
      listRows: listRows as number,
      matchShare: matchShare as number,
      duplicateShare: duplicateShare as number,
      nationality: flags.nationality as 'UA' | 'RU' | 'mixed',
      difficulty: flags.difficulty as Difficulty,
    },
  }
}
