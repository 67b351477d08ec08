import type { LinkRecord } from '../linkage/record'
import type { MissingRow } from '../missing/store'
import type { FieldEvidence } from './match'
import type { CandidateRow, EnquiryListRow, FollowUpRow, ReplyRow } from './store'
import type { Urgency } from './urgency'

const iso = (d: Date | string | null) => (d === null ? null : d instanceof Date ? d.toISOString() : String(d))

/** The sought person as the linkage engine compares them: the register's merged particulars. */
export function soughtRecord(p: MissingRow): LinkRecord & { serviceNumber: string; dateOfBirth: string } {
  return {
    id: p.id,
    surname: p.surname,
    givenName: p.first_names ?? '',
    patronymic: p.patronymic ?? '',
    fatherName: '',
    dateOfBirth: p.date_of_birth ?? '',
    placeOfBirth: p.place_of_birth ?? '',
    serviceNumber: p.service_number ?? '',
    unit: p.unit ?? '',
  }
}

/** An enquiry as the API and the web app show it to a reader who may see everything. */
export function presentEnquiry(r: EnquiryListRow, urgency: Urgency, stale: boolean, newCandidates = 0) {
  return {
    id: r.id,
    number: Number(r.number),
    channel: r.channel as 'phone' | 'letter' | 'in_person' | 'email',
    enquirer: {
      name: r.enquirer_name,
      relation: r.enquirer_relation,
      contact: r.enquirer_contact,
      language: r.enquirer_language as 'uk' | 'en' | 'ru',
    },
    consent: {
      use: r.consent_use,
      shareIcrc: r.consent_share_icrc,
      shareOtherSide: r.consent_share_other_side,
      sharePublic: r.consent_share_public,
      givenOn: r.consent_given_on,
    },
    receivedOn: r.received_on,
    note: r.note,
    state: r.state as 'open' | 'closed',
    answeredOn: r.answered_on,
    closedOn: r.closed_on,
    closedReason: r.closed_reason,
    searchedAt: iso(r.searched_at),
    /** a list or a register changed after the last search: search again */
    stale,
    /** undecided candidates the automatic search found after a list or a register changed */
    newCandidates,
    nextFollowUpOn: r.next_follow_up_on,
    urgency,
    sought: {
      id: r.missing_person_id,
      surname: r.surname as string | undefined,
      firstNames: r.first_names as string | null | undefined,
      patronymic: r.patronymic as string | null | undefined,
      dateOfBirth: r.date_of_birth,
      status: r.missing_status,
      captivity: r.captivity,
    },
  }
}
export type PresentedEnquiry = ReturnType<typeof presentEnquiry>

export function presentCandidate(c: CandidateRow) {
  const evidence = c.evidence as { fields: FieldEvidence[]; prior: number }
  return {
    source: c.source as 'custody' | 'missing' | 'list',
    ref: c.ref,
    label: c.label as string | undefined,
    born: c.born,
    detail: c.detail as string | null | undefined,
    probability: c.probability,
    weight: c.weight,
    evidence,
    decision: c.decision as 'pending' | 'confirmed' | 'rejected',
    decidedBy: c.decided_by,
    decidedAt: iso(c.decided_at),
    decisionNote: c.decision_note,
    foundAt: iso(c.found_at)!,
    firstFoundAt: iso(c.first_found_at)!,
    foundBy: c.found_by as 'search' | 'research',
    /** found by the automatic search and not decided yet */
    isNew: c.found_by === 'research' && c.decision === 'pending',
  }
}

export function presentReply(r: ReplyRow) {
  return {
    seq: r.seq,
    language: r.language as 'uk' | 'en' | 'ru',
    body: r.body as string | undefined,
    withheld: r.withheld as string[],
    draftedBy: r.drafted_by,
    draftedAt: iso(r.drafted_at)!,
    updatedAt: iso(r.updated_at)!,
    sentHow: r.sent_how,
    sentOn: r.sent_on,
    sentBy: r.sent_by,
  }
}

export function presentFollowUp(f: FollowUpRow) {
  return {
    seq: f.seq,
    dueOn: f.due_on,
    what: f.what,
    doneOn: f.done_on,
    createdBy: f.created_by,
    doneBy: f.done_by,
  }
}

/** What a reader's role lets them see of an enquiry. */
export type EnquiryView = {
  /** who asks and how to reach them, the note, the replies' words (enquiries.contact) */
  contact: boolean
  /** the names of the sought person and the candidates (persons.identify) */
  identify: boolean
}

type Full = PresentedEnquiry & {
  candidates?: ReturnType<typeof presentCandidate>[]
  replies?: ReturnType<typeof presentReply>[]
  followUps?: ReturnType<typeof presentFollowUp>[]
}

/**
 * An enquiry as `view` allows: an analyst follows the work (age, consent, candidates' evidence)
 * without who asks, how to reach them, or the words written to them; a reader who may not identify
 * persons sees no names and the year of birth only.
 */
export function showEnquiry(e: Full, view: EnquiryView): Full {
  const out: Record<string, unknown> = { ...e }
  if (!view.contact) {
    out.enquirer = { language: e.enquirer.language }
    out.note = null
    if (e.replies) out.replies = e.replies.map(({ body, ...r }) => r)
  }
  if (!view.identify) {
    const year = (d: string | null | undefined) => (d ? d.slice(0, 4) : null)
    const { surname, firstNames, patronymic, ...sought } = e.sought
    out.sought = { ...sought, dateOfBirth: year(e.sought.dateOfBirth) }
    if (e.candidates)
      out.candidates = e.candidates.map(({ label, detail, ...c }) => ({ ...c, born: year(c.born) }))
  }
  return out as Full
}
