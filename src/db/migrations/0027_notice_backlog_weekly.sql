-- Notices, issue 16's loose ends: a backlog recorded as already sent, and weekly health bulletins.

-- A batch that records notices sent before Parley (an import of historical persons raises every
-- notice they ever owed): not a sending, so the dashboard's time to send leaves it out.
alter table notice_batches add column backlog boolean not null default false;
comment on column notice_batches.backlog is 'Notices recorded as sent before Parley (one liaison action), not a batch sent from Parley';

-- A weekly health bulletin (GC III Art. 122, GC IV Art. 138) is one per person and week start:
-- two servers running the weekly pass at once cannot owe the same week twice.
create unique index notices_weekly_once on notices (person_id, occurred_on)
  where kind = 'health_report' and event_type = 'weekly' and state <> 'superseded';

-- the backlog is chosen by the date of the event that raised each notice
create index notices_due_occurred_idx on notices (occurred_on, id) where state = 'due';
