import { z } from 'zod'
import type { appendAudit } from '../audit/store'
import type { Actor } from '../auth/actor'
import type { Clock } from '../core/clock'
import { parseInput } from '../core/validate'
import type { Db } from '../db/connection'
import type { readSetting, writeSetting } from './store'

export const SecuritySettings = z.object({
  requireSecondFactor: z
    .boolean()
    .describe(
      'Every user must set up a TOTP second factor before working (on by default; off only for a test site)',
    ),
  sessionIdleMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .describe('A session unused this long is closed'),
  sessionLifetimeHours: z
    .number()
    .int()
    .min(1)
    .max(24)
    .describe('A session ends this long after sign-in, however much it is used'),
})
export type SecuritySettings = z.infer<typeof SecuritySettings>
/** A change: any of the settings; the others stay as they are. */
export const SecuritySettingsChange = SecuritySettings.partial()

export const SECURITY_DEFAULTS: SecuritySettings = {
  requireSecondFactor: true,
  sessionIdleMinutes: 30,
  sessionLifetimeHours: 12,
}

type Deps = {
  db: Db
  store: { readSetting: typeof readSetting; writeSetting: typeof writeSetting }
  audit: { appendAudit: typeof appendAudit }
  clock: Clock
}

export function createSettingsService({ db, store, audit, clock }: Deps) {
  async function readSecuritySettings(): Promise<SecuritySettings> {
    const stored = await store.readSetting(db, 'security')
    // settings stored before a field existed take its default
    const parsed = SecuritySettingsChange.safeParse(stored)
    return { ...SECURITY_DEFAULTS, ...(parsed.success ? parsed.data : {}) }
  }

  async function updateSecuritySettings(actor: Actor, input: unknown): Promise<SecuritySettings> {
    const change = parseInput(SecuritySettingsChange, input)
    // Read before the transaction: PGlite has one connection, which the transaction holds.
    const before = await readSecuritySettings()
    const next: SecuritySettings = { ...before, ...change }
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
