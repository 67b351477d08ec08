import { SYSTEM_ACTOR } from '../auth/actor'
import type { Clock } from '../core/clock'
import type { Db } from '../db/connection'
import type { WritePipeline } from '../db/write'
import { seriouslyIllHeld, settleWeekly } from './weekly-store'

const PER_WRITE = 2000

/**
 * The scheduled pass of the weekly health bulletins (weekly.ts says why a pass): every person held
 * and seriously ill or wounded gets the weeks that have begun since the last report. Written in
 * slices, each audited when it added anything, so a register with thousands of wounded does not
 * hold one long transaction.
 */
export function createWeeklyPass(deps: { db: Db; clock: Clock; write: WritePipeline }) {
  return {
    async weeklyBulletins(progress?: (done: number, total: number) => void) {
      const ids = await seriouslyIllHeld(deps.db)
      let added = 0
      let withdrawn = 0
      for (let i = 0; i < ids.length; i += PER_WRITE) {
        const slice = ids.slice(i, i + PER_WRITE)
        const r = await deps.write(async ({ tx, now }) => {
          const out = await settleWeekly(tx, slice, now.toISOString().slice(0, 10), now)
          return {
            result: out,
            audit:
              out.added + out.withdrawn > 0
                ? [
                    {
                      actorId: SYSTEM_ACTOR.id,
                      actorName: 'system (weekly health bulletins)',
                      action: 'notices.weekly',
                      entityType: 'notice',
                      entityId: 'weekly',
                      before: null,
                      after: { persons: slice.length, added: out.added, withdrawn: out.withdrawn },
                    },
                  ]
                : [],
          }
        })
        added += r.added
        withdrawn += r.withdrawn
        progress?.(Math.min(i + PER_WRITE, ids.length), ids.length)
      }
      return { persons: ids.length, added, withdrawn }
    },
  }
}
