-- The missing-persons register's filters, and its histories kept append-only like person_events.
create index missing_persons_surname_idx on missing_persons (lower(surname), lower(first_names), id);
create index missing_persons_status_idx on missing_persons (status, id);
create index missing_persons_unit_idx on missing_persons (lower(unit), id);
create index missing_persons_region_idx on missing_persons (lower(region), id);
create index missing_persons_last_seen_idx on missing_persons (last_seen_on, id);
create index missing_reports_person_idx on missing_reports (missing_person_id, seq);
create index missing_reports_source_idx on missing_reports (lower(source), missing_person_id);

create trigger missing_events_no_change before update or delete on missing_events
  for each row execute function parley_forbid_change();
create trigger missing_events_no_truncate before truncate on missing_events
  for each statement execute function parley_forbid_change();

do $$
begin
  if exists (select from pg_roles where rolname = 'parley_app') then
    revoke update, delete, truncate on missing_events from parley_app;
  end if;
end $$;
