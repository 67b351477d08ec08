-- Exchanges: the terms agreed with the other side, the pools, each round's lists, and the handover.
create table exchanges (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  counterpart text not null,
  mediator text,
  venue text,
  status text not null default 'draft'
    check (status in ('draft', 'proposed', 'agreed', 'executing', 'done', 'cancelled')),
  terms jsonb not null,
  stages jsonb not null default '[]',
  created_by text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- The pools as this exchange sees them: for `receive`, our persons the other side holds, imported
-- for the exchange; for `give`, what is known about persons we hold beyond the register (consent,
-- refusal, proceedings, named requests, travel groups).
create table exchange_pool (
  exchange_id uuid not null references exchanges (id),
  side text not null check (side in ('give', 'receive')),
  ref text not null,
  attrs jsonb not null,
  primary key (exchange_id, side, ref)
);

-- Each round's two lists: our proposal (with the planner's reasons) or their counter-list.
create table exchange_rounds (
  exchange_id uuid not null references exchanges (id),
  n integer not null,
  kind text not null check (kind in ('proposal', 'counter')),
  give jsonb not null,
  receive jsonb not null,
  detail jsonb not null default '{}',
  created_by text not null,
  created_at timestamptz not null default now(),
  primary key (exchange_id, n)
);

-- The day of the swap: each person of the agreed lists, their stage, and what happened.
create table exchange_handover (
  exchange_id uuid not null references exchanges (id),
  side text not null check (side in ('give', 'receive')),
  ref text not null,
  stage integer not null,
  outcome text not null default 'pending'
    check (outcome in ('pending', 'crossed', 'no_show', 'refused', 'substituted')),
  substitute_ref text,
  updated_by text,
  updated_at timestamptz,
  primary key (exchange_id, side, ref)
);
