import { sql } from 'kysely'
import type { Db } from '../db/connection'
import type { HeldCell, PersonCube } from './cube'
import type { Dashboard } from './model'

/** The figures the overview computes from the registers; the reported claims are joined on reading. */
export type Computed = Omit<Dashboard, 'reported'>

/**
 * The register's counts as stored: a cell per row of a few numbers instead of named fields, since
 * a million persons held over years make tens of thousands of cells. Flags: 1 consent, 2 refused,
 * 4 proceedings.
 */
type StoredCube = Omit<PersonCube, 'held' | 'registered'> & {
  held: [day: string, priority: number, flags: number, n: number][]
  registered: [day: string, n: number][]
}

const packCube = (c: PersonCube): StoredCube => ({
  ...c,
  held: c.held.map((h) => [
    h.day,
    h.priority,
    (h.consent ? 1 : 0) | (h.refused ? 2 : 0) | (h.proceedings ? 4 : 0),
    h.n,
  ]),
  registered: c.registered.map((r) => [r.day, r.n]),
})

const unpackCube = (c: StoredCube): PersonCube => ({
  ...c,
  held: c.held.map(
    ([day, priority, flags, n]): HeldCell => ({
      day,
      priority,
      consent: (flags & 1) !== 0,
      refused: (flags & 2) !== 0,
      proceedings: (flags & 4) !== 0,
      n,
    }),
  ),
  registered: c.registered.map(([day, n]) => ({ day, n })),
})

const parsed = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v)

/** The last computation stored; `cube` is null when a version before the kept counts stored it. */
export async function readSnapshot(db: Db): Promise<{ computed: Computed; cube: PersonCube | null } | null> {
  const { rows } = await sql<{ figures: Computed | string; cube: StoredCube | string | null }>`
    select figures, cube from dashboard_snapshot where only_row
  `.execute(db)
  const row = rows[0]
  if (!row) return null
  return { computed: parsed(row.figures), cube: row.cube === null ? null : unpackCube(parsed(row.cube)) }
}

/**
 * Keeps a computation unless one started later is already stored: two servers refreshing at once,
 * or a slow refresh finishing after a quicker one, never put older figures back.
 */
export async function saveSnapshot(db: Db, kept: { computed: Computed; cube: PersonCube }): Promise<void> {
  await sql`
    insert into dashboard_snapshot (only_row, computed_at, figures, cube)
    values (true, ${kept.computed.computedAt}::timestamptz, ${JSON.stringify(kept.computed)}::jsonb,
      ${JSON.stringify(packCube(kept.cube))}::jsonb)
    on conflict (only_row) do update
      set computed_at = excluded.computed_at, figures = excluded.figures, cube = excluded.cube
      where dashboard_snapshot.computed_at <= excluded.computed_at
  `.execute(db)
}
