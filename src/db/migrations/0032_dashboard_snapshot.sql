-- The overview's figures as last computed (issue 18). Computing them reads every person (seconds at
-- a million), so readers are answered from this row and a refresh runs in the background; the row
-- survives a restart and is shared by every server on the database. It holds aggregates only,
-- never a person, and is always a whole computation made in one snapshot of the database: a crash
-- mid-refresh leaves the previous one.
create table dashboard_snapshot (
  only_row boolean primary key default true check (only_row),
  computed_at timestamptz not null,
  figures jsonb not null
);
comment on table dashboard_snapshot is 'The dashboard''s figures as last computed in one snapshot, with the time; refreshed in the background';

-- The exchange fund's figure reads each person's latest consent, refusal and proceedings event:
-- only those rows, through this index, instead of every captured event.
create index if not exists person_events_facts_idx on person_events (person_id, occurred_on desc, seq desc, type)
  where type in ('consent_given', 'consent_withdrawn', 'refused_repatriation', 'proceedings_opened', 'proceedings_closed');
