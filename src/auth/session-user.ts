import type { SessionUser } from '../http/env'
import type { Auth } from './auth'
import { isRole } from './roles'

/**
 * The user behind the request's session cookie, or null. A banned user, or one whose role is not
 * a Parley role, has no session as far as Parley is concerned.
 */
export async function sessionUserOf(
  auth: Auth,
  headers: Headers,
  requireSecondFactor: boolean,
): Promise<SessionUser | null> {
  const session = await auth.api.getSession({ headers })
  if (!session) return null
  const u = session.user as typeof session.user & {
    role?: string | null
    username?: string | null
    banned?: boolean | null
    twoFactorEnabled?: boolean | null
  }
  if (u.banned || !isRole(u.role)) return null
  const twoFactorEnabled = !!u.twoFactorEnabled
  return {
    id: u.id,
    name: u.name,
    username: u.username ?? u.email,
    role: u.role,
    twoFactorEnabled,
    mustEnrolSecondFactor: requireSecondFactor && !twoFactorEnabled,
  }
}
