import { createRoute, OpenAPIHono } from '@hono/zod-openapi'
import { z } from 'zod'
import type { Actor } from '../auth/actor'
import { can } from '../auth/roles'
import { DomainError } from '../core/errors'
import type { AppEnv, SessionUser } from '../http/env'
import { requirePermission } from '../http/env'
import { CONFLICT, IdParam, jsonOk, NOT_FOUND, PROBLEMS } from '../http/openapi'
import { JOB_STATUSES } from './kind'
import type { JobService } from './service'

const Job = z
  .object({
    id: z.uuid(),
    kind: z.string().describe('linkage, reconciliation...'),
    input: z.unknown().describe('What the job was asked to do (lists by id, thresholds), as submitted'),
    status: z.enum(JOB_STATUSES),
    progress: z.object({ stage: z.string().nullable(), done: z.number().int(), total: z.number().int() }),
    result: z.unknown().describe('A short summary once done (counts)'),
    error: z.string().nullable().describe('Why it failed, in words; or why an attempt was retried'),
    attempts: z.number().int(),
    maxAttempts: z.number().int(),
    worker: z.string().nullable().describe('The process running it now (host:pid:tag)'),
    owner: z.object({ id: z.string(), name: z.string() }),
    cancelledBy: z.string().nullable(),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: 'Job' })

const JobsQuery = z.object({ kind: z.string().max(64).optional() })

/**
 * Who reads jobs: whoever reads lists sees every job; a liaison, who reads no lists, sees the jobs
 * they started themselves (a large batch of notices), so a 202 can be followed.
 */
function jobReader(user: SessionUser | null): { actor: Actor; all: boolean } {
  if (user && !can(user.role, 'lists.read') && can(user.role, 'notices.write'))
    return { actor: requirePermission(user, 'notices.write'), all: false }
  return { actor: requirePermission(user, 'lists.read'), all: true }
}

function mustOwn(
  reader: { actor: Actor; all: boolean },
  job: { id: string; owner: { id: string; name: string } },
) {
  if (!reader.all && job.owner.id !== reader.actor.id)
    throw new DomainError(
      'FORBIDDEN',
      `job ${job.id} was started by ${job.owner.name}: you may read only your own jobs`,
    )
}

/** The jobs of every kind, as every server sees them, and their cancellation. */
export function jobRoutes(jobs: JobService) {
  const app = new OpenAPIHono<AppEnv>()
  app.openapi(
    createRoute({
      method: 'get',
      path: '/jobs',
      tags: ['jobs'],
      summary: 'Jobs of every kind (or one), newest first, with state and progress',
      request: { query: JobsQuery },
      responses: { 200: jsonOk('Jobs', z.object({ jobs: z.array(Job) })), ...PROBLEMS },
    }),
    async (c) => {
      const reader = jobReader(c.get('user'))
      const own = reader.all ? {} : { ownerId: reader.actor.id }
      return c.json({ jobs: await jobs.listJobs({ ...c.req.valid('query'), ...own }) }, 200)
    },
  )
  app.openapi(
    createRoute({
      method: 'get',
      path: '/jobs/{id}',
      tags: ['jobs'],
      summary: 'A job: state, stage, progress, attempts, owner, and its summary or error',
      request: { params: IdParam },
      responses: { 200: jsonOk('The job', Job), ...PROBLEMS, ...NOT_FOUND },
    }),
    async (c) => {
      const reader = jobReader(c.get('user'))
      const job = await jobs.getJob(c.req.valid('param').id)
      mustOwn(reader, job)
      return c.json(job, 200)
    },
  )
  app.openapi(
    createRoute({
      method: 'post',
      path: '/jobs/{id}/cancel',
      tags: ['jobs'],
      summary:
        'Cancel a job (its owner or an admin): a queued one at once, a running one within seconds, its result not written',
      request: { params: IdParam },
      responses: {
        200: jsonOk('The job, cancelled or cancelling', Job),
        ...PROBLEMS,
        ...NOT_FOUND,
        ...CONFLICT,
      },
    }),
    async (c) => {
      const { actor } = jobReader(c.get('user'))
      const { id } = c.req.valid('param')
      const job = await jobs.getJob(id)
      // work started by one analyst is theirs to stop; an admin may stop anyone's
      if (job.owner.id !== actor.id && actor.role !== 'admin')
        throw new DomainError(
          'FORBIDDEN',
          `job ${id} was started by ${job.owner.name}: only they or an admin may cancel it`,
        )
      return c.json(await jobs.cancel(actor, id), 200)
    },
  )
  return app
}
