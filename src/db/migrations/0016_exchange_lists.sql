-- Received lists kept as received, their suspected duplicates with the operator's decisions,
-- substitutions paired by the operator, and why an exchange was agreed despite a breach.

-- Every row of the other side's list of our persons, as written, with what was flagged in it. The
-- receive pool (exchange_pool) is derived from it: one person per merged duplicate group.
create table exchange_received_rows (
  exchange_id uuid not null references exchanges (id),
  line integer not null,
  ref text not null,
  written jsonb not null,
  attrs jsonb not null,
  flags jsonb not null default '[]',
  primary key (exchange_id, line)
);

-- Groups of rows suspected to be one person, with the evidence and the decision (merge: plan with
-- `keep_ref` only; keep_both: they are different persons).
create table exchange_duplicates (
  exchange_id uuid not null references exchanges (id),
  group_key text not null,
  refs jsonb not null,
  evidence jsonb not null,
  decision text check (decision in ('merge', 'keep_both')),
  keep_ref text,
  decided_by text,
  decided_at timestamptz,
  primary key (exchange_id, group_key)
);

-- A substitution exists only where the operator paired two persons or the other side's list said
-- so: `out_ref` of the round before replaced by `in_ref` of round `n`.
create table exchange_pairings (
  exchange_id uuid not null references exchanges (id),
  n integer not null,
  side text not null check (side in ('give', 'receive')),
  out_ref text not null,
  in_ref text not null,
  source text not null check (source in ('operator', 'list')),
  created_by text not null,
  created_at timestamptz not null default now(),
  primary key (exchange_id, n, side, out_ref)
);

-- Agreeing despite a breach of the terms needs a reason; the breaches then are kept with it.
alter table exchanges add column agreed_reason text;
alter table exchanges add column agreed_breaches jsonb;
