-- Family enquiries (issue 15): who asks about which of our missing people, by what channel, with
-- what consent; the candidates the name engine found for the sought person with their evidence and
-- the tracer's decision on each; replies drafted and sent; follow-ups with due dates.
create table enquiries (
  id uuid primary key default gen_random_uuid(),
  number bigint generated always as identity unique,
  missing_person_id uuid not null references missing_persons (id),
  channel text not null check (channel in ('phone', 'letter', 'in_person', 'email')),
  enquirer_name text not null,
  enquirer_relation text,
  enquirer_contact text,
  enquirer_language text not null check (enquirer_language in ('uk', 'en', 'ru')),
  consent_use boolean not null default false,
  consent_share_icrc boolean not null default false,
  consent_share_other_side boolean not null default false,
  consent_share_public boolean not null default false,
  consent_given_on date,
  received_on date not null,
  note text,
  state text not null default 'open' check (state in ('open', 'closed')),
  answered_on date,
  closed_on date,
  closed_reason text,
  -- when the sought person was last searched against the registers and lists: candidates are stale
  -- when a list or a register changed after it
  searched_at timestamptz,
  created_by text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1
);
create index enquiries_open_idx on enquiries (state, received_on, id);
create index enquiries_missing_idx on enquiries (missing_person_id, number);
comment on table enquiries is 'Family enquiries about our missing people (issue 15), each with its channel, the enquirer and their consent';

create table enquiry_candidates (
  enquiry_id uuid not null references enquiries (id),
  -- custody: a person we hold; missing: another record of the missing register; list: a row of a stored list
  source text not null check (source in ('custody', 'missing', 'list')),
  ref text not null,
  label text not null,
  born text,
  detail text,
  probability double precision not null,
  weight double precision not null,
  evidence jsonb not null,
  decision text not null default 'pending' check (decision in ('pending', 'confirmed', 'rejected')),
  decided_by text,
  decided_at timestamptz,
  decision_note text,
  found_at timestamptz not null,
  primary key (enquiry_id, source, ref)
);
comment on table enquiry_candidates is 'Who the name engine found alike to the sought person of an enquiry, with the evidence of each field, and the tracer''s decision';

create table enquiry_replies (
  enquiry_id uuid not null references enquiries (id),
  seq integer not null,
  language text not null check (language in ('uk', 'en', 'ru')),
  body text not null,
  -- what the draft left out because the consent or the drafter's role did not allow it
  withheld jsonb not null default '[]',
  drafted_by text not null,
  drafted_at timestamptz not null,
  updated_at timestamptz not null,
  sent_how text check (sent_how in ('phone', 'letter', 'in_person', 'email')),
  sent_on date,
  sent_by text,
  primary key (enquiry_id, seq)
);
comment on table enquiry_replies is 'Replies to an enquiry: drafted from templates in the enquirer''s language, editable until sent';

create table enquiry_follow_ups (
  enquiry_id uuid not null references enquiries (id),
  seq integer not null,
  due_on date not null,
  what text not null,
  done_on date,
  created_by text not null,
  created_at timestamptz not null default now(),
  done_by text,
  primary key (enquiry_id, seq)
);
create index enquiry_follow_ups_due_idx on enquiry_follow_ups (due_on) where done_on is null;
comment on table enquiry_follow_ups is 'What a tracer must do next on an enquiry, and by when';
