-- Issue 18: the overview reads the register without reading a million persons' events.
--
-- 1. The exchange facts and the day of capture join the state columns cached on the person row
--    (status, facility, health...): written with every event in the same transaction
--    (cachedStateColumns), rebuildable from the history (`parley check state`). The dashboard's
--    fund and time held read them instead of folding person_events per person.
alter table persons
  add column captured_on date,
  add column consent_given boolean not null default false,
  add column refused_repatriation boolean not null default false,
  add column proceedings_open boolean not null default false;
comment on column persons.captured_on is 'Cached from the events: the day of the first capture';
comment on column persons.consent_given is 'Cached from the events: the latest word is a consent to repatriation';
comment on column persons.refused_repatriation is 'Cached from the events: the latest word is a refusal of repatriation (GC III Art. 109)';
comment on column persons.proceedings_open is 'Cached from the events: criminal proceedings opened and not closed (Art. 115)';

-- the same reading as factsOf and the state fold: the latest event of each kind set counts
with f as (
  select person_id,
    min(occurred_on) filter (where type = 'captured') as captured_on,
    (array_agg(type order by occurred_on desc, seq desc)
      filter (where type in ('consent_given', 'consent_withdrawn', 'refused_repatriation')))[1] as c,
    (array_agg(type order by occurred_on desc, seq desc)
      filter (where type in ('consent_given', 'refused_repatriation')))[1] as r,
    (array_agg(type order by occurred_on desc, seq desc)
      filter (where type in ('proceedings_opened', 'proceedings_closed')))[1] as p
  from person_events
  where type in ('captured', 'consent_given', 'consent_withdrawn', 'refused_repatriation',
    'proceedings_opened', 'proceedings_closed')
  group by person_id
)
update persons set
  captured_on = f.captured_on,
  consent_given = coalesce(f.c = 'consent_given', false),
  refused_repatriation = coalesce(f.r = 'refused_repatriation', false),
  proceedings_open = coalesce(f.p = 'proceedings_opened', false)
from f where f.person_id = persons.id;
-- every person row was rewritten: vacuumed once committed (src/db/migrate.ts)
-- parley:vacuum persons

-- 2. The register's counts a dashboard computation was drawn from: persons held by day of capture,
--    priority class and facts; confirmed registrations per day; the breakdowns. Kept beside the
--    figures so a request narrowed to dates is answered from them in milliseconds. Aggregates only,
--    never a person. Null in a row stored before this migration: the next reader computes again.
alter table dashboard_snapshot add column cube jsonb;
comment on column dashboard_snapshot.cube is 'The register''s counts behind the figures (held by capture day, priority and facts; registrations per day)';
