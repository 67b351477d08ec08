/**
 * Who may do what. Roles come from product.md; a route names the permission it needs and this
 * table alone decides. The ICRC liaison reads only what the Conventions oblige us to share.
 */
export const ROLES = ['admin', 'registrar', 'tracer', 'analyst', 'negotiator', 'liaison', 'auditor'] as const
export type Role = (typeof ROLES)[number]

export const PERMISSIONS = [
  'persons.read',
  // names, service number, full date of birth: without it a reader sees pseudonymised rows
  'persons.identify',
  // next of kin, mother's maiden name, father's name, last residence, distinguishing marks
  'particulars.read',
  'persons.write',
  'captures.write',
  'facilities.read',
  'facilities.write',
  'audit.read',
  'users.manage',
  'settings.manage',
  'lists.read',
  'lists.write',
  'linkage.run',
  'exchanges.read',
  'exchanges.write',
  // the missing-persons register (issue 15): read it; write records and reports; record status events
  'missing.read',
  'missing.write',
  'missing.record',
  // what the bureau owes the ICRC (issue 16): read the queue and cards; prepare, send, acknowledge batches
  'notices.read',
  'notices.write',
  // the overview (issue 18): read the dashboard's aggregates and the reported figures; record them
  'dashboard.read',
  'reported.write',
  // family enquiries (issue 15): read them; take and work them; see who asks and how to reach them
  'enquiries.read',
  'enquiries.work',
  'enquiries.contact',
] as const
export type Permission = (typeof PERMISSIONS)[number]

const GRANTS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  registrar: [
    'persons.read',
    'persons.identify',
    'particulars.read',
    'persons.write',
    'captures.write',
    'facilities.read',
    'facilities.write',
    'missing.read',
    'missing.write',
    'missing.record',
    'dashboard.read',
    'enquiries.read',
    'enquiries.contact',
  ],
  tracer: [
    'persons.read',
    'persons.identify',
    'particulars.read',
    'facilities.read',
    'lists.read',
    'missing.read',
    'missing.record',
    'dashboard.read',
    'enquiries.read',
    'enquiries.work',
    'enquiries.contact',
  ],
  // aggregates and pseudonymised rows: who a person is stays out of statistics
  analyst: [
    'persons.read',
    'facilities.read',
    'lists.read',
    'lists.write',
    'linkage.run',
    'missing.read',
    // figures others claim in public are the analyst's to record and assess
    'dashboard.read',
    'reported.write',
    // an enquiry's progress and candidates, never who asks or how to reach them
    'enquiries.read',
  ],
  negotiator: [
    'persons.read',
    'persons.identify',
    'facilities.read',
    'lists.read',
    'exchanges.read',
    'exchanges.write',
    'missing.read',
    'dashboard.read',
  ],
  // what the ICRC notifications need (identity, status, facility, health), not the family details
  liaison: ['persons.read', 'persons.identify', 'facilities.read', 'notices.read', 'notices.write'],
  auditor: [
    'persons.read',
    'persons.identify',
    'particulars.read',
    'facilities.read',
    'audit.read',
    'exchanges.read',
    'lists.read',
    'missing.read',
    'enquiries.read',
    'enquiries.contact',
    'dashboard.read',
  ],
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value)
}

export function permissionsOf(role: Role): readonly Permission[] {
  return GRANTS[role]
}

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission)
}
