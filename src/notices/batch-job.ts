import { sql } from 'kysely'
import { z } from 'zod'
import type { Actor } from '../auth/actor'
import { ROLES } from '../auth/roles'
import type { Db } from '../db/connection'
import { defineJobKind } from '../jobs/kind'
import type { JobService } from '../jobs/service'
import { readSetting } from '../settings/store'
import { type BatchRequest, checkNamed, dueTo, noneDue, stillDue, writeBatch } from './batch'
import { RECIPIENTS } from './rules'

/** The job kind a large batch of notices is prepared as. */
export const NOTICES_BATCH_JOB = 'notices.batch'

/**
 * Batches of more notices than this are prepared by a worker as a job (the answer is 202 and the
 * job's id); smaller ones while the liaison waits, as before. The same bound as a list import's: a
 * register brought in with months of custody owes its notices in the tens of thousands, and their
 * batch (one audit entry naming every notice and person) takes long enough to want a progress bar.
 * Settings key notices.batchAsJobOver lowers it (tests, a slow server).
 */
export const BATCH_AS_JOB_NOTICES = 5_000

/** Notices read and checked per slice; the job's stop signal is looked at between slices. */
const SLICE = 1_000

const BatchJobInput = z.object({
  recipient: z.enum(RECIPIENTS),
  noticeIds: z.array(z.uuid()).optional(),
  /** the submitter's role when submitting: the permission was checked then */
  role: z.enum(ROLES),
})

export type PreparedOrQueued<B> = { batch: B } | { jobId: string }

export type BatchJobSummary = { batchId: string; number: number; recipient: string; count: number }

async function threshold(db: Db) {
  const v = await readSetting(db, 'notices.batchAsJobOver')
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : BATCH_AS_JOB_NOTICES
}

/**
 * Registers the batch as a job kind and answers the liaison's "prepare": at once for a small batch,
 * as a job for a large one. The job reads and checks the notices in slices (progress, cancel), and
 * writes the batch in its outcome's save, in the transaction that marks the job done: a cancelled
 * job or a killed worker leaves no batch, never half of one.
 */
export function createBatchJobs<B>(deps: {
  db: Db
  jobs: JobService
  prepareBatch: (actor: Actor, input: BatchRequest) => Promise<B>
}) {
  const { db, jobs } = deps
  jobs.register(
    defineJobKind({
      name: NOTICES_BATCH_JOB,
      input: BatchJobInput,
      async run(ctx, input) {
        const actor: Actor = { ...ctx.owner, role: input.role }
        const named = input.noticeIds && input.noticeIds.length > 0 ? input.noticeIds : undefined
        let ids: string[] = []
        if (named) {
          for (let i = 0; i < named.length; i += SLICE) {
            ctx.signal.throwIfAborted()
            ids.push(...(await checkNamed(ctx.db, input.recipient, named.slice(i, i + SLICE), { offset: i })))
            ctx.progress('checking notices', Math.min(i + SLICE, named.length), named.length)
          }
        } else {
          ids = await chooseDue(ctx.db, input.recipient, ctx.signal, (done, total) =>
            ctx.progress('choosing notices', done, total),
          )
          if (ids.length === 0) throw noneDue(input.recipient)
        }
        ctx.signal.throwIfAborted()
        // filled by save, which runs before the runner stores the summary with the job
        const summary: BatchJobSummary = { batchId: '', number: 0, recipient: input.recipient, count: 0 }
        return {
          summary,
          async save(tx) {
            const now = ctx.clock()
            // named: the whole batch is refused if one of them was taken meanwhile, as a request is
            const chosen = named
              ? await checkNamed(tx, input.recipient, named, { forUpdate: true })
              : await stillDue(tx, input.recipient, ids)
            if (chosen.length === 0) throw noneDue(input.recipient)
            const out = await writeBatch(tx, actor, input.recipient, chosen, now, { job: ctx.id })
            await ctx.audit.appendAudit(tx, [out.audit], now)
            Object.assign(summary, {
              batchId: out.batch.id,
              number: Number(out.batch.number),
              count: out.count,
            })
          },
        }
      },
    }),
  )

  return {
    /**
     * Prepares the batch now, or queues it as a job when it would hold many notices.
     * @throws ValidationError as prepareBatch does (named notices are checked before queueing)
     */
    async prepareOrQueue(actor: Actor, input: BatchRequest): Promise<PreparedOrQueued<B>> {
      const named = input.noticeIds && input.noticeIds.length > 0 ? input.noticeIds : undefined
      const size = named ? named.length : await countDue(db, input)
      if (size <= (await threshold(db))) return { batch: await deps.prepareBatch(actor, input) }
      if (named) await checkNamed(db, input.recipient, named)
      const jobId = await jobs.submit(actor, NOTICES_BATCH_JOB, { ...input, role: actor.role })
      return { jobId }
    },
  }
}

async function countDue(db: Db, input: BatchRequest) {
  const r = await db
    .selectFrom(dueTo(db, input.recipient).clearOrderBy().as('d'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(r.n)
}

/** Every notice due to the recipient, earliest deadline first, read a slice at a time. */
async function chooseDue(
  db: Db,
  recipient: BatchRequest['recipient'],
  signal: AbortSignal,
  progress: (done: number, total: number) => void,
) {
  const total = await countDue(db, { recipient })
  const ids: string[] = []
  let after: { due_on: string; number: number } | undefined
  for (;;) {
    signal.throwIfAborted()
    let q = dueTo(db, recipient)
    if (after) q = q.where(sql<boolean>`(due_on, number) > (${after.due_on}::date, ${after.number})`)
    const rows = await q.limit(SLICE).execute()
    ids.push(...rows.map((r) => r.id))
    progress(Math.min(ids.length, total), Math.max(total, ids.length))
    if (rows.length < SLICE) return ids
    const last = rows.at(-1)!
    after = { due_on: String(last.due_on), number: Number(last.number) }
  }
}
