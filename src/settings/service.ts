import { z } from 'zod'
import type { appendAudit } from '../audit/store'
import type { Actor } from '../auth/actor'
import type { Clock } from '../core/clock'
import { parseInput } from '../core/validate'
import type { Db } from '../db/connection'
import type { readSetting, writeSetting } from './store'

export const SecuritySettings = z.object({
  requireSecondFactor: z.boolean().describe('Every user must set up a TOTP second factor before working'),
})
export type SecuritySettings = z.infer<typeof SecuritySettings>

const DEFAULTS: SecuritySettings = { requireSecondFactor: false }

type Deps = {
  db: Db
  store: { readSetting: typeof readSetting; writeSetting: typeof writeSetting }
  audit: { appendAudit: typeof appendAudit }
  clock: Clock
}

export function createSettingsService({ db, store, audit, clock }: Deps) {
  async function readSecuritySettings(): Promise<SecuritySettings> {
    const stored = await store.readSetting(db, 'security')
    const parsed = SecuritySettings.safeParse(stored)
    return parsed.success ? parsed.data : DEFAULTS
  }

  async function updateSecuritySettings(actor: Actor, input: unknown): Promise<SecuritySettings> {
    const next = parseInput(SecuritySettings, input)
    // Read before the transaction: PGlite has one connection, which the transaction holds.
    const before = await readSecuritySettings()
    return db.transaction().execute(async (tx) => {
      await store.writeSetting(tx, 'security', next, clock())
      await audit.appendAudit(
        tx,
        [
          {
            actorId: actor.id,
            actorName: actor.name,
            action: 'settings.security.update',
            entityType: 'settings',
            entityId: 'security',
            before,
            after: next,
          },
        ],
        clock(),
      )
      return next
    })
  }

  return { readSecuritySettings, updateSecuritySettings }
}
export type SettingsService = ReturnType<typeof createSettingsService>
