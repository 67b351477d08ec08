-- The missing-persons register's corrections, merges, photographs and returns to review (issue 15).

-- A correction or retraction is a new event row naming the one it replaces (`corrects`); the old
-- row stays as it was (append-only), and the fold reads only the rows nothing replaced and that
-- are not retractions (src/missing/history.ts).
alter table missing_events add column corrects integer;
alter table missing_events add column retracted boolean not null default false;
alter table missing_events add column reason text;
comment on column missing_events.corrects is 'The seq of the event this row corrects or retracts; the fold skips the replaced row';
comment on column missing_events.retracted is 'A retraction: the event named by corrects is withdrawn and nothing takes its place';

-- Several records of one person merge into one: the absorbed record keeps its rows and points to
-- the record it was merged into; its events are copied there with their sources, its reports moved.
alter table missing_persons add column merged_into uuid references missing_persons (id);
alter table missing_persons add column photo_sha256 text;
create index missing_persons_merged_idx on missing_persons (merged_into) where merged_into is not null;

alter table missing_reports add column moved_from uuid references missing_persons (id);
alter table missing_reports add column moved_from_seq integer;
comment on column missing_reports.moved_from is 'The record this report was made on, before a merge moved it; an unmerge moves it back';

create table missing_merges (
  id uuid primary key default gen_random_uuid(),
  into_id uuid not null references missing_persons (id),
  from_id uuid not null references missing_persons (id),
  -- the fields the merge filled on the kept record (they were empty), so an unmerge empties them
  filled jsonb not null,
  disagreements text[] not null default '{}',
  copied_seqs integer[] not null,
  merged_by text not null,
  merged_at timestamptz not null,
  unmerged_by text,
  unmerged_at timestamptz
);
comment on table missing_merges is 'Two records of one person merged into one, and what the merge did, so it can be undone';
create index missing_merges_into_idx on missing_merges (into_id);
create index missing_merges_from_idx on missing_merges (from_id);

-- A photograph stored once by its sha256, whatever record or report refers to it.
create table missing_photos (
  sha256 text primary key,
  content_type text not null check (content_type in ('image/jpeg', 'image/png', 'image/webp')),
  size integer not null,
  bytes bytea not null,
  stored_by text not null,
  stored_at timestamptz not null default now()
);
comment on table missing_photos is 'Photographs of missing persons, each stored once by the sha256 of its bytes';
alter table missing_persons add constraint missing_persons_photo_fk
  foreign key (photo_sha256) references missing_photos (sha256);

-- A handover completion that could not write "returned" on a record leaves it here for a tracer.
create table missing_return_reviews (
  id uuid primary key default gen_random_uuid(),
  missing_person_id uuid not null references missing_persons (id),
  person text not null,
  exchange_name text not null,
  returned_on date not null,
  source text not null,
  reason text not null,
  raised_at timestamptz not null,
  resolved_at timestamptz,
  resolved_by text,
  resolution text check (resolution in ('returned', 'dismissed')),
  resolution_note text
);
comment on table missing_return_reviews is 'Returns an exchange could not write on the register (the record was dead, returned or gone), until a tracer settles each';
create index missing_return_reviews_open_idx on missing_return_reviews (raised_at) where resolved_at is null;
