-- Received lists through the import wizard (issue 15): the file stored once by its hash, the
-- mapping of its columns, where the list came from, and every doubtful value kept as written.

-- A received file as uploaded, before anyone confirms what its columns mean. The same bytes
-- uploaded again are this row again (file_sha256 is unique), never a copy.
create table list_uploads (
  id uuid primary key default gen_random_uuid(),
  file_sha256 text not null unique,
  file_name text not null,
  size_bytes integer not null,
  content bytea not null,
  header jsonb not null,
  row_count integer not null,
  uploaded_by text not null,
  uploaded_at timestamptz not null default now()
);
comment on table list_uploads is 'Received list files as uploaded, stored once by SHA-256, read again when the import is confirmed';

-- Provenance: who sent it, through whom, when, which period it covers, which earlier list it replaces.
alter table lists
  add column upload_id uuid references list_uploads (id),
  add column source_kind text check (source_kind in ('other_side', 'icrc', 'unit', 'open_source', 'other')),
  add column via text,
  add column received_on date,
  add column period_from date,
  add column period_to date,
  add column replaces_list_id uuid references lists (id),
  add column note text,
  add column mapping jsonb,
  add column flagged_rows integer not null default 0;
create unique index lists_upload_once on lists (upload_id) where upload_id is not null;
create index lists_replaces on lists (replaces_list_id) where replaces_list_id is not null;

-- The particulars the wizard reads beyond the linkage fields, each row's cells as written, and its flags.
alter table list_rows
  add column sex text not null default '',
  add column rank text not null default '',
  add column citizenship text not null default '',
  add column captured_on text not null default '',
  add column capture_place text not null default '',
  add column written jsonb,
  add column flags jsonb not null default '[]';
create index list_rows_flagged on list_rows (list_id, row_no) where flags <> '[]'::jsonb;

-- The mapping a person chose for a source's file with these headers, proposed for the next one.
create table list_mappings (
  source text not null,
  header_key text not null,
  mapping jsonb not null,
  saved_by text not null,
  saved_at timestamptz not null default now(),
  primary key (source, header_key)
);
comment on table list_mappings is 'Column mapping chosen per source and header row, proposed again for a later file of that source';
