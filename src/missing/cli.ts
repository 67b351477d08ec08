import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { Command } from 'commander'
import { commandLineActor, progressBar, withParley } from '../cli/context'
import { count } from '../cli/plural'
import { DomainError } from '../core/errors'
import { registerMissingChangeCommands } from './cli-changes'
import { MISSING_STATUSES } from './state'

/** `parley import missing FILE`: the existing register, all rows or none, with a progress bar. */
export async function importMissingCommand(file: string, opts: { source?: string }) {
  if (!existsSync(file)) throw new DomainError('VALIDATION', `${file}: no such file`)
  await withParley(async ({ services }) => {
    const bar = progressBar('importing missing persons')
    try {
      const started = performance.now()
      const report = await services.missingImport(
        commandLineActor(),
        { name: path.basename(file), content: readFileSync(file), source: opts.source },
        bar.update,
      )
      bar.stop()
      console.log(
        `${count(report.rows, 'row')} of "${report.source}": ${report.created} registered, ${report.unchanged} imported before, in ${((performance.now() - started) / 1000).toFixed(1)} s`,
      )
    } finally {
      bar.stop()
    }
  })
}

type ListFlags = {
  status?: string
  unit?: string
  region?: string
  from?: string
  to?: string
  source?: string
  limit: string
}

/** `parley missing list`: the register as tab-separated lines, newest first. */
export function registerMissingCommands(program: Command) {
  const missing = program.command('missing').description('The missing-persons register')
  missing
    .command('list')
    .description('Records of the missing-persons register, newest first, tab-separated')
    .option('--status <status>', MISSING_STATUSES.join(', '))
    .option('--unit <unit>', 'unit, as its beginning')
    .option('--region <region>', 'region, as its beginning')
    .option('--from <date>', 'last seen on or after')
    .option('--to <date>', 'last seen on or before')
    .option('--source <source>', "a report's source, as its beginning")
    .option('--limit <n>', 'at most this many', '100')
    .action(async (flags: ListFlags) => {
      const limit = Number(flags.limit)
      if (!Number.isInteger(limit) || limit < 1 || limit > 10_000)
        throw new DomainError(
          'VALIDATION',
          `--limit must be a whole number from 1 to 10000, not ${flags.limit}`,
        )
      if (flags.status && !(MISSING_STATUSES as readonly string[]).includes(flags.status))
        throw new DomainError(
          'VALIDATION',
          `--status must be one of ${MISSING_STATUSES.join(', ')}, not ${flags.status}`,
        )
      const { limit: _, ...filter } = flags
      await withParley(async ({ services }) => {
        const page = await services.missing.listMissing(filter, { limit })
        console.log(
          ['number', 'surname', 'first names', 'born', 'unit', 'last seen', 'status', 'captivity'].join('\t'),
        )
        for (const p of page.items)
          console.log(
            [
              p.registerNumber,
              p.surname,
              p.firstNames,
              p.dateOfBirth,
              p.unit,
              p.lastSeen.on,
              p.status,
              p.captivity,
            ]
              .map((v) => v ?? '')
              .join('\t'),
          )
        console.error(
          `${count(page.items.length, 'record')}${page.nextBefore ? ', more with a higher --limit' : ''}`,
        )
      })
    })
  registerMissingChangeCommands(missing)
}
