import type { Actor } from '../auth/actor'
import { can, type Permission } from '../auth/roles'
import { DomainError } from '../core/errors'

/** The signed-in user as the HTTP layer sees them. */
export type SessionUser = Actor & {
  username: string
  twoFactorEnabled: boolean
  mustEnrolSecondFactor: boolean
  /** Signed in with a one-time password from an admin's reset: nothing else until it is changed. */
  mustChangePassword: boolean
}

export type AppEnv = {
  Variables: {
    requestId: string
    user: SessionUser | null
  }
}

/**
 * The actor for a route that needs `permission`.
 * @throws DomainError UNAUTHENTICATED, SECOND_FACTOR_REQUIRED (enrolment pending) or FORBIDDEN
 */
export function requirePermission(user: SessionUser | null, permission: Permission): Actor {
  if (!user) throw new DomainError('UNAUTHENTICATED', 'Sign in to continue')
  if (user.mustEnrolSecondFactor) {
    throw new DomainError('SECOND_FACTOR_REQUIRED', 'Set up your second factor before using Parley')
  }
  if (user.mustChangePassword) {
    throw new DomainError('FORBIDDEN', 'Change your one-time password before using Parley', {
      details: { reason: 'PASSWORD_CHANGE_REQUIRED' },
    })
  }
  if (!can(user.role, permission)) {
    throw new DomainError('FORBIDDEN', `The ${user.role} role may not do this (needs ${permission})`)
  }
  return { id: user.id, name: user.name, role: user.role }
}
