-- A reconciliation run's state lives in its job (same id) since reconciliation became a job kind
-- (0028, issue 17). The run's own state columns of 0026 were read only for runs older than that,
-- which have no job row: those runs get one, carrying their state, and the columns go. A run left
-- queued or running by an old server never finishes now (nothing runs it), so its job says so.
insert into jobs (id, kind, input, owner_id, owner_name, status, stage, done, total, error,
                  attempts, cancel_requested_at, cancelled_by, created_at, started_at, finished_at)
select r.id,
       'reconciliation',
       jsonb_build_object('listId', r.list_id, 'against', r.against, 'threshold', r.threshold),
       r.created_by,
       coalesce(u.name, r.created_by),
       case when r.status in ('queued', 'running') then 'failed' else r.status end,
       r.stage,
       r.done,
       r.total,
       case when r.status in ('queued', 'running')
            then 'cut short by a server stopped before reconciliations ran as jobs: start it again'
            else r.error end,
       case when r.started_at is null then 0 else 1 end,
       case when r.cancel_requested then coalesce(r.finished_at, r.created_at) end,
       null,
       r.created_at,
       r.started_at,
       case when r.status in ('queued', 'running') then coalesce(r.finished_at, now()) else r.finished_at end
from reconciliations r
left join "user" u on u.id = r.created_by
where not exists (select 1 from jobs j where j.id = r.id);

alter table reconciliations
  drop column status,
  drop column stage,
  drop column done,
  drop column total,
  drop column cancel_requested,
  drop column error,
  drop column started_at,
  drop column finished_at;
