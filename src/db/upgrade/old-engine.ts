import { PGlite as PGlite04 } from 'pglite-v04'
import { fuzzystrmatch } from 'pglite-v04/contrib/fuzzystrmatch'
import { pg_trgm } from 'pglite-v04/contrib/pg_trgm'
import { unaccent } from 'pglite-v04/contrib/unaccent'

/** What the upgrade asks of either engine: SQL, and COPY through a blob. */
export type Engine = {
  query<T>(
    text: string,
    params?: unknown[],
    opts?: { blob?: Blob },
  ): Promise<{ rows: T[]; blob?: Blob; affectedRows?: number }>
  exec(text: string): Promise<unknown>
  close(): Promise<void>
}

/**
 * Opens a data folder written by PGlite 0.4 (PostgreSQL 17) with PGlite 0.4 itself, installed
 * beside the current one as the npm alias `pglite-v04`: only the engine that wrote a folder can
 * read it. Loaded only by `parley upgrade-data`, so nothing else pays for a second engine.
 */
export async function openOldEngine(dbDir: string): Promise<Engine> {
  return (await PGlite04.create(dbDir, { extensions: { pg_trgm, unaccent, fuzzystrmatch } })) as Engine
}
