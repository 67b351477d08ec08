import path from 'node:path'
import type { Command } from 'commander'
import { DomainError } from '../../core/errors'
import { progressBar } from '../context'
import { count } from '../plural'

/** `parley upgrade-data`: converts a data folder an older Parley (PGlite 0.4) wrote. */
export function registerUpgradeDataCommand(program: Command) {
  program
    .command('upgrade-data')
    .description(
      'Convert the embedded database written by an older Parley (PostgreSQL 17) to this one (PostgreSQL 18), keeping the old folder as a backup',
    )
    .option('--data <dir>', 'the Parley data folder (default: PARLEY_DATA_DIR)')
    .action(async (opts: { data?: string }) => {
      const dbDir = await databaseFolder(opts.data)
      // loaded only here: the old engine is a second PGlite nothing else needs
      const { upgradeDataFolder } = await import('../../db/upgrade/upgrade-data')
      const bar = progressBar('copying rows')
      const report = await upgradeDataFolder(dbDir, bar.update)
      bar.stop()
      if (!report.upgraded) {
        console.log(`The data folder ${dbDir} is already PostgreSQL ${report.major}: nothing to do`)
        return
      }
      console.log(
        `Upgraded ${dbDir} from PostgreSQL ${report.from} to ${report.to}: ${count(report.rows, 'row')} in ${count(report.tables.length, 'table')}, the same count in each; the old folder is kept as ${report.backup}`,
      )
    })
}

/** The embedded database folder: `<data>/db`, or the folder itself when it is one. */
async function databaseFolder(data: string | undefined): Promise<string> {
  if (data) {
    const dir = path.resolve(data)
    const { dataFolderMajor } = await import('../../db/data-folder-version')
    return dataFolderMajor(dir) !== undefined ? dir : path.join(dir, 'db')
  }
  const { loadConfig } = await import('../../core/config')
  const config = loadConfig()
  if (config.database.kind !== 'pglite')
    throw new DomainError(
      'VALIDATION',
      'DATABASE_URL is set: Parley uses a PostgreSQL server, which its own tools upgrade; give --data to convert an embedded data folder',
    )
  return config.database.dataDir
}
