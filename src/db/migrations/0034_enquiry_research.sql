-- Issue 15: open enquiries are searched again by themselves after a list or a register changed
-- (job kind enquiries.research). A candidate keeps when it was first found and whether a tracer's
-- own search or the automatic one found it: the automatic one's undecided finds are "new" to the
-- tracer until decided.
alter table enquiry_candidates add column first_found_at timestamptz;
update enquiry_candidates set first_found_at = found_at;
alter table enquiry_candidates alter column first_found_at set not null;
alter table enquiry_candidates add column found_by text not null default 'search'
  check (found_by in ('search', 'research'));
comment on column enquiry_candidates.found_by is 'search: at intake or a tracer''s "search again"; research: the automatic search after a list or register changed';
