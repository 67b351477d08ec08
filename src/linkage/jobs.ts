import { z } from 'zod'
import type { appendAudit } from '../audit/store'
import type { Actor } from '../auth/actor'
import type { Clock } from '../core/clock'
import { DomainError, notFound, ValidationError } from '../core/errors'
import type { Db } from '../db/connection'
import { defineJobKind } from '../jobs/kind'
import type { JobService } from '../jobs/service'
import * as lists from '../lists/store'
import { DEFAULT_THRESHOLD, dedupe, explainPair, type LinkResult, link } from './engine'
import * as store from './jobs-store'
import type { LinkRecord } from './record'

const Source = z
  .string()
  .regex(
    /^(register|list:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/,
    'use "register" or "list:" followed by a stored list\'s id',
  )

export const StartLinkageJob = z
  .object({
    kind: z.enum(['link', 'dedupe']),
    left: Source.describe('what to link or deduplicate: "register" or "list:ID"'),
    right: Source.optional().describe('for link: what to find the left records in'),
    threshold: z.number().gt(0).lt(1).default(DEFAULT_THRESHOLD),
    oneToOne: z.boolean().default(false),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'link' && !v.right)
      ctx.addIssue({ code: 'custom', path: ['right'], message: 'a link job needs a right side' })
    if (v.kind === 'dedupe' && v.right)
      ctx.addIssue({ code: 'custom', path: ['right'], message: 'a dedupe job has one side only' })
  })
export type StartLinkageJob = z.infer<typeof StartLinkageJob>

/** The job kind linkage runs as (see src/jobs). */
export const LINKAGE_JOB = 'linkage'

/** Each job uses every core of a worker for seconds to minutes: twenty waiting is a night's work for several workers, more is a mistake or an attack. */
export const MAX_QUEUED_JOBS = 20

export type LinkageJobService = ReturnType<typeof createLinkageJobService>

/**
 * Linkage as a job: stored registers and lists in, scored pairs with their evidence out. The job
 * runs wherever a worker takes it (src/jobs); its state and progress are the jobs table's, read
 * by every instance, and its pairs are written with the "done" in one transaction.
 */
