-- The missing-persons register: our own people whom families and units report missing, each report
-- kept with its source and the reporter's consent, and each person's history as dated events with
-- a source and a confidence. status, captivity, death_reported, body_repatriated, last_facility,
-- last_event_on and event_count are a cache of the fold of missing_events (src/missing/state.ts).
create table missing_persons (
  id uuid primary key default gen_random_uuid(),
  register_number bigint generated always as identity unique,
  surname text not null,
  first_names text,
  patronymic text,
  surname_latin text,
  sex text check (sex in ('male', 'female')),
  rank text,
  service_number text,
  date_of_birth text check (date_of_birth ~ '^\d{4}(-\d{2}(-\d{2})?)?$'),
  place_of_birth text,
  unit text,
  region text,
  distinguishing_marks text,
  photo_ref text,
  last_seen_on date,
  last_seen_place text,
  last_seen_circumstances text,
  last_seen_witness text,
  -- fields on which the reports disagree, for a tracer to settle
  disagreements text[] not null default '{}',
  status text not null check (status in ('missing', 'returned', 'dead', 'found')),
  captivity text not null default 'none' check (captivity in ('none', 'indicated', 'confirmed')),
  death_reported boolean not null default false,
  body_repatriated boolean not null default false,
  last_facility text,
  last_event_on date,
  event_count integer not null default 0,
  created_by text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1
);
comment on table missing_persons is 'Our own people reported missing (issue 15), with the particulars the reports give; the status columns are a cache of the fold of missing_events';

create table missing_reports (
  id uuid primary key default gen_random_uuid(),
  missing_person_id uuid not null references missing_persons (id),
  seq integer not null,
  reporter_name text not null,
  reporter_relation text,
  reporter_contact text,
  reporter_language text not null check (reporter_language in ('uk', 'en', 'ru')),
  consent_use boolean not null default false,
  consent_share_icrc boolean not null default false,
  consent_share_other_side boolean not null default false,
  consent_share_public boolean not null default false,
  consent_given_on date,
  particulars jsonb not null,
  last_seen jsonb not null,
  received_on date not null,
  source text not null,
  source_key text unique,
  recorded_by text not null,
  recorded_at timestamptz not null default now(),
  unique (missing_person_id, seq)
);
comment on table missing_reports is 'Each report of a missing person as the reporter gave it, with its source and the consent to use and share it';
comment on column missing_reports.source_key is 'An imported row (source and row), so that importing the same file again changes nothing';

create table missing_events (
  missing_person_id uuid not null references missing_persons (id),
  seq integer not null,
  type text not null check (type in ('reported_missing', 'captivity_indicated', 'captivity_confirmed',
    'seen_in_facility', 'returned', 'died', 'body_repatriated', 'found')),
  occurred_on date not null,
  source text not null,
  confidence text not null check (confidence in ('high', 'medium', 'low')),
  details jsonb not null default '{}',
  author_id text not null,
  recorded_at timestamptz not null default now(),
  primary key (missing_person_id, seq)
);
comment on table missing_events is 'What became known of a missing person, dated, with its source and confidence; append-only';
