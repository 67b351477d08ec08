-- What the bureau owes the ICRC (issue 16): notices raised by custody events in the same
-- transaction, the batches they are sent in, and the persons whose information may not go to the
-- Power (GC IV Art. 137).

create table notice_batches (
  id uuid primary key default gen_random_uuid(),
  number bigint generated always as identity unique,
  recipient text not null check (recipient in ('agency', 'power')),
  state text not null check (state in ('prepared', 'sent', 'acknowledged')),
  prepared_by text not null,
  prepared_at timestamptz not null,
  sent_by text,
  sent_at timestamptz,
  sent_how text,
  sent_reference text,
  acknowledged_by text,
  acknowledged_at timestamptz,
  acknowledgement text
);
comment on table notice_batches is 'Notices sent together to one recipient: prepared, then sent (how, when, reference), then acknowledged';

create table notices (
  id uuid primary key default gen_random_uuid(),
  number bigint generated always as identity unique,
  person_id uuid not null references persons (id),
  kind text not null,
  convention text not null,
  article text not null,
  recipient text not null check (recipient in ('agency', 'power')),
  event_seq integer not null,
  event_type text not null,
  occurred_on date not null,
  due_on date not null,
  state text not null check (state in ('due', 'prepared', 'sent', 'acknowledged', 'superseded')),
  withheld_from_power boolean not null default false,
  batch_id uuid references notice_batches (id),
  supersedes uuid references notices (id),
  created_at timestamptz not null,
  updated_at timestamptz not null
);
comment on table notices is 'One notification owed under the Conventions (rules in src/notices/rules.ts), raised by the custody event (person_id, event_seq)';
create index notices_open_idx on notices (due_on, id) where state in ('due', 'prepared');
create index notices_state_idx on notices (state, due_on, id);
create index notices_person_idx on notices (person_id, number);
create index notices_batch_idx on notices (batch_id, number);

create table notice_withholdings (
  person_id uuid primary key references persons (id),
  reason text not null,
  marked_by text not null,
  marked_at timestamptz not null
);
comment on table notice_withholdings is 'GC IV Art. 137: transmission might harm the person or relatives; notices go to the Central Agency only, flagged';
