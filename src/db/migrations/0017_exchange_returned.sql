-- Our people who came home in an exchange (the receive side), kept as such: who they are as our
-- sought list names them (ref is the row of that list), the stage they crossed in, and whom they
-- replaced when they crossed instead of another. The missing-persons register will read them.
create table exchange_returned (
  exchange_id uuid not null references exchanges (id),
  ref text not null,
  stage integer not null,
  replaced_ref text,
  surname text not null,
  first_names text,
  date_of_birth text,
  service_number text,
  returned_on date not null,
  recorded_by text not null,
  recorded_at timestamptz not null default now(),
  primary key (exchange_id, ref)
);
comment on table exchange_returned is 'Our persons who came home in an exchange, with their row of the sought list (ref) and whom they replaced';

-- Every exchange reads the person facts (consent, Art. 109 refusal, proceedings) of all persons held.
create index person_events_facts_idx on person_events (person_id, occurred_on, seq)
  where type in ('consent_given', 'consent_withdrawn', 'refused_repatriation', 'proceedings_opened', 'proceedings_closed');
create index person_events_captured_idx on person_events (person_id, occurred_on) where type = 'captured';
