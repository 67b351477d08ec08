import { sql } from 'kysely'
import type { Db } from '../db/connection'
import type { Dashboard } from './model'

/** The figures the overview computes from the registers; the reported claims are joined on reading. */
export type Computed = Omit<Dashboard, 'reported'>

export async function readSnapshot(db: Db): Promise<Computed | null> {
  const { rows } = await sql<{ figures: Computed | string }>`
    select figures from dashboard_snapshot where only_row
  `.execute(db)
  const f = rows[0]?.figures
  if (f === undefined) return null
  return typeof f === 'string' ? (JSON.parse(f) as Computed) : f
}

/**
 * Keeps `figures` unless a computation started later is already stored: two servers refreshing at
 * once, or a slow refresh finishing after a quicker one, never put older figures back.
 */
export async function saveSnapshot(db: Db, figures: Computed): Promise<void> {
  await sql`
    insert into dashboard_snapshot (only_row, computed_at, figures)
    values (true, ${figures.computedAt}::timestamptz, ${JSON.stringify(figures)}::jsonb)
    on conflict (only_row) do update set computed_at = excluded.computed_at, figures = excluded.figures
      where dashboard_snapshot.computed_at <= excluded.computed_at
  `.execute(db)
}