export function createLinkageJobService(deps: {
  db: Db
  audit: { appendAudit: typeof appendAudit }
  clock: Clock
  jobs: JobService
  threads?: number
  /** linkage jobs waiting or running (on every instance) at most; one more is refused, not queued for ever */
  maxQueued?: number
}) {
  const { db, audit, clock, jobs } = deps
  const maxQueued = deps.maxQueued ?? MAX_QUEUED_JOBS

  async function recordsOf(source: string): Promise<LinkRecord[]> {
    if (source === 'register') return store.registerRecords(db)
    const id = source.slice('list:'.length)
    if (!(await lists.getList(db, id)))
      throw new DomainError('NOT_FOUND', `the stored list ${id} is no longer there`)
    return lists.listRecords(db, id)
  }

  jobs.register(
    defineJobKind({
      name: LINKAGE_JOB,
      input: StartLinkageJob,
      async run(ctx, input) {
        ctx.progress('reading', 0, 1)
        const left = await recordsOf(input.left)
        ctx.signal.throwIfAborted()
        const options = {
          threshold: input.threshold,
          oneToOne: input.oneToOne,
          threads: deps.threads,
          onProgress: ctx.progress,
          // a cancel stops the computation itself, not only the waiting for it
          signal: ctx.signal,
        }
        const result =
          input.kind === 'dedupe'
            ? await dedupe(left, options)
            : await link(left, await recordsOf(input.right!), options)
        ctx.progress('saving', 0, result.pairs.length)
        const summary = { candidates: result.candidates, pairs: result.pairs.length }
        return {
          summary,
          save: async (tx) => {
            await store.insertPairs(tx, ctx.id, storedPairs(result))
            await store.saveResult(tx, ctx.id, {
              candidates: result.candidates,
              pairs_found: result.pairs.length,
              model: JSON.stringify(result.model),
              blocking: JSON.stringify(result.blocking),
              warnings: JSON.stringify(result.warnings),
            })
            await audit.appendAudit(
              tx,
              [
                {
                  actorId: ctx.owner.id,
                  actorName: ctx.owner.name,
                  action: 'linkage.job.done',
                  entityType: 'linkage_job',
                  entityId: ctx.id,
                  before: null,
                  after: summary,
                },
              ],
              clock(),
            )
          },
        }
      },
    }),
  )

  async function getJob(id: string) {
    const job = await store.getJob(db, id)
    if (!job) throw notFound('linkage job', id)
    return presentJob(job)
  }

  return {
    async startJob(actor: Actor, input: StartLinkageJob) {
      for (const [path, source] of [
        ['left', input.left],
        ['right', input.right],
      ] as const) {
        if (source?.startsWith('list:') && !(await lists.getList(db, source.slice(5))))
          throw new ValidationError([{ path, message: `no stored list ${source.slice(5)}` }])
      }
      const waiting = await jobs.countUnfinished(LINKAGE_JOB)
      if (waiting >= maxQueued)
        throw new DomainError(
          'RATE_LIMITED',
          `${waiting} linkage jobs are waiting or running already (at most ${maxQueued}): start this one when one of them has finished`,
        )
      const id = await jobs.submit(actor, LINKAGE_JOB, input, async (tx, id) => {
        await tx
          .insertInto('linkage_jobs')
          .values({
            id,
            kind: input.kind,
            left_source: input.left,
            right_source: input.right ?? null,
            threshold: input.threshold,
            one_to_one: input.oneToOne,
            created_by: actor.id,
          })
          .execute()
        await audit.appendAudit(
          tx,
          [
            {
              actorId: actor.id,
              actorName: actor.name,
              action: 'linkage.job.start',
              entityType: 'linkage_job',
              entityId: id,
              before: null,
              after: input,
            },
          ],
          clock(),
        )
      })
      return getJob(id)
    },

    getJob,

    async listJobs() {
      return (await store.listJobs(db)).map(presentJob)
    },

    /**
     * Cancels a linkage job (queued: at once; running: within seconds, its pairs not written).
     * @throws DomainError NOT_FOUND; CONFLICT when it has finished already
     */
    async cancelJob(actor: Actor, id: string) {
      await getJob(id)
      await jobs.cancel(actor, id)
      return getJob(id)
    },

    async pairs(id: string, afterRank: number, limit: number) {
      await getJob(id)
      const rows = await store.pairsPage(db, id, afterRank, limit)
      return {
        pairs: rows.map((r) => ({
          rank: r.rank,
          leftId: r.left_ref,
          rightId: r.right_ref,
          matchWeight: r.match_weight,
          probability: r.probability,
          evidence: r.evidence,
        })),
        nextAfter: rows.length === limit ? rows.at(-1)!.rank : null,
      }
    },

    /** Waits until the jobs this process started have finished (for tests and shutdown). */
    idle: () => jobs.idle(),
  }
}

function storedPairs(result: LinkResult): store.StoredPair[] {
  return result.pairs.map((pair, k) => {
    const why = explainPair(result, pair)
    return {
      rank: k + 1,
      left_ref: result.left.ids[pair.left]!,
      right_ref: result.right.ids[pair.right]!,
      match_weight: why.weight,
      probability: why.probability,
      evidence: JSON.stringify(why),
    }
  })
}

const iso = (d: Date | string | null) =>
  d === null ? null : d instanceof Date ? d.toISOString() : new Date(d).toISOString()

function presentJob(job: NonNullable<store.JobRow>) {
  return {
    id: job.id,
    kind: job.kind,
    left: job.left_source,
    right: job.right_source,
    threshold: job.threshold,
    oneToOne: job.one_to_one,
    status: job.status,
    progress: { stage: job.stage, done: job.done, total: job.total },
    attempts: job.attempts,
    candidates: job.candidates === null ? null : Number(job.candidates),
    pairsFound: job.pairs_found,
    model: job.model,
    blocking: job.blocking,
    warnings: job.warnings,
    error: job.error,
    createdBy: job.created_by,
    cancelledBy: job.cancelled_by,
    createdAt: iso(job.created_at)!,
    startedAt: iso(job.started_at),
    finishedAt: iso(job.finished_at),
  }
}
