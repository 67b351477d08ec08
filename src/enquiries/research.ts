import { z } from 'zod'
import type { appendAudit } from '../audit/store'
import type { Actor } from '../auth/actor'
import { isDomainError } from '../core/errors'
import type { Db } from '../db/connection'
import { defineJobKind } from '../jobs/kind'
import type { JobService } from '../jobs/service'
import * as rs from './research-store'
import type { EnquiryService } from './service'
import * as store from './store'

export { RESEARCH_JOB } from './research-store'

/** Who submits the automatic search: no person; the triggers name the people whose changes set it off. */
export const RESEARCH_ACTOR: Actor = {
  id: 'system',
  name: 'system (search of open enquiries after a change)',
  role: 'admin',
}

/** How often a server looks at the audit trail for changes (one indexed range query). */
export const RESEARCH_CHECK_MS = 5000

const Trigger = z.object({ action: z.string(), by: z.string(), count: z.number(), last: z.string() })

export const ResearchInput = z.object({
  throughSeq: z.number().int().min(0).describe('The audit trail up to this entry is covered'),
  triggers: z.array(Trigger).describe('What changed since the last search, and who changed it'),
})

export type ResearchSummary = {
  throughSeq: number
  triggers: z.infer<typeof Trigger>[]
  enquiries: number
  searched: number
  newCandidates: number
  enquiriesWithNew: number
}

class Coalesced extends Error {}

/**
 * Open enquiries searched again by themselves "whenever a list or the register changes" (issue 15):
 * a server watches the audit trail for the changes that may bring new candidates (research-store's
 * RESEARCH_ACTIONS) and submits one job of kind enquiries.research, which goes through every open
 * enquiry with the registers and lists read once. At most one such job waits in the queue: changes
 * while one waits are covered by it, changes while one runs queue one more.
 */
export function createEnquiryResearch(deps: {
  db: Db
  jobs: JobService
  enquiries: Pick<EnquiryService, 'searchOne' | 'sharedPools'>
  audit: { appendAudit: typeof appendAudit }
}) {
  const { db, jobs, enquiries } = deps
  jobs.register(
    defineJobKind({
      name: rs.RESEARCH_JOB,
      input: ResearchInput,
      async run(ctx): Promise<{ summary: ResearchSummary; save: (tx: Db) => Promise<void> }> {
        const from = await rs.searchedThrough(ctx.db, ctx.id)
        const head = await rs.auditHead(ctx.db)
        const triggers = await rs.triggersBetween(ctx.db, from, head)
        const ids = await store.openEnquiryIds(ctx.db)
        ctx.progress('reading', 0, ids.length)
        const shared = ids.length > 0 ? await enquiries.sharedPools() : { missing: [], lists: [] }
        const actor: Actor = { ...RESEARCH_ACTOR, id: ctx.owner.id, name: ctx.owner.name }
        let fresh = 0
        let withNew = 0
        let searched = 0
        for (const [i, id] of ids.entries()) {
          // stop between enquiries: each one searched is whole (its candidates and its entry together)
          if (ctx.signal.aborted) throw ctx.signal.reason
          try {
            const n = await enquiries.searchOne(actor, id, 'research', shared, ctx.id)
            fresh += n
            if (n > 0) withNew += 1
            searched += 1
          } catch (e) {
            // an enquiry whose record went away meanwhile (merged, say) does not stop the others
            if (!isDomainError(e) || e.code !== 'NOT_FOUND') throw e
          }
          ctx.progress('searching', i + 1, ids.length)
        }
        const summary: ResearchSummary = {
          throughSeq: head,
          triggers,
          enquiries: ids.length,
          searched,
          newCandidates: fresh,
          enquiriesWithNew: withNew,
        }
        return {
          summary,
          save: async (tx) => {
            await ctx.audit.appendAudit(
              tx,
              [
                {
                  actorId: ctx.owner.id,
                  actorName: ctx.owner.name,
                  action: 'enquiries.research',
                  entityType: 'job',
                  entityId: ctx.id,
                  before: { fromSeq: from },
                  after: summary,
                },
              ],
              ctx.clock(),
            )
          },
        }
      },
    }),
  )

  let scanned: number | undefined
  let timer: NodeJS.Timeout | undefined
  let checking: Promise<string | undefined> | undefined

  /** Submits a search unless one waits already; answers its job id, or undefined when coalesced. */
  async function request(afterSeq: number, throughSeq: number): Promise<string | undefined> {
    const triggers = await rs.triggersBetween(db, afterSeq, throughSeq)
    try {
      return await jobs.submit(RESEARCH_ACTOR, rs.RESEARCH_JOB, { throughSeq, triggers }, async (tx, id) => {
        if (await rs.anotherQueued(tx, id)) throw new Coalesced()
      })
    } catch (e) {
      if (e instanceof Coalesced) return undefined
      throw e
    }
  }

  /**
   * Looks at the trail since the last look and submits a search if anything relevant changed.
   * Answers the new job's id (undefined: nothing changed, or a search waits already).
   */
  async function check(): Promise<string | undefined> {
    // one look at a time: a slow look and the next tick must not both submit
    checking ??= (async () => {
      try {
        scanned ??= await rs.coveredThrough(db)
        const seen = await rs.changesAfter(db, scanned)
        if (seen.relevant === 0) {
          scanned = seen.head
          return undefined
        }
        const id = await request(scanned, seen.head)
        scanned = seen.head
        return id
      } finally {
        checking = undefined
      }
    })()
    return checking
  }

  return {
    check,
    /** Looks every `everyMs` (a server); stop() ends it. */
    start(everyMs = RESEARCH_CHECK_MS, onError: (e: unknown) => void = () => {}) {
      if (timer) return
      timer = setInterval(() => void check().catch(onError), everyMs)
      timer.unref()
    },
    stop() {
      if (timer) clearInterval(timer)
      timer = undefined
    },
  }
}

export type EnquiryResearch = ReturnType<typeof createEnquiryResearch>
