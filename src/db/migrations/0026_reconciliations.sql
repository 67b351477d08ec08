-- Reconciliation of a received list with one of our registers (issue 15): the run with its
-- progress while it runs, the scored pairs as a review queue with each field's evidence and the
-- tracer's decision, and the rows the list names twice. Owned by src/reconciliation/store.ts.
create table reconciliations (
  id uuid primary key default gen_random_uuid(),
  number bigint generated always as identity unique,
  list_id uuid not null references lists (id),
  against text not null check (against in ('missing', 'custody')),
  threshold double precision not null,
  status text not null check (status in ('queued', 'running', 'done', 'failed', 'cancelled')),
  stage text,
  done integer not null default 0,
  total integer not null default 0,
  -- set by whoever asks to stop; the run looks at it between its steps
  cancel_requested boolean not null default false,
  summary jsonb,
  error text,
  created_by text not null,
  created_at timestamptz not null default now(),
  started_at timestamptz,
  finished_at timestamptz
);
create index reconciliations_list on reconciliations (list_id);

-- One candidate pair: a row of their list and a record of ours, best first. `above` says whether
-- the probability reached the run's threshold; the pairs below it are kept for a look, not hidden.
create table reconciliation_pairs (
  reconciliation_id uuid not null references reconciliations (id),
  rank integer not null,
  row_no integer not null,
  row_ref text not null,
  record_id uuid not null,
  probability double precision not null,
  match_weight double precision not null,
  above boolean not null,
  evidence jsonb not null,
  decision text check (decision in ('accepted', 'rejected', 'unsure')),
  decided_by text,
  decided_at timestamptz,
  -- the "captivity confirmed" event the acceptance wrote on the missing person, by its seq
  event_seq integer,
  primary key (reconciliation_id, rank)
);
create index reconciliation_pairs_record on reconciliation_pairs (record_id);
create index reconciliation_pairs_pending on reconciliation_pairs (reconciliation_id, probability desc)
  where decision is null;

-- Rows of their list that seem to be one person (the name engine's duplicate finder), with why.
create table reconciliation_duplicates (
  reconciliation_id uuid not null references reconciliations (id),
  group_no integer not null,
  row_refs jsonb not null,
  evidence jsonb not null,
  primary key (reconciliation_id, group_no)
);
