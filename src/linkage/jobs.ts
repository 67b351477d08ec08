import { z } from 'zod'
import type { appendAudit } from '../audit/store'
import type { Actor } from '../auth/actor'
import type { Clock } from '../core/clock'
import { DomainError, notFound, ValidationError } from '../core/errors'
import type { Db } from '../db/connection'
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

/** Each job uses every core for seconds to minutes: a handful queued is a day's work, more is a mistake or an attack. */
export const MAX_QUEUED_JOBS = 4

export type LinkageJobService = ReturnType<typeof createLinkageJobService>

/**
 * Linkage as a job in the server: stored registers and lists in, scored pairs with their evidence
 * out. Jobs run one at a time in this process (each uses every core already); their state lives in
 * the database, so progress is visible to every client and an interrupted job is reported, not lost.
 */
export function createLinkageJobService(deps: {
  db: Db
  audit: { appendAudit: typeof appendAudit }
  clock: Clock
  threads?: number
  /** jobs waiting or running in this process at most; one more is refused, not queued for ever */
  maxQueued?: number
}) {
  const { db, audit, clock } = deps
  const maxQueued = deps.maxQueued ?? MAX_QUEUED_JOBS
  let queue: Promise<void> = Promise.resolve()
  let waiting = 0

  async function recordsOf(source: string): Promise<LinkRecord[]> {
    if (source === 'register') return store.registerRecords(db)
    return lists.listRecords(db, source.slice('list:'.length))
  }

  async function run(id: string, actor: Actor) {
    const job = (await store.getJob(db, id))!
    await store.updateJob(db, id, { status: 'running', stage: 'reading', started_at: clock() })
    let last = 0
    const onProgress = (stage: string, done: number, total: number) => {
      const now = Date.now()
      if (now - last < 500 && done < total) return
      last = now
      store.updateJob(db, id, { stage, done, total }).catch(() => {})
    }
    try {
      const left = await recordsOf(job.left_source)
      const options = {
        threshold: job.threshold,
        oneToOne: job.one_to_one,
        threads: deps.threads,
        onProgress,
      }
      const result =
        job.kind === 'dedupe'
          ? await dedupe(left, options)
          : await link(left, await recordsOf(job.right_source!), options)
      await store.updateJob(db, id, { stage: 'saving', done: 0, total: result.pairs.length })
      await db.transaction().execute(async (tx) => {
        await store.insertPairs(tx, id, storedPairs(result))
        await store.updateJob(tx, id, {
          status: 'done',
          stage: 'done',
          candidates: result.candidates,
          pairs_found: result.pairs.length,
          model: JSON.stringify(result.model),
          blocking: JSON.stringify(result.blocking),
          warnings: JSON.stringify(result.warnings),
          finished_at: clock(),
        })
        await audit.appendAudit(
          tx,
          [
            {
              actorId: actor.id,
              actorName: actor.name,
              action: 'linkage.job.done',
              entityType: 'linkage_job',
              entityId: id,
              before: null,
              after: { candidates: result.candidates, pairs: result.pairs.length },
            },
          ],
          clock(),
        )
      })
    } catch (error) {
      await store.updateJob(db, id, {
        status: 'failed',
        error: error instanceof Error ? error.message : String(error),
        finished_at: clock(),
      })
    }
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
      if (waiting >= maxQueued)
        throw new DomainError(
          'RATE_LIMITED',
          `${waiting} linkage jobs are waiting or running already (at most ${maxQueued}): start this one when one of them has finished`,
        )
      const id = await db.transaction().execute(async (tx) => {
        const row = await tx
          .insertInto('linkage_jobs')
          .values({
            kind: input.kind,
            left_source: input.left,
            right_source: input.right ?? null,
            threshold: input.threshold,
            one_to_one: input.oneToOne,
            status: 'queued',
            created_by: actor.id,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
        await audit.appendAudit(
          tx,
          [
            {
              actorId: actor.id,
              actorName: actor.name,
              action: 'linkage.job.start',
              entityType: 'linkage_job',
              entityId: row.id,
              before: null,
              after: input,
            },
          ],
          clock(),
        )
        return row.id
      })
      waiting++
      queue = queue
        .then(() => run(id, actor))
        .finally(() => {
          waiting--
        })
      return this.getJob(id)
    },

    async getJob(id: string) {
      const job = await store.getJob(db, id)
      if (!job) throw notFound('linkage job', id)
      return presentJob(job)
    },

    async listJobs() {
      return (await store.listJobs(db)).map(presentJob)
    },

    async pairs(id: string, afterRank: number, limit: number) {
      await this.getJob(id)
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

    /** Waits until the jobs started so far have finished (for tests and shutdown). */
    idle: () => queue,

    failUnfinished: () => store.failUnfinished(db, clock()),
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
    candidates: job.candidates === null ? null : Number(job.candidates),
    pairsFound: job.pairs_found,
    model: job.model,
    blocking: job.blocking,
    warnings: job.warnings,
    error: job.error,
    createdBy: job.created_by,
    createdAt: job.created_at,
    startedAt: job.started_at,
    finishedAt: job.finished_at,
  }
}
