import { can, type Role } from '../auth/roles'
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

/**
 * How much of a person a reader sees, from their permissions: everything; who they are without the
 * family particulars (the ICRC liaison, the negotiator); or pseudonymised rows (the analyst).
 */
export type PersonView = 'full' | 'identified' | 'pseudonymised'

export function personViewOf(role: Role): PersonView {
  if (!can(role, 'persons.identify')) return 'pseudonymised'
  return can(role, 'particulars.read') ? 'full' : 'identified'
}

// Family and body particulars: needed to trace and to notify the family, not to plan or to notify
// status (GC III Art. 17 asks a prisoner only for name, rank, date of birth and number).
const FAMILY_PARTICULARS = [
  'fatherFirstName',
  'motherMaidenName',
  'nextOfKin',
  'lastResidence',
  'distinguishingMarks',
] as const
// What names a person: without these a row is a pseudonymised case (id, status, facility, health).
const IDENTIFYING = [
  'surname',
  'firstNames',
  'patronymic',
  'surnameLatin',
  'firstNamesLatin',
  'latin',
  'serviceNumber',
  'placeOfBirth',
  'reasons',
] as const

/**
 * A person (or a search hit) as `view` allows: hidden fields are absent, not null, so a reader can
 * tell "not shown to you" from "not known"; a pseudonymised date of birth keeps only the year.
 */
export function showPerson<T extends object>(person: T, view: PersonView): Shown<T> {
  if (view === 'full') return person
  const out = { ...person } as Record<string, unknown>
  for (const key of FAMILY_PARTICULARS) delete out[key]
  if (view === 'pseudonymised') {
    for (const key of IDENTIFYING) delete out[key]
    if (typeof out.dateOfBirth === 'string') out.dateOfBirth = out.dateOfBirth.slice(0, 4)
  }
  return out as Shown<T>
}

/** What `showPerson` may leave out: the family particulars and what names a person; the rest is always there. */
type Hideable = (typeof FAMILY_PARTICULARS)[number] | (typeof IDENTIFYING)[number]
export type Shown<T> = Omit<T, Hideable> & Partial<Pick<T, Extract<keyof T, Hideable>>>

// Free text written by staff can name anyone (a relative, a fellow prisoner): only full readers see it.
const FREE_TEXT_DETAILS = ['note', 'reason'] as const

/** An event of a person's history as `view` allows. */
export function showEvent<T extends { details: Record<string, unknown> }>(event: T, view: PersonView): T {
  if (view === 'full') return event
  const details = { ...event.details }
  for (const key of FREE_TEXT_DETAILS) delete details[key]
  return { ...event, details }
}
