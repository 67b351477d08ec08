import type { ColumnType, Generated } from 'kysely'

/**
 * Row types of the tables, as Kysely sees them. Each table is owned by one capability's store.ts;
 * the SQL in migrations/ is the source of truth and these types follow it.
 */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
type Json = ColumnType<unknown, string, string>

export type FacilitiesTable = {
  id: Generated<string>
  name: string
  kind: string
  capacity: number | null
  location: string | null
  created_at: Generated<Date>
}

export type CapturesTable = {
  id: Generated<string>
  captured_on: string
  place: string
  capturing_unit: string | null
  source: string
  notes: string | null
  created_by: string
  created_at: Generated<Date>
}

export type PersonsTable = {
  id: Generated<string>
  register_number: Generated<number>
  category: string
  confirmation: string
  surname: string
  first_names: string | null
  patronymic: string | null
  name_script: string
  surname_latin: string | null
  surname_key: string | null
  first_names_key: string | null
  patronymic_key: string | null
  first_names_latin: string | null
  sex: string | null
  rank: string | null
  service_number: string | null
  date_of_birth: string | null
  birth_year: number | null
  place_of_birth: string | null
  power_depended_on: string | null
  nationality: string | null
  father_first_name: string | null
  mother_maiden_name: string | null
  next_of_kin_name: string | null
  next_of_kin_address: string | null
  last_residence: string | null
  distinguishing_marks: string | null
  unit: string | null
  capture_id: string | null
  art17_complete: boolean
  status: string
  facility_id: string | null
  health: string | null
  event_count: number
  last_event_on: string | null
  /** cached from the events with the state above (migration 0035) */
  captured_on: ColumnType<string | null, string | null | undefined, string | null>
  consent_given: Generated<boolean>
  refused_repatriation: Generated<boolean>
  proceedings_open: Generated<boolean>
  source_key: string | null
  created_by: string
  created_at: Generated<Date>
  updated_at: Timestamp
  version: number
}

export type PersonEventsTable = {
  id: Generated<string>
  person_id: string
  seq: number
  type: string
  occurred_on: string
  facility_id: string | null
  details: Json
  source: string
  author_id: string
  recorded_at: Generated<Date>
}

export type AuditLogTable = {
  seq: number
  at: Date
  actor_id: string | null
  actor_name: string
  action: string
  entity_type: string
  entity_id: string | null
  before: Json | null
  after: Json | null
  prev_hash: string
  hash: string
}

export type ImportsTable = {
  id: Generated<string>
  kind: string
  file_name: string
  file_sha256: string
  row_count: number
  created_count: number
  unchanged_count: number
  imported_by: string
  imported_at: Generated<Date>
}

export type SettingsTable = { key: string; value: Json; updated_at: Timestamp }

export type UserTable = {
  id: string
  name: string
  email: string
  username: string | null
  role: string | null
  twoFactorEnabled: boolean | null
  banned: boolean | null
  createdAt: Generated<Date>
}

export type NameVocabularyTable = { key: string }

export type ListsTable = {
  id: Generated<string>
  name: string
  counterpart: string | null
  file_name: string
  file_sha256: string
  row_count: number
  created_by: string
  created_at: Generated<Date>
}

export type ListRowsTable = {
  list_id: string
  row_no: number
  row_ref: string
  surname: string
  first_names: string
  patronymic: string
  father_name: string
  date_of_birth: string
  place_of_birth: string
  service_number: string
  unit: string
}

export type LinkageJobsTable = {
  id: Generated<string>
  kind: 'link' | 'dedupe'
  left_source: string
  right_source: string | null
  threshold: number
  one_to_one: boolean
  candidates: ColumnType<string | null, number | null | undefined, number | null>
  pairs_found: number | null
  model: Json | null
  blocking: Json | null
  warnings: Json | null
  created_by: string
  created_at: Generated<Date>
}

/** Long work and its state (0028_jobs.sql); linkage_jobs rows share their job's id. */
export type JobsTable = {
  id: Generated<string>
  kind: string
  input: Json
  owner_id: string
  owner_name: string
  status: 'queued' | 'running' | 'done' | 'failed' | 'cancelled'
  stage: string | null
  done: Generated<number>
  total: Generated<number>
  result: Json | null
  error: string | null
  attempts: Generated<number>
  max_attempts: Generated<number>
  worker: string | null
  lease_until: Timestamp | null
  queue_ref: string | null
  cancel_requested_at: Timestamp | null
  cancelled_by: string | null
  created_at: Generated<Date>
  started_at: Timestamp | null
  finished_at: Timestamp | null
}

