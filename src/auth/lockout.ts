/**
 * Per-account sign-in lockout, counted across every address (the per-address limit of better-auth
 * alone let five addresses make fifty guesses a minute at one account). After FREE_FAILURES
 * failures each further failure locks the account, for a minute doubling each time up to an hour;
 * a success or an admin's unlock clears the count, and a day without failures forgets it.
 * Unknown usernames are counted the same way, so the answers never tell them apart.
 */
export const FREE_FAILURES = 5
export const MAX_LOCK_MS = 60 * 60_000
export const FORGET_AFTER_MS = 24 * 60 * 60_000

/** How long the account stays locked after its `failures`-th failure in a row (0: not locked). */
export function lockDurationMs(failures: number): number {
  if (failures < FREE_FAILURES) return 0
  return Math.min(60_000 * 2 ** (failures - FREE_FAILURES), MAX_LOCK_MS)
}

export function isLocked(row: { locked_until: Date | string | null } | null, now: Date): boolean {
  return !!row?.locked_until && new Date(row.locked_until).getTime() > now.getTime()
}
