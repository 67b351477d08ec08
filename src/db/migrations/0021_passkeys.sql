-- Passkeys (WebAuthn) as a second factor beside TOTP. Each row is one authenticator a user
-- registered: its credential id and public key as the authenticator gave them, and its signature
-- counter, which must grow with every use so that a cloned authenticator (or a replayed assertion)
-- is refused. better-auth 1.7 has no passkey support of its own (docs/decisions.md, C2 and B).
create table auth_passkeys (
  id text primary key,
  user_id text not null references "user" ("id") on delete cascade,
  public_key text not null,
  counter bigint not null default 0,
  transports text not null default '',
  name text not null,
  created_at timestamptz not null,
  last_used_at timestamptz
);
create index auth_passkeys_user on auth_passkeys (user_id);
comment on table auth_passkeys is 'Passkeys (WebAuthn credentials) registered as a second factor; the user''s twoFactorEnabled is true while one exists';
comment on column auth_passkeys.id is 'Credential id (base64url), as the authenticator made it';
comment on column auth_passkeys.public_key is 'COSE public key (base64url); the private key never leaves the authenticator';
comment on column auth_passkeys.counter is 'Last signature counter seen; an assertion whose counter does not exceed it is refused';
comment on column auth_passkeys.transports is 'Comma-separated transports the authenticator reported (usb, internal, hybrid...), passed back as hints';

-- The challenge of a ceremony in progress, one per user and purpose, spent by its first answer.
create table auth_passkey_challenges (
  user_id text not null references "user" ("id") on delete cascade,
  purpose text not null check (purpose in ('register', 'sign_in')),
  challenge text not null,
  rp_id text not null,
  origin text not null,
  expires_at timestamptz not null,
  primary key (user_id, purpose)
);
comment on table auth_passkey_challenges is 'WebAuthn challenges issued and not yet answered; deleted when answered, right or wrong';
