import {
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import path from 'node:path'
import { DomainError } from '../../core/errors'
import { connectionFromPglite, openPglite } from '../connection'
import { lockDataFolder } from '../data-folder-lock'
import { CURRENT_MAJOR, dataFolderMajor, UPGRADABLE_MAJOR, UPGRADE_MARKER } from '../data-folder-version'
import { migrate, migrationNames } from '../migrate'
import { type Engine, openOldEngine } from './old-engine'

export type TableCount = { table: string; rows: number }
export type UpgradeReport =
  | { upgraded: false; major: number }
  | { upgraded: true; from: number; to: number; backup: string; tables: TableCount[]; rows: number }

type Progress = (done: number, total: number) => void

// ~2 MB of table a chunk: bounded memory on any register size, and a progress bar that moves
const BLOCKS_PER_CHUNK = 256

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`

/** The folder the new engine writes before it takes the old one's place. */
export const upgradingFolder = (dbDir: string) => `${dbDir}.upgrading`

/**
 * Converts the embedded database in `dbDir` from PGlite 0.4 (PostgreSQL 17) to the current
 * PGlite (PostgreSQL 18). The old folder is only read: the new one is written beside it
 * (`<dbDir>.upgrading`), the schema made by the same migrations the old folder had, every table
 * copied and its rows counted on both sides, the remaining migrations applied, and only then are
 * the folders swapped, the old one kept as `<dbDir>.pg17-backup`. Stopping at any point before
 * the swap leaves the old folder as it was; running the command again starts over.
 * @throws DomainError NOT_FOUND without a database, CONFLICT for a version it cannot read or a
 *   folder in use, INTEGRITY when a table's rows do not match after the copy
 */
export async function upgradeDataFolder(
  dbDir: string,
  onProgress: Progress = () => {},
): Promise<UpgradeReport> {
  const lock = lockDataFolder(dbDir, 'parley upgrade-data')
  try {
    const interrupted = finishRename(dbDir)
    if (interrupted) return interrupted
    const major = dataFolderMajor(dbDir)
    if (major === undefined) throw new DomainError('NOT_FOUND', `There is no Parley database in ${dbDir}`)
    if (major === CURRENT_MAJOR) return { upgraded: false, major }
    if (major !== UPGRADABLE_MAJOR)
      throw new DomainError(
        'CONFLICT',
        `The data folder ${dbDir} was written by PostgreSQL ${major}; this upgrade reads only PostgreSQL ${UPGRADABLE_MAJOR} (PGlite 0.4)`,
      )
    const target = upgradingFolder(dbDir)
    // a leftover from an interrupted run is ours and incomplete: the old folder is still whole
    rmSync(target, { recursive: true, force: true })
    try {
      const { tables, rows } = await copyInto(dbDir, target, onProgress)
      const backup = freeName(`${dbDir}.pg${major}-backup`)
      writeFileSync(path.join(target, UPGRADE_MARKER), `${backup}\n`)
      syncFolder(target)
      swap(dbDir, target, backup)
      return { upgraded: true, from: major, to: CURRENT_MAJOR, backup, tables, rows }
    } catch (e) {
      rmSync(target, { recursive: true, force: true })
      throw e
    }
  } finally {
    lock.release()
  }
}

async function copyInto(oldDir: string, target: string, onProgress: Progress) {
  const old = await openOldEngine(oldDir)
  try {
    const applied = (await old.query<{ name: string }>('select name from schema_migrations')).rows.map(
      (r) => r.name,
    )
    const known = new Set(migrationNames())
    const unknown = applied.filter((n) => !known.has(n))
    if (unknown.length > 0)
      throw new DomainError(
        'CONFLICT',
        `The data folder ${oldDir} has migrations this Parley does not know (${unknown.join(', ')}): upgrade with the Parley that wrote it or a newer one`,
      )
    const client = await openPglite(target)
    const conn = connectionFromPglite(client)
    try {
      await migrate(conn, { only: new Set(applied) })
      const tables = await tablesOf(old)
      const counts = await countRows(old, tables)
      const total = counts.reduce((n, c) => n + c.rows, 0)
      // triggers off while copying: the rows are history already written and checked once, and
      // the audit and event tables refuse changes; foreign keys hold because every row comes along
      await client.exec('set session_replication_role = replica')
      let done = 0
      onProgress(0, total)
      for (const table of tables) {
        await client.exec(`delete from ${table}`)
        done += await copyTable(old, client as unknown as Engine, table, (n) => onProgress(done + n, total))
        onProgress(done, total)
      }
      await copySequences(old, client as unknown as Engine)
      await client.exec('set session_replication_role = origin')
      const after = await countRows(client as unknown as Engine, tables)
      const differ = counts.filter((c, i) => after[i]?.rows !== c.rows)
      if (differ.length > 0)
        throw new DomainError(
          'INTEGRITY',
          `The copy does not match the old folder: ${differ
            .map(
              (c) =>
                `${c.table} has ${c.rows} rows there and ${after.find((a) => a.table === c.table)?.rows} in the copy`,
            )
            .join('; ')}; nothing was changed`,
        )
      await migrate(conn)
      return { tables: counts, rows: total }
    } finally {
      await conn.close()
    }
  } finally {
    await old.close()
  }
}

/** Every table of the database outside PostgreSQL's own schemas, as a quoted qualified name. */
async function tablesOf(db: Engine): Promise<string[]> {
  const { rows } = await db.query<{ schema: string; name: string }>(
    `select n.nspname as schema, c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where c.relkind = 'r' and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_%'
     order by 1, 2`,
  )
  return rows.map((r) => `${ident(r.schema)}.${ident(r.name)}`)
}

async function countRows(db: Engine, tables: string[]): Promise<TableCount[]> {
  const counts: TableCount[] = []
  for (const table of tables) {
    const { rows } = await db.query<{ n: string | number }>(`select count(*) as n from ${table}`)
    counts.push({ table, rows: Number(rows[0]?.n ?? 0) })
  }
  return counts
}

/**
 * Copies one table in ranges of its pages (a TID range scan, no sort), as COPY text: the format
 * both versions read and write the same. Generated columns are left for the new engine to compute.
 */
async function copyTable(
  old: Engine,
  neu: Engine,
  table: string,
  onRows: (n: number) => void,
): Promise<number> {
  const { rows: cols } = await neu.query<{ name: string }>(
    `select attname as name from pg_attribute where attrelid = $1::regclass and attnum > 0
     and not attisdropped and attgenerated = '' order by attnum`,
    [table],
  )
  if (cols.length === 0) return 0
  const list = cols.map((c) => ident(c.name)).join(', ')
  const { rows: size } = await old.query<{ blocks: string | number }>(
    `select pg_relation_size($1::regclass) / current_setting('block_size')::int as blocks`,
    [table],
  )
  const blocks = Number(size[0]?.blocks ?? 0)
  let copied = 0
  for (let from = 0; from < blocks; from += BLOCKS_PER_CHUNK) {
    const to = from + BLOCKS_PER_CHUNK
    const out = await old.query(
      `copy (select ${list} from ${table} where ctid >= '(${from},0)'::tid and ctid < '(${to},0)'::tid) to '/dev/blob'`,
    )
    if (!out.blob || out.blob.size === 0) continue
    const into = await neu.query(`copy ${table} (${list}) from '/dev/blob'`, [], { blob: out.blob })
    copied += into.affectedRows ?? 0
    onRows(copied)
  }
  return copied
}

/** Sequences carry on from where they were, so the next audit entry or row id is not reused. */
async function copySequences(old: Engine, neu: Engine) {
  const { rows } = await old.query<{ name: string }>(
    `select format('%I.%I', n.nspname, c.relname) as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where c.relkind = 'S' and n.nspname not in ('pg_catalog', 'information_schema')`,
  )
  for (const { name } of rows) {
    const { rows: at } = await old.query<{ last_value: string | number; is_called: boolean }>(
      `select last_value, is_called from ${name}`,
    )
    const v = at[0]
    if (v)
      await neu.query('select setval($1::regclass, $2::bigint, $3)', [
        name,
        String(v.last_value),
        v.is_called,
      ])
  }
}

/** A name beside `base` that is not taken: a backup is never overwritten. */
function freeName(base: string): string {
  if (!existsSync(base)) return base
  for (let i = 2; ; i++) if (!existsSync(`${base}-${i}`)) return `${base}-${i}`
}

/**
 * The old folder becomes the backup, the new one takes its name. Two renames cannot be one step:
 * the marker in the new folder lets the next run (and the refusal on open) finish a swap that
 * stopped between them.
 */
function swap(dbDir: string, target: string, backup: string) {
  renameSync(dbDir, backup)
  renameSync(target, dbDir)
  rmSync(path.join(dbDir, UPGRADE_MARKER), { force: true })
  syncFolder(path.dirname(dbDir))
}

/** Completes a swap an earlier run stopped in the middle of (the old folder already renamed). */
function finishRename(dbDir: string): UpgradeReport | undefined {
  const target = upgradingFolder(dbDir)
  const marker = path.join(target, UPGRADE_MARKER)
  if (existsSync(dbDir) || !existsSync(marker)) return undefined
  const backup = readFileSync(marker, 'utf8').trim()
  renameSync(target, dbDir)
  rmSync(path.join(dbDir, UPGRADE_MARKER), { force: true })
  syncFolder(path.dirname(dbDir))
  return { upgraded: true, from: UPGRADABLE_MAJOR, to: CURRENT_MAJOR, backup, tables: [], rows: 0 }
}

/** A rename is durable only once its folder is synced. */
function syncFolder(dir: string) {
  const fd = openSync(dir, 'r')
  try {
    fsyncSync(fd)
  } catch {
    // a file system that cannot sync a folder (some network mounts) still renamed it
  } finally {
    closeSync(fd)
  }
}
