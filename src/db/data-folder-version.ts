import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { DomainError } from '../core/errors'

/** Left in `<dbDir>.upgrading` while the converted folder waits to take the old one's place. */
export const UPGRADE_MARKER = 'parley-upgraded-from'

/** The PostgreSQL major version of the embedded database (PGlite 0.5). */
export const CURRENT_MAJOR = 18
/** The one older version `parley upgrade-data` reads: PGlite 0.4, which Parley used before. */
export const UPGRADABLE_MAJOR = 17

/** The PostgreSQL major version that wrote the data folder `dbDir`, or undefined if it holds none yet. */
export function dataFolderMajor(dbDir: string): number | undefined {
  const file = path.join(dbDir, 'PG_VERSION')
  if (!existsSync(file)) return undefined
  return Number.parseInt(readFileSync(file, 'utf8').trim(), 10)
}

/**
 * Refuses a data folder an older Parley wrote: PostgreSQL 18 cannot open a PostgreSQL 17 folder,
 * and letting it try would end in a crash deep inside the engine instead of a way forward.
 * @throws DomainError CONFLICT saying which command converts the folder
 */
export function assertCurrentDataFolder(dbDir: string): void {
  const major = dataFolderMajor(dbDir)
  const parleyDir = path.basename(dbDir) === 'db' ? path.dirname(dbDir) : dbDir
  // without this, a swap stopped between its two renames would open as a new, empty register
  if (major === undefined && existsSync(path.join(`${dbDir}.upgrading`, UPGRADE_MARKER)))
    throw new DomainError(
      'CONFLICT',
      `An upgrade of the data folder ${dbDir} stopped before it finished; run \`parley upgrade-data --data ${parleyDir}\` again`,
      { details: { dataFolder: dbDir } },
    )
  if (major === undefined || major === CURRENT_MAJOR) return
  if (major === UPGRADABLE_MAJOR)
    throw new DomainError(
      'CONFLICT',
      `The data folder ${dbDir} was written by an older Parley (PostgreSQL ${major}); convert it once with \`parley upgrade-data --data ${parleyDir}\` (the old folder is kept as a backup)`,
      { details: { dataFolder: dbDir, major } },
    )
  throw new DomainError(
    'CONFLICT',
    `The data folder ${dbDir} was written by PostgreSQL ${major}, which this Parley (PostgreSQL ${CURRENT_MAJOR}) cannot open`,
    { details: { dataFolder: dbDir, major } },
  )
}
