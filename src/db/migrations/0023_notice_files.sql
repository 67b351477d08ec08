-- Everything sent is kept as sent (issue 16): each export of a batch, byte for byte, with its
-- sha256 and signature; the ones made before the batch was marked sent are what was sent.

create table notice_batch_files (
  id uuid primary key default gen_random_uuid(),
  batch_id uuid not null references notice_batches (id),
  format text not null check (format in ('csv', 'json', 'xlsx')),
  file_name text not null,
  bytes bytea not null,
  sha256 text not null,
  signature jsonb not null,
  exported_by text not null,
  exported_at timestamptz not null,
  sent boolean not null default false
);
comment on table notice_batch_files is 'A batch export kept byte for byte with its sha256 and Ed25519 signature; sent: it was made before the batch was marked sent';
create index notice_batch_files_batch_idx on notice_batch_files (batch_id, exported_at);