export type LinkagePairsTable = {
  job_id: string
  rank: number
  left_ref: string
  right_ref: string
  match_weight: number
  probability: number
  evidence: Json
}

export type ExchangesTable = {
  id: Generated<string>
  name: string
  counterpart: string
  mediator: string | null
  venue: string | null
  status: Generated<string>
  terms: Json
  stages: ColumnType<unknown, string | undefined, string>
  created_by: string
  created_at: Generated<Date>
  updated_at: Timestamp
}

export type ExchangePoolTable = { exchange_id: string; side: 'give' | 'receive'; ref: string; attrs: Json }

export type ExchangeRoundsTable = {
  exchange_id: string
  n: number
  kind: 'proposal' | 'counter'
  give: Json
  receive: Json
  detail: Json
  created_by: string
  created_at: Generated<Date>
}

export type ExchangeHandoverTable = {
  exchange_id: string
  side: 'give' | 'receive'
  ref: string
  stage: number
  outcome: Generated<string>
  substitute_ref: string | null
  updated_by: string | null
  updated_at: Timestamp | null
}

/** Our persons who came home in an exchange (migration 0017). */
export type ExchangeReturnedTable = {
  exchange_id: string
  ref: string
  stage: number
  replaced_ref: string | null
  surname: string
  first_names: string | null
  date_of_birth: string | null
  service_number: string | null
  returned_on: string
  recorded_by: string
  recorded_at: Generated<Timestamp>
}

export type MissingPersonsTable = {
  id: Generated<string>
  register_number: Generated<number>
  surname: string
  first_names: string | null
  patronymic: string | null
  surname_latin: string | null
  sex: string | null
  rank: string | null
  service_number: string | null
  date_of_birth: string | null
  place_of_birth: string | null
  unit: string | null
  region: string | null
  distinguishing_marks: string | null
  photo_ref: string | null
  last_seen_on: string | null
  last_seen_place: string | null
  last_seen_circumstances: string | null
  last_seen_witness: string | null
  disagreements: ColumnType<string[], string[] | undefined, string[]>
  status: string
  captivity: string
  death_reported: boolean
  body_repatriated: boolean
  last_facility: string | null
  last_event_on: string | null
  event_count: number
  created_by: string
  created_at: Generated<Date>
  updated_at: Timestamp
  version: number
  merged_into: Generated<string | null>
  photo_sha256: Generated<string | null>
}

export type MissingReportsTable = {
  id: Generated<string>
  missing_person_id: string
  seq: number
  reporter_name: string
  reporter_relation: string | null
  reporter_contact: string | null
  reporter_language: string
  consent_use: boolean
  consent_share_icrc: boolean
  consent_share_other_side: boolean
  consent_share_public: boolean
  consent_given_on: string | null
  particulars: Json
  last_seen: Json
  received_on: string
  source: string
  source_key: string | null
  recorded_by: string
  recorded_at: Generated<Date>
  moved_from: Generated<string | null>
  moved_from_seq: Generated<number | null>
}

export type MissingEventsTable = {
  missing_person_id: string
  seq: number
  type: string
  occurred_on: string
  source: string
  confidence: string
  details: Json
  author_id: string
  recorded_at: Generated<Date>
  corrects: Generated<number | null>
  retracted: Generated<boolean>
  reason: Generated<string | null>
}

export type MissingMergesTable = {
  id: Generated<string>
  into_id: string
  from_id: string
  filled: Json
  disagreements: ColumnType<string[], string[] | undefined, string[]>
  copied_seqs: ColumnType<number[], number[], number[]>
  merged_by: string
  merged_at: Timestamp
  unmerged_by: string | null
  unmerged_at: Timestamp | null
}

export type MissingPhotosTable = {
  sha256: string
  content_type: string
  size: number
  bytes: Uint8Array
  stored_by: string
  stored_at: Generated<Date>
}

export type MissingReturnReviewsTable = {
  id: Generated<string>
  missing_person_id: string
  person: string
  exchange_name: string
  returned_on: string
  source: string
  reason: string
  raised_at: Timestamp
  resolved_at: Timestamp | null
  resolved_by: string | null
  resolution: string | null
  resolution_note: string | null
}

