import { sql } from 'kysely'
import type { Db } from '../db/connection'

/** The job kind of the automatic search (src/enquiries/research.ts). */
export const RESEARCH_JOB = 'enquiries.research'

/**
 * The audit actions after which an open enquiry may have new candidates: a list stored, a person
 * registered, imported or corrected in the custody register, a record registered, imported, added
 * to or merged in the missing register, a reconciliation's pairs accepted (the candidate's status
 * changes). Reads, the searches themselves and job bookkeeping are not among them, so a search
 * never sets off another.
 */
export const RESEARCH_ACTIONS = [
  'lists.import',
  'person.register',
  'person.amend',
  'persons.import',
  'missing.register',
  'missing.import',
  'missing.report.add',
  'missing.merge',
  'missing.unmerge',
  'reconciliation.pair.accepted',
  'reconciliation.bulk_accept',
] as const

const relevant = sql`action in (${sql.join(RESEARCH_ACTIONS.map((a) => sql`${a}`))})`

// One submitter at a time decides whether a search is queued already (several servers may look).
const RESEARCH_LOCK = 728_100_015

/**
 * The audit trail is where every committed change says what it was, in commit order (its chain
 * lock): reading it after `afterSeq` misses no change and sees none that was rolled back. Read here
 * rather than through src/audit because only these two aggregate questions are asked of it.
 */
export async function changesAfter(db: Db, afterSeq: number): Promise<{ head: number; relevant: number }> {
  const r = await sql<{ head: string | null; relevant: string }>`
    select max(seq) as head, count(*) filter (where ${relevant}) as relevant
    from audit_log where seq > ${afterSeq}`.execute(db)
  const row = r.rows[0]
  return { head: row?.head == null ? afterSeq : Number(row.head), relevant: Number(row?.relevant ?? 0) }
}

export type Trigger = { action: string; by: string; count: number; last: string }

/** Who changed what between two points of the trail, newest first: what set a search off. */
export async function triggersBetween(db: Db, afterSeq: number, throughSeq: number): Promise<Trigger[]> {
  const r = await sql<{ action: string; by: string; n: string; last: Date | string }>`
    select action, actor_name as by, count(*) as n, max(at) as last
    from audit_log where seq > ${afterSeq} and seq <= ${throughSeq} and ${relevant}
    group by action, actor_name order by max(seq) desc limit 20`.execute(db)
  return r.rows.map((t) => ({
    action: t.action,
    by: t.by,
    count: Number(t.n),
    last: new Date(t.last).toISOString(),
  }))
}

/**
 * How far the trail is covered: the furthest point a search was asked for that did not fail or
 * get cancelled (a queued or running one will cover it).
 */
export async function coveredThrough(db: Db): Promise<number> {
  const r = await sql<{ seq: string | null }>`
    select max((input->>'throughSeq')::bigint) as seq from jobs
    where kind = ${RESEARCH_JOB} and status in ('queued', 'running', 'done')`.execute(db)
  return Number(r.rows[0]?.seq ?? 0)
}

/** Where the last finished search reached (its result): the changes after it set this one off. */
export async function searchedThrough(db: Db, exceptJob: string): Promise<number> {
  const r = await sql<{ seq: string | null }>`
    select max((result->>'throughSeq')::bigint) as seq from jobs
    where kind = ${RESEARCH_JOB} and status = 'done' and id <> ${exceptJob}::uuid`.execute(db)
  return Number(r.rows[0]?.seq ?? 0)
}

export async function auditHead(db: Db): Promise<number> {
  const r = await sql<{ seq: string | null }>`select max(seq) as seq from audit_log`.execute(db)
  return Number(r.rows[0]?.seq ?? 0)
}

/**
 * Inside the transaction that stores a new search job: whether another search waits in the queue
 * already (then the new one is not needed: the waiting one will see every change when it starts).
 */
export async function anotherQueued(tx: Db, jobId: string): Promise<boolean> {
  await sql`select pg_advisory_xact_lock(${RESEARCH_LOCK})`.execute(tx)
  const r = await sql<{ id: string }>`
    select id from jobs where kind = ${RESEARCH_JOB} and status = 'queued' and id <> ${jobId}::uuid
    limit 1`.execute(tx)
  return r.rows.length > 0
}
