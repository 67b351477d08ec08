import type { PersonRow } from './store'

/** A person as the API and the web app show them. */
export function presentPerson(r: PersonRow) {
  return {
    id: r.id,
    registerNumber: Number(r.register_number),
    category: r.category,
    confirmation: r.confirmation,
    surname: r.surname,
    firstNames: r.first_names,
    patronymic: r.patronymic,
    nameScript: r.name_script,
    surnameLatin: r.surname_latin,
    firstNamesLatin: r.first_names_latin,
    sex: r.sex,
    rank: r.rank,
    serviceNumber: r.service_number,
    dateOfBirth: r.date_of_birth,
    placeOfBirth: r.place_of_birth,
    powerDependedOn: r.power_depended_on,
    nationality: r.nationality,
    fatherFirstName: r.father_first_name,
    motherMaidenName: r.mother_maiden_name,
    nextOfKin: { name: r.next_of_kin_name, address: r.next_of_kin_address },
    lastResidence: r.last_residence,
    distinguishingMarks: r.distinguishing_marks,
    unit: r.unit,
    captureId: r.capture_id,
    art17Complete: r.art17_complete,
    status: r.status,
    facilityId: r.facility_id,
    health: r.health,
    lastEventOn: r.last_event_on,
    createdAt: r.created_at instanceof Date ? r.created_at.toISOString() : String(r.created_at),
    updatedAt: r.updated_at instanceof Date ? r.updated_at.toISOString() : String(r.updated_at),
    version: r.version,
  }
}
export type PresentedPerson = ReturnType<typeof presentPerson>

/** The particulars only, as the audit trail records them before and after a change. */
export function particularsOf(r: PersonRow) {
  const {
    id,
    registerNumber,
    createdAt,
    updatedAt,
    version,
    status,
    facilityId,
    health,
    lastEventOn,
    art17Complete,
    ...rest
  } = presentPerson(r)
  return rest
}
