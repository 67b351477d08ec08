import { sql } from 'kysely'
import type { Db } from '../db/connection'
import { conventionOf, rulesOf, SERIOUS_HEALTH } from './rules'
import { type HealthEvent, seriousPeriods, stillOwed, weeklyBulletinsOwed } from './weekly'

const CHUNK = 400
const HELD = ['captured', 'interned', 'hospitalised']

/**
 * Brings the weekly health bulletins of these persons up to `today`: adds the weeks owed, and
 * withdraws (supersedes) the due ones a later-recorded recovery, release, death or exchange made
 * unnecessary. Idempotent, and safe with two servers at once (a unique index per person and week).
 * @returns how many bulletins were added and withdrawn
 */
export async function settleWeekly(tx: Db, personIds: readonly string[], today: string, now: Date) {
  let added = 0
  let withdrawn = 0
  for (let i = 0; i < personIds.length; i += CHUNK) {
    const ids = personIds.slice(i, i + CHUNK)
    const [persons, events, reports] = await Promise.all([
      tx
        .selectFrom('persons as p')
        .leftJoin('notice_withholdings as w', 'w.person_id', 'p.id')
        .select(['p.id', 'p.category', 'p.confirmation', 'w.person_id as withheld'])
        .where('p.id', 'in', ids)
        .execute(),
      tx
        .selectFrom('person_events')
        .select([
          'person_id',
          'seq',
          'type',
          'occurred_on',
          sql<string | null>`details->>'health'`.as('health'),
        ])
        .where('person_id', 'in', ids)
        .execute(),
      tx
        .selectFrom('notices')
        .select(['id', 'person_id', 'occurred_on', 'event_type', 'state'])
        .where('person_id', 'in', ids)
        .where('kind', '=', 'health_report')
        .where('state', '<>', 'superseded')
        .execute(),
    ])
    const fresh = []
    const stale: string[] = []
    for (const p of persons) {
      if (p.confirmation !== 'confirmed') continue
      const history: HealthEvent[] = events
        .filter((e) => e.person_id === p.id)
        .map((e) => ({ seq: e.seq, type: e.type, occurredOn: e.occurred_on, health: e.health }))
      const mine = reports.filter((r) => r.person_id === p.id)
      const periods = seriousPeriods(history)
      for (const r of mine)
        if (r.event_type === 'weekly' && r.state === 'due' && !stillOwed(periods, r.occurred_on))
          stale.push(r.id)
      const convention = conventionOf(p.category)
      const rule = rulesOf(convention).find((x) => x.kind === 'health_report')
      if (!rule) continue
      const live = mine.filter((r) => !stale.includes(r.id)).map((r) => r.occurred_on)
      for (const w of weeklyBulletinsOwed(history, live, today))
        fresh.push({
          person_id: p.id,
          kind: 'health_report',
          convention,
          article: rule.article,
          recipient: rule.to,
          event_seq: w.anchorSeq,
          event_type: 'weekly',
          occurred_on: w.occurredOn,
          due_on: w.dueOn,
          state: 'due',
          withheld_from_power: p.withheld !== null && convention === 'GC IV',
          created_at: now,
          updated_at: now,
        })
    }
    if (stale.length > 0)
      withdrawn += (
        await tx
          .updateTable('notices')
          .set({ state: 'superseded', updated_at: now })
          .where('id', 'in', stale)
          .returning('id')
          .execute()
      ).length
    if (fresh.length > 0)
      added += (
        await tx
          .insertInto('notices')
          .values(fresh)
          .onConflict((oc) => oc.doNothing())
          .returning('id')
          .execute()
      ).length
  }
  return { added, withdrawn }
}

/** Persons held and seriously ill or wounded now, by their cached state: whom the weekly pass visits. */
export async function seriouslyIllHeld(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('persons')
    .select('id')
    .where('health', 'in', [...SERIOUS_HEALTH])
    .where('status', 'in', HELD)
    .where('confirmation', '=', 'confirmed')
    .orderBy('id')
    .execute()
  return rows.map((r) => r.id)
}
