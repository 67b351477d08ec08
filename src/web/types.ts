// Hand-kept shapes still read by the person and registration pages. New code takes the API's own
// types instead: `Schema<'Person'>` and the answers of `http` from ./api (generated from the
// OpenAPI document by `npm run gen:api`), which tsc holds to what the server answers.

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
