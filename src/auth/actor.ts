import type { Role } from './roles'

/** Who is acting: passed explicitly to every service call, never read from a request deep inside. */
export type Actor = { id: string; name: string; role: Role }

/** The actor for work started from the command line on this machine (migrate, import, demo). */
export const SYSTEM_ACTOR: Actor = { id: 'system', name: 'system (command line)', role: 'admin' }
