-- Long work (linkage, dedupe, reconciliation...) as jobs: one row per job, readable from every
-- server. On PostgreSQL the queue itself is pg-boss (schema pgboss); this table is what users see
-- and the fence a worker must hold to write a result: status, progress, owner, inputs, attempts,
-- the lease the running worker renews, and who cancelled.
create table jobs (
  id uuid primary key default gen_random_uuid(),
  kind text not null,
  input jsonb not null,
  owner_id text not null,
  owner_name text not null,
  status text not null check (status in ('queued', 'running', 'done', 'failed', 'cancelled')),
  stage text,
  done integer not null default 0,
  total integer not null default 0,
  result jsonb,
  error text,
  attempts integer not null default 0,
  max_attempts integer not null default 3,
  worker text,
  lease_until timestamptz,
  queue_ref text,
  cancel_requested_at timestamptz,
  cancelled_by text,
  created_at timestamptz not null default now(),
  started_at timestamptz,
  finished_at timestamptz
);
comment on table jobs is 'Long work and its state; a worker writes only while it holds the lease (worker, attempts)';
comment on column jobs.lease_until is 'The running worker renews this; past it, the job is taken up again (a worker killed mid-job)';
comment on column jobs.queue_ref is 'The pg-boss job that carries this job on PostgreSQL (null on the embedded database)';
create index jobs_queued on jobs (created_at) where status = 'queued';
create index jobs_running on jobs (lease_until) where status = 'running';
create index jobs_newest on jobs (created_at desc);

-- A linkage job's state moves to jobs (same id); linkage_jobs keeps its inputs and results.
-- Jobs a stopped server left unfinished were marked failed at the next start until now: say so.
insert into jobs (id, kind, input, owner_id, owner_name, status, stage, done, total, error,
                  attempts, created_at, started_at, finished_at)
select id, 'linkage',
       jsonb_build_object('kind', kind, 'left', left_source, 'right', right_source,
                          'threshold', threshold, 'oneToOne', one_to_one),
       created_by, created_by,
       case when status in ('queued', 'running') then 'failed' else status end,
       stage, done, total,
       case when status in ('queued', 'running') then 'the server stopped while this job ran; start it again'
            else error end,
       case when started_at is null then 0 else 1 end,
       created_at, started_at,
       case when status in ('queued', 'running') then coalesce(finished_at, now()) else finished_at end
from linkage_jobs;

alter table linkage_jobs
  drop column status,
  drop column stage,
  drop column done,
  drop column total,
  drop column error,
  drop column started_at,
  drop column finished_at;
alter table linkage_jobs add constraint linkage_jobs_job foreign key (id) references jobs (id);
