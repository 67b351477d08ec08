-- Session tokens are kept only as their SHA-256 (hex): better-auth's adapter is wrapped so that it
-- writes and looks up the hash (src/auth/hashed-sessions.ts), and a reader of this table cannot
-- sign in with what it reads. The sessions open before this migration are hashed in place, so
-- their users stay signed in.
update "session" set "token" = encode(sha256(convert_to("token", 'UTF8')), 'hex');
comment on column "session"."token" is 'SHA-256 (hex) of the session token in the cookie; the token itself is not stored';
