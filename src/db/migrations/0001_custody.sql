-- The custody register: persons in our power, their captures, the facilities that hold them,
-- their history as append-only events, and the hash-chained audit log.
create extension if not exists pg_trgm;
create extension if not exists unaccent;
create extension if not exists fuzzystrmatch;

create function parley_forbid_change() returns trigger language plpgsql as $$
begin
  raise exception '% is append-only: % refused', tg_table_name, tg_op using errcode = 'P0001';
end $$;

create table facilities (
  id uuid primary key default gen_random_uuid(),
  name text not null unique,
  kind text not null check (kind in ('camp', 'transit_camp', 'hospital', 'detention_centre')),
  capacity integer check (capacity is null or capacity >= 0),
  location text,
  created_at timestamptz not null default now()
);
comment on table facilities is 'Camps, transit camps, hospitals and detention centres that hold persons in our power';

create table captures (
  id uuid primary key default gen_random_uuid(),
  captured_on date not null,
  place text not null,
  capturing_unit text,
  source text not null,
  notes text,
  created_by text not null,
  created_at timestamptz not null default now()
);
comment on table captures is 'One capture event; a group capture registers many persons at once';

create table persons (
  id uuid primary key default gen_random_uuid(),
  register_number bigint generated always as identity unique,
  category text not null
    check (category in ('prisoner_of_war', 'civilian_internee', 'retained_personnel', 'status_undetermined')),
  confirmation text not null default 'confirmed' check (confirmation in ('confirmed', 'unconfirmed')),
  surname text not null,
  first_names text,
  patronymic text,
  name_script text not null,
  surname_latin text,
  first_names_latin text,
  sex text check (sex in ('male', 'female')),
  rank text,
  service_number text,
  date_of_birth text check (date_of_birth ~ '^\d{4}(-\d{2}(-\d{2})?)?$'),
  birth_year integer,
  place_of_birth text,
  power_depended_on text,
  nationality text,
  father_first_name text,
  mother_maiden_name text,
  next_of_kin_name text,
  next_of_kin_address text,
  last_residence text,
  distinguishing_marks text,
  unit text,
  capture_id uuid references captures (id),
  art17_complete boolean not null,
  status text not null,
  facility_id uuid references facilities (id),
  health text,
  event_count integer not null default 0,
  last_event_on date,
  source_key text unique,
  created_by text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1
);
comment on table persons is 'Persons in our power with their particulars (GC III Arts 17, 122; GC IV Art. 138). status, facility_id, health, event_count and last_event_on are a cache of currentState(person_events), rebuilt by `parley rebuild-state`';
comment on column persons.date_of_birth is 'Partial dates kept as given: YYYY, YYYY-MM or YYYY-MM-DD';
comment on column persons.source_key is 'Idempotency key of an imported row, so that importing the same file twice changes nothing';
create index persons_surname_idx on persons (lower(surname), lower(first_names), id);
create index persons_status_idx on persons (status, id);
create index persons_category_idx on persons (category, id);
create index persons_facility_idx on persons (facility_id, id);
create index persons_created_idx on persons (created_at, id);
create index persons_capture_idx on persons (capture_id);
create index persons_service_number_idx on persons (service_number);
create index persons_surname_trgm_idx on persons using gin (lower(surname) gin_trgm_ops);

create table person_events (
  id uuid primary key default gen_random_uuid(),
  person_id uuid not null references persons (id),
  seq integer not null,
  type text not null,
  occurred_on date not null,
  facility_id uuid references facilities (id),
  details jsonb not null default '{}',
  source text not null,
  author_id text not null,
  recorded_at timestamptz not null default now(),
  unique (person_id, seq)
);
comment on table person_events is 'Append-only history of each person; the current state is derived from these rows by a pure fold';
create trigger person_events_append_only before update or delete on person_events
  for each row execute function parley_forbid_change();

create table audit_log (
  seq bigint primary key,
  at timestamptz not null,
  actor_id text,
  actor_name text not null,
  action text not null,
  entity_type text not null,
  entity_id text,
  before jsonb,
  after jsonb,
  prev_hash text not null,
  hash text not null
);
comment on table audit_log is 'Append-only, hash-chained record of every change and every read of a person record; each hash is SHA-256 over the previous hash and the canonical entry';
create index audit_log_entity_idx on audit_log (entity_type, entity_id, seq);
create trigger audit_log_append_only before update or delete on audit_log
  for each row execute function parley_forbid_change();

create table imports (
  id uuid primary key default gen_random_uuid(),
  kind text not null,
  file_name text not null,
  file_sha256 text not null,
  row_count integer not null,
  created_count integer not null,
  unchanged_count integer not null,
  imported_by text not null,
  imported_at timestamptz not null default now()
);
comment on table imports is 'Each file import that changed the register, with its counts';

create table settings (
  key text primary key,
  value jsonb not null,
  updated_at timestamptz not null default now()
);
comment on table settings is 'Site-wide settings an admin changes, e.g. whether a second factor is required';
