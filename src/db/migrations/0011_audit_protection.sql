-- The audit trail and the event histories cannot be emptied, and the application's own database
-- role cannot rewrite them: the tables belong to the role that runs the migrations, and
-- parley_app (the role the server connects as when PARLEY_MIGRATION_DATABASE_URL is set) gets only
-- what it needs, with no UPDATE, DELETE or TRUNCATE on audit_log.

-- TRUNCATE fires no row trigger: a statement trigger refuses it (on PGlite too).
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function parley_forbid_change();
create trigger person_events_no_truncate before truncate on person_events
  for each statement execute function parley_forbid_change();

-- Roles belong to the whole server: another database on it may have made this one already,
-- perhaps at this very moment.
do $$
begin
  if not exists (select from pg_roles where rolname = 'parley_app') then
    begin
      create role parley_app login;
    exception when duplicate_object or unique_violation then null;
    end;
  end if;
end $$;
comment on role parley_app is 'Parley application role: reads and writes the register, appends to the audit trail, owns nothing';

grant usage on schema public to parley_app;
grant select, insert, update, delete on all tables in schema public to parley_app;
grant usage, select on all sequences in schema public to parley_app;
revoke update, delete, truncate on audit_log from parley_app;
revoke update, delete, truncate on person_events from parley_app;
revoke insert, update, delete, truncate on schema_migrations from parley_app;
-- tables later migrations make (as this same owner) get the same grants
alter default privileges in schema public grant select, insert, update, delete on tables to parley_app;
alter default privileges in schema public grant usage, select on sequences to parley_app;
