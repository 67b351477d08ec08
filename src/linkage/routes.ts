import { createRoute, OpenAPIHono } from '@hono/zod-openapi'
import { z } from 'zod'
import type { DisclosureLog } from '../audit/disclosure'
import type { AppEnv } from '../http/env'
import { requirePermission } from '../http/env'
import { IdParam, jsonBody, jsonOk, NOT_FOUND, PROBLEMS } from '../http/openapi'
import { type LinkageJobService, StartLinkageJob } from './jobs'

const PairsQuery = z.object({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
})

const LinkageJob = z
  .object({
    id: z.uuid(),
    kind: z.enum(['link', 'dedupe']),
    left: z.string().describe('register or list:ID'),
    right: z.string().nullable(),
    threshold: z.number(),
    oneToOne: z.boolean(),
    status: z.enum(['queued', 'running', 'done', 'failed', 'cancelled']),
    progress: z.object({ stage: z.string().nullable(), done: z.number().int(), total: z.number().int() }),
    attempts: z
      .number()
      .int()
      .describe('Runs begun: more than 1 when a worker stopped mid-job and another took it up'),
    candidates: z.number().int().nullable(),
    pairsFound: z.number().int().nullable(),
    model: z.unknown().describe('The trained model (m and u probabilities per field level)'),
    blocking: z.unknown(),
    warnings: z.unknown(),
    error: z.string().nullable(),
    createdBy: z.string(),
    cancelledBy: z.string().nullable().describe('Who cancelled the job, if anyone'),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: 'LinkageJob' })
const PairsPage = z.object({
  pairs: z.array(
    z.object({
      rank: z.number().int(),
      leftId: z.string(),
      rightId: z.string(),
      matchWeight: z.number(),
      probability: z.number(),
      evidence: z.unknown().describe("Each field's level and weight"),
    }),
  ),
  nextAfter: z.number().int().nullable(),
})

export function linkageRoutes(jobs: LinkageJobService, disclosures: DisclosureLog) {
  const app = new OpenAPIHono<AppEnv>()
  app.openapi(
    createRoute({
      method: 'post',
      path: '/linkage/jobs',
      tags: ['linkage'],
      summary: 'Start linking a stored list to the register (or another list), or deduplicating one',
      request: { body: jsonBody(StartLinkageJob) },
      responses: { 202: jsonOk('The queued job', LinkageJob), ...PROBLEMS },
    }),
    async (c) => {
      const actor = requirePermission(c.get('user'), 'linkage.run')
      return c.json(await jobs.startJob(actor, c.req.valid('json')), 202)
    },
  )
  app.openapi(
    createRoute({
      method: 'get',
      path: '/linkage/jobs',
      tags: ['linkage'],
      summary: 'Linkage jobs, newest first',
      responses: { 200: jsonOk('Linkage jobs', z.object({ jobs: z.array(LinkageJob) })), ...PROBLEMS },
    }),
    async (c) => {
      requirePermission(c.get('user'), 'lists.read')
      return c.json({ jobs: await jobs.listJobs() }, 200)
    },
  )
  app.openapi(
    createRoute({
      method: 'get',
      path: '/linkage/jobs/{id}',
      tags: ['linkage'],
      summary: 'A job: status, progress (stage, done, total), and when done its counts and model',
      request: { params: IdParam },
      responses: { 200: jsonOk('The job', LinkageJob), ...PROBLEMS, ...NOT_FOUND },
    }),
    async (c) => {
      requirePermission(c.get('user'), 'lists.read')
      return c.json(await jobs.getJob(c.req.valid('param').id), 200)
    },
  )
  app.openapi(
    createRoute({
      method: 'post',
      path: '/linkage/jobs/{id}/cancel',
      tags: ['linkage'],
      summary: 'Cancel a job: a queued one at once, a running one within seconds (its pairs are not written)',
      request: { params: IdParam },
      responses: { 200: jsonOk('The job, cancelled or cancelling', LinkageJob), ...PROBLEMS, ...NOT_FOUND },
    }),
    async (c) => {
      const actor = requirePermission(c.get('user'), 'linkage.run')
      return c.json(await jobs.cancelJob(actor, c.req.valid('param').id), 200)
    },
  )
  app.openapi(
    createRoute({
      method: 'get',
      path: '/linkage/jobs/{id}/pairs',
      tags: ['linkage'],
      summary: "A job's pairs, best first, each with every field's level and weight",
      request: { params: IdParam, query: PairsQuery },
      responses: { 200: jsonOk('A page of pairs, best first', PairsPage), ...PROBLEMS, ...NOT_FOUND },
    }),
    async (c) => {
      // pairs carry ids, levels and weights, no particulars; which record matched whom is still
      // personal data, so the read is recorded
      const actor = requirePermission(c.get('user'), 'lists.read')
      const { after, limit } = c.req.valid('query')
      const { id } = c.req.valid('param')
      const page = await jobs.pairs(id, after, limit)
      await disclosures.record(actor, {
        what: 'linkage.pairs.read',
        entity: { type: 'linkage_job', id },
        query: { after, limit },
        count: page.pairs.length,
      })
      return c.json(page, 200)
    },
  )
  return app
}
