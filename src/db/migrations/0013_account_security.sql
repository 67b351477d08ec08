-- Account security that better-auth does not keep: per-account sign-in failures (keyed by the
-- username as typed, known or not, so that the answer never tells the two apart), the state of an
-- account after an admin's reset (a one-time password to change, a one-time enrolment code for a
-- second factor), and the last TOTP time step each user has spent, so that a code works once.
create table auth_sign_in_failures (
  username text primary key,
  failures integer not null,
  locked_until timestamptz,
  last_failure_at timestamptz not null
);
comment on table auth_sign_in_failures is 'Failed sign-ins per username across all addresses; a row past its lock is cleared by the next success or an admin unlock';

create table auth_account_state (
  user_id text primary key references "user" ("id") on delete cascade,
  must_change_password boolean not null default false,
  enrolment_code_hash text,
  enrolment_code_expires_at timestamptz
);
comment on table auth_account_state is 'One-time password and second-factor enrolment code state after an admin reset';

create table auth_totp_last_step (
  user_id text primary key references "user" ("id") on delete cascade,
  step bigint not null
);
comment on table auth_totp_last_step is 'The last TOTP time step accepted for each user: a code of that step or an earlier one is refused (RFC 6238 section 5.2)';
