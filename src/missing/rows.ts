import type { Romanize } from '../custody/person-row'
import { MissingEventInput, type MissingEventParsed } from './events'
import type { AddReportParsed, CreateMissingParsed, SoughtParticulars } from './model'
import { PARTICULAR_FIELDS } from './model'
import type { NewMissingEventRow, NewMissingRow, NewReportRow } from './store'

type Report = Pick<AddReportParsed, 'reporter' | 'consent' | 'lastSeen' | 'source' | 'receivedOn'>

/** The particulars a report states, without the report itself. */
export function particularsIn(input: Partial<SoughtParticulars>): Partial<SoughtParticulars> {
  const out: Record<string, unknown> = {}
  for (const f of PARTICULAR_FIELDS) if (input[f] !== undefined) out[f] = input[f]
  return out as Partial<SoughtParticulars>
}

/** The columns of the record's particulars. */
export function particularColumns(p: Partial<SoughtParticulars>, romanize: Romanize) {
  return {
    surname: p.surname!,
    first_names: p.firstNames ?? null,
    patronymic: p.patronymic ?? null,
    surname_latin: p.surname ? romanize(p.surname) : null,
    sex: p.sex ?? null,
    rank: p.rank ?? null,
    service_number: p.serviceNumber ?? null,
    date_of_birth: p.dateOfBirth ?? null,
    place_of_birth: p.placeOfBirth ?? null,
    unit: p.unit ?? null,
    region: p.region ?? null,
    distinguishing_marks: p.distinguishingMarks ?? null,
    photo_ref: p.photoRef ?? null,
  }
}

/** A new record from its first report, missing since the day last seen (else the report's day). */
export function newRecordRow(
  input: CreateMissingParsed,
  opts: { romanize: Romanize; actorId: string; today: string },
): NewMissingRow {
  return {
    ...particularColumns(input, opts.romanize),
    last_seen_on: input.lastSeen.on ?? null,
    last_seen_place: input.lastSeen.place ?? null,
    last_seen_circumstances: input.lastSeen.circumstances ?? null,
    last_seen_witness: input.lastSeen.witness ?? null,
    status: 'missing',
    captivity: 'none',
    death_reported: false,
    body_repatriated: false,
    version: 1,
    last_event_on: missingSince(input, opts.today),
    event_count: 1,
    created_by: opts.actorId,
  }
}

export function missingSince(input: Report, today: string) {
  return input.lastSeen.on ?? input.receivedOn ?? today
}

export function reportRow(
  personId: string,
  seq: number,
  input: Report,
  stated: Partial<SoughtParticulars>,
  opts: { actorId: string; today: string; sourceKey?: string },
): NewReportRow {
  return {
    missing_person_id: personId,
    seq,
    reporter_name: input.reporter.name,
    reporter_relation: input.reporter.relation ?? null,
    reporter_contact: input.reporter.contact ?? null,
    reporter_language: input.reporter.language,
    consent_use: input.consent.use,
    consent_share_icrc: input.consent.shareIcrc,
    consent_share_other_side: input.consent.shareOtherSide,
    consent_share_public: input.consent.sharePublic,
    consent_given_on: input.consent.givenOn ?? null,
    particulars: JSON.stringify(stated),
    last_seen: JSON.stringify(input.lastSeen),
    received_on: input.receivedOn ?? opts.today,
    source: input.source,
    source_key: opts.sourceKey ?? null,
    recorded_by: opts.actorId,
  }
}

/** The first event of every record: reported missing, dated when last seen. */
export function reportedMissingEvent(input: Report, today: string): MissingEventParsed {
  return MissingEventInput.parse({
    type: 'reported_missing',
    occurredOn: missingSince(input, today),
    source: input.source,
    confidence: 'high',
    place: input.lastSeen.place,
  })
}

export function eventRow(
  personId: string,
  seq: number,
  e: MissingEventParsed,
  authorId: string,
): NewMissingEventRow {
  const { type, occurredOn, source, confidence, ...details } = e
  return {
    missing_person_id: personId,
    seq,
    type,
    occurred_on: occurredOn,
    source,
    confidence,
    details: JSON.stringify(withoutUndefined(details)),
    author_id: authorId,
  }
}

export function detailsOf(e: MissingEventParsed): Record<string, unknown> {
  const { type, occurredOn, source, confidence, ...details } = e
  return withoutUndefined(details)
}

const withoutUndefined = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined))
