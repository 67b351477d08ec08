-- Lists received from outside (the other side's lists, families' enquiries gathered in a file), kept
-- as received: linkage jobs and later reconciliation read them from here.
create table lists (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  counterpart text,
  file_name text not null,
  file_sha256 text not null,
  row_count integer not null,
  created_by text not null,
  created_at timestamptz not null default now()
);

create table list_rows (
  list_id uuid not null references lists (id),
  row_no integer not null,
  row_ref text not null,
  surname text not null default '',
  first_names text not null default '',
  patronymic text not null default '',
  father_name text not null default '',
  date_of_birth text not null default '',
  place_of_birth text not null default '',
  service_number text not null default '',
  unit text not null default '',
  primary key (list_id, row_no),
  unique (list_id, row_ref)
);

-- A linkage run in the server: its inputs, its progress while it runs, its model and counts after.
create table linkage_jobs (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in ('link', 'dedupe')),
  left_source text not null,
  right_source text,
  threshold double precision not null,
  one_to_one boolean not null default false,
  status text not null check (status in ('queued', 'running', 'done', 'failed')),
  stage text,
  done integer not null default 0,
  total integer not null default 0,
  candidates bigint,
  pairs_found integer,
  model jsonb,
  blocking jsonb,
  warnings jsonb,
  error text,
  created_by text not null,
  created_at timestamptz not null default now(),
  started_at timestamptz,
  finished_at timestamptz
);

-- The pairs a job found, best first, each with the evidence of every field.
create table linkage_pairs (
  job_id uuid not null references linkage_jobs (id),
  rank integer not null,
  left_ref text not null,
  right_ref text not null,
  match_weight double precision not null,
  probability double precision not null,
  evidence jsonb not null,
  primary key (job_id, rank)
);
