// Shapes the API returns, as the web app reads them. The server's presenters are the source;
// these mirror them without importing server code into the browser bundle.

/** A person as the API shows them to this reader: fields the role may not see are absent. */
export type Person = {
  id: string
  registerNumber: number
  category: string
  confirmation: 'confirmed' | 'unconfirmed'
  surname?: string
  firstNames?: string | null
  patronymic?: string | null
  nameScript: string | null
  surnameLatin?: string | null
  firstNamesLatin?: string | null
  sex: string | null
  rank: string | null
  serviceNumber?: string | null
  dateOfBirth: string | null
  placeOfBirth?: string | null
  powerDependedOn: string | null
  nationality: string | null
  fatherFirstName?: string | null
  motherMaidenName?: string | null
  nextOfKin?: { name: string | null; address: string | null }
  lastResidence?: string | null
  distinguishingMarks?: string | null
  unit: string | null
  captureId: string | null
  art17Complete: boolean
  status: string
  facilityId: string | null
  health: string | null
  lastEventOn: string | null
  version: number
}

export type PersonPage = { items: Person[]; nextCursor: string | null }

export type PersonEvent = {
  id: string
  seq: number
  type: string
  occurredOn: string
  facilityId: string | null
  details: Record<string, unknown>
  source: string
  recordedAt: string
}

export type Facility = {
  id: string
  name: string
  kind: string
  capacity: number | null
  location: string | null
  occupancy: number
}

export type AuditEntry = {
  seq: number
  at: string
  actorName: string
  action: string
  entityType: string
  entityId: string | null
  before: unknown
  after: unknown
  hash: string
}

export type SessionUser = {
  id: string
  name: string
  username: string
  role: string
  twoFactorEnabled: boolean
  mustEnrolSecondFactor: boolean
  mustChangePassword: boolean
  permissions: string[]
}
