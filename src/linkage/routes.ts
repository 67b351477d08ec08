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

export function linkageRoutes(jobs: LinkageJobService, disclosures: DisclosureLog) {
  const app = new OpenAPIHono<AppEnv>()
  app.openapi(
    createRoute({
      method: 'post',
      path: '/linkage/jobs',
      tags: ['linkage'],
      summary: 'Start linking a stored list to the register (or another list), or deduplicating one',
      request: { body: jsonBody(StartLinkageJob) },
      responses: { 202: jsonOk('the queued job'), ...PROBLEMS },
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
      responses: { 200: jsonOk('{ jobs }'), ...PROBLEMS },
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
      responses: { 200: jsonOk('the job'), ...PROBLEMS, ...NOT_FOUND },
    }),
    async (c) => {
      requirePermission(c.get('user'), 'lists.read')
      return c.json(await jobs.getJob(c.req.valid('param').id), 200)
    },
  )
  app.openapi(
    createRoute({
      method: 'get',
      path: '/linkage/jobs/{id}/pairs',
      tags: ['linkage'],
      summary: "A job's pairs, best first, each with every field's level and weight",
      request: { params: IdParam, query: PairsQuery },
      responses: { 200: jsonOk('{ pairs, nextAfter }'), ...PROBLEMS, ...NOT_FOUND },
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
