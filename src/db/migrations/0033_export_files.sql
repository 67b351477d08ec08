-- Big exports (issue 18) run as jobs; the file is kept here for its owner to download, in chunks,
-- so that neither writing nor reading it needs the whole file in memory.

create table export_files (
  job_id uuid primary key references jobs (id),
  owner_id text not null,
  list text not null,
  format text not null check (format in ('xlsx', 'csv', 'pdf')),
  file_name text not null,
  rows integer not null,
  bytes bigint not null,
  created_at timestamptz not null default now()
);
comment on table export_files is 'A finished export job''s file: what it holds and whose it is; its bytes are in export_file_chunks';

create table export_file_chunks (
  job_id uuid not null references jobs (id),
  seq integer not null,
  bytes bytea not null,
  primary key (job_id, seq)
);
comment on table export_file_chunks is 'An export''s bytes in order, about a mebibyte each; written as the job runs, kept only once export_files names them';
