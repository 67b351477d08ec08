import type { PersonView } from '../custody/present'
import type { MissingRow, ReportRow, StoredMissingEvent } from './store'

const iso = (d: Date | string) => (d instanceof Date ? d.toISOString() : String(d))

/** A missing person as the API and the web app show them. */
export function presentMissing(r: MissingRow) {
  return {
    id: r.id,
    registerNumber: Number(r.register_number),
    surname: r.surname,
    firstNames: r.first_names,
    patronymic: r.patronymic,
    surnameLatin: r.surname_latin,
    sex: r.sex,
    rank: r.rank,
    serviceNumber: r.service_number,
    dateOfBirth: r.date_of_birth,
    placeOfBirth: r.place_of_birth,
    unit: r.unit,
    region: r.region,
    distinguishingMarks: r.distinguishing_marks,
    photoRef: r.photo_ref,
    lastSeen: {
      on: r.last_seen_on,
      place: r.last_seen_place,
      circumstances: r.last_seen_circumstances,
      witness: r.last_seen_witness,
    },
    disagreements: r.disagreements ?? [],
    status: r.status,
    captivity: r.captivity,
    deathReported: r.death_reported,
    bodyRepatriated: r.body_repatriated,
    lastFacility: r.last_facility,
    lastEventOn: r.last_event_on,
    eventCount: r.event_count,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
    version: r.version,
    mergedInto: r.merged_into,
    photo: r.photo_sha256,
  }
}
export type PresentedMissing = ReturnType<typeof presentMissing>

/** The particulars only, as the audit trail keeps them. */
export function missingParticularsOf(r: MissingRow) {
  const {
    id,
    registerNumber,
    createdAt,
    updatedAt,
    version,
    status,
    captivity,
    deathReported,
    bodyRepatriated,
    lastFacility,
    lastEventOn,
    eventCount,
    mergedInto,
    ...rest
  } = presentMissing(r)
  return rest
}

export function presentReport(r: ReportRow) {
  return {
    id: r.id,
    seq: r.seq,
    reporter: {
      name: r.reporter_name,
      relation: r.reporter_relation,
      contact: r.reporter_contact,
      language: r.reporter_language,
    },
    consent: {
      use: r.consent_use,
      shareIcrc: r.consent_share_icrc,
      shareOtherSide: r.consent_share_other_side,
      sharePublic: r.consent_share_public,
      givenOn: r.consent_given_on,
    },
    particulars: r.particulars as Record<string, unknown>,
    lastSeen: r.last_seen as Record<string, unknown>,
    receivedOn: r.received_on,
    source: r.source,
    recordedAt: iso(r.recorded_at),
  }
}
export type PresentedReport = ReturnType<typeof presentReport>

export function presentMissingEvent(e: StoredMissingEvent) {
  return {
    seq: e.seq,
    type: e.type,
    occurredOn: e.occurredOn,
    source: e.source,
    confidence: e.confidence,
    details: e.details,
    recordedAt: iso(e.recordedAt),
    corrects: e.corrects,
    retracted: e.retracted,
    reason: e.reason,
  }
}

// How to recognise and where to find a person, and who the family is: for tracing, not for
// planning an exchange (the same line the custody register draws, custody/present.ts).
const FAMILY = ['distinguishingMarks', 'photoRef', 'photo', 'lastSeen'] as const
const IDENTIFYING = [
  'surname',
  'firstNames',
  'patronymic',
  'surnameLatin',
  'serviceNumber',
  'placeOfBirth',
] as const

/** A record as `view` allows: hidden fields are absent, a pseudonymised date of birth keeps its year. */
export function showMissing(p: PresentedMissing, view: PersonView): Partial<PresentedMissing> {
  if (view === 'full') return p
  const out: Record<string, unknown> = { ...p }
  for (const key of FAMILY) delete out[key]
  if (view === 'pseudonymised') {
    for (const key of IDENTIFYING) delete out[key]
    if (typeof out.dateOfBirth === 'string') out.dateOfBirth = out.dateOfBirth.slice(0, 4)
    out.lastSeen = { on: p.lastSeen.on }
  }
  return out as Partial<PresentedMissing>
}

/** A report as `view` allows: who reported and how to reach them is for full readers only. */
export function showReport(r: PresentedReport, view: PersonView): Partial<PresentedReport> {
  if (view === 'full') return r
  return { id: r.id, seq: r.seq, consent: r.consent, receivedOn: r.receivedOn, source: r.source }
}

/** An event as `view` allows: free text written by staff can name anyone. */
export function showMissingEvent<T extends { details: Record<string, unknown>; reason?: string | null }>(
  e: T,
  view: PersonView,
): T {
  if (view === 'full') return e
  const { note, ...details } = e.details
  return { ...e, details, ...('reason' in e ? { reason: null } : {}) }
}
