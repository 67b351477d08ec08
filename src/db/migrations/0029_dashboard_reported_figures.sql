-- The overview (issue 18): figures that others state in public, kept with their source and the
-- analyst's assessment, so the dashboard shows them beside what we have confirmed by name; and the
-- indexes that let the dashboard's aggregates read a million persons in one pass.

create table reported_figures (
  id uuid primary key default gen_random_uuid(),
  -- the question the claim answers, the same one the dashboard answers from our registers
  question text not null check (question in ('held_by_us', 'captured_by_us', 'died_in_our_custody',
    'exchanged_by_us', 'ours_held_by_them', 'ours_missing', 'ours_killed', 'ours_returned')),
  claimed text not null,
  low integer check (low is null or low >= 0),
  high integer check (high is null or high >= 0),
  source text not null,
  channel text,
  link text,
  document text,
  claimed_on date not null,
  about_date date,
  assessment text not null default 'unverified'
    check (assessment in ('unverified', 'corroborated', 'disputed', 'refuted')),
  note text,
  created_by text not null,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  version integer not null default 1,
  check (low is null or high is null or low <= high),
  check (low is not null or high is not null)
);
comment on table reported_figures is 'What a source claimed in public (how many of whom held, captured, killed, exchanged), when and about which date, with the analyst''s assessment; shown beside our confirmed figure';
create index reported_figures_question_idx on reported_figures (question, claimed_on desc);

-- The dashboard's one pass over persons held now reads only this index (status, category,
-- facility, health and sex of the confirmed), never the wide rows.
create index persons_dashboard_idx on persons (status, category, facility_id, health, sex)
  where confirmation = 'confirmed';
-- The missing-persons register by month: what became known when.
create index missing_events_month_idx on missing_events (type, occurred_on);