export type NoticesTable = {
  id: Generated<string>
  number: Generated<number>
  person_id: string
  kind: string
  convention: string
  article: string
  recipient: string
  event_seq: number
  event_type: string
  occurred_on: string
  due_on: string
  state: string
  withheld_from_power: boolean
  batch_id: string | null
  supersedes: string | null
  created_at: Timestamp
  updated_at: Timestamp
}

export type NoticeBatchesTable = {
  id: Generated<string>
  number: Generated<number>
  recipient: string
  state: string
  prepared_by: string
  prepared_at: Timestamp
  sent_by: string | null
  sent_at: Timestamp | null
  sent_how: string | null
  sent_reference: string | null
  acknowledged_by: string | null
  acknowledged_at: Timestamp | null
  acknowledgement: string | null
  backlog: Generated<boolean>
}

export type NoticeBatchFilesTable = {
  id: Generated<string>
  batch_id: string
  format: string
  file_name: string
  bytes: Uint8Array
  sha256: string
  signature: Json
  exported_by: string
  exported_at: Timestamp
  sent: Generated<boolean>
}

export type NoticeWithholdingsTable = {
  person_id: string
  reason: string
  marked_by: string
  marked_at: Timestamp
}

export type EnquiriesTable = {
  id: Generated<string>
  number: Generated<number>
  missing_person_id: string
  channel: string
  enquirer_name: string
  enquirer_relation: string | null
  enquirer_contact: string | null
  enquirer_language: string
  consent_use: boolean
  consent_share_icrc: boolean
  consent_share_other_side: boolean
  consent_share_public: boolean
  consent_given_on: string | null
  received_on: string
  note: string | null
  state: Generated<string>
  answered_on: string | null
  closed_on: string | null
  closed_reason: string | null
  searched_at: Timestamp | null
  created_by: string
  created_at: Generated<Date>
  updated_at: Timestamp
  version: number
}

export type EnquiryCandidatesTable = {
  enquiry_id: string
  source: string
  ref: string
  label: string
  born: string | null
  detail: string | null
  probability: number
  weight: number
  evidence: Json
  decision: Generated<string>
  decided_by: string | null
  decided_at: Timestamp | null
  decision_note: string | null
  found_at: Timestamp
  first_found_at: Timestamp
  found_by: Generated<string>
}

export type EnquiryRepliesTable = {
  enquiry_id: string
  seq: number
  language: string
  body: string
  withheld: Json
  drafted_by: string
  drafted_at: Timestamp
  updated_at: Timestamp
  sent_how: string | null
  sent_on: string | null
  sent_by: string | null
}

export type EnquiryFollowUpsTable = {
  enquiry_id: string
  seq: number
  due_on: string
  what: string
  done_on: string | null
  created_by: string
  created_at: Generated<Date>
  done_by: string | null
}

export type Database = {
  enquiries: EnquiriesTable
  enquiry_candidates: EnquiryCandidatesTable
  enquiry_replies: EnquiryRepliesTable
  enquiry_follow_ups: EnquiryFollowUpsTable
  notices: NoticesTable
  notice_batches: NoticeBatchesTable
  notice_batch_files: NoticeBatchFilesTable
  notice_withholdings: NoticeWithholdingsTable
  missing_persons: MissingPersonsTable
  missing_reports: MissingReportsTable
  missing_events: MissingEventsTable
  missing_merges: MissingMergesTable
  missing_photos: MissingPhotosTable
  missing_return_reviews: MissingReturnReviewsTable
  exchange_returned: ExchangeReturnedTable
  exchanges: ExchangesTable
  exchange_pool: ExchangePoolTable
  exchange_rounds: ExchangeRoundsTable
  exchange_handover: ExchangeHandoverTable
  lists: ListsTable
  list_rows: ListRowsTable
  jobs: JobsTable
  linkage_jobs: LinkageJobsTable
  linkage_pairs: LinkagePairsTable
  name_vocabulary: NameVocabularyTable
  facilities: FacilitiesTable
  captures: CapturesTable
  persons: PersonsTable
  person_events: PersonEventsTable
  audit_log: AuditLogTable
  imports: ImportsTable
  settings: SettingsTable
  user: UserTable
}
