import { createRoute, OpenAPIHono } from '@hono/zod-openapi'
import { z } from 'zod'
import type { AppEnv } from '../http/env'
import { requirePermission } from '../http/env'
import { CONFLICT, IdParam, jsonBody, jsonOk, NOT_FOUND, PROBLEMS } from '../http/openapi'
import { CorrectFigure, ReportedQuestion, ReportedShown, ReportFigure } from './model'
import type { ReportedService } from './service'

const tags = ['reported figures']

/**
 * Figures claimed in public, under /reported-figures: everyone who reads the dashboard reads them,
 * analysts (and admins) record and assess them. No personal data: counts and their sources.
 */
export function reportedRoutes(reported: ReportedService) {
  const app = new OpenAPIHono<AppEnv>()

  app.openapi(
    createRoute({
      method: 'get',
      path: '/reported-figures',
      tags,
      summary: 'Figures claimed in public, newest claim first',
      request: { query: z.object({ question: ReportedQuestion.optional() }) },
      responses: {
        200: jsonOk('The figures', z.object({ items: z.array(ReportedShown) })),
        ...PROBLEMS,
      },
    }),
    async (c) => {
      requirePermission(c.get('user'), 'dashboard.read')
      return c.json({ items: await reported.list(c.req.valid('query').question) }, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/reported-figures',
      tags,
      summary: 'Record a figure someone claimed, with its source and assessment (audited)',
      request: { body: jsonBody(ReportFigure) },
      responses: { 201: jsonOk('The figure as recorded', ReportedShown), ...PROBLEMS },
    }),
    async (c) => {
      const actor = requirePermission(c.get('user'), 'reported.write')
      return c.json(await reported.report(actor, c.req.valid('json')), 201)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/reported-figures/{id}',
      tags,
      summary: 'One reported figure',
      request: { params: IdParam },
      responses: { 200: jsonOk('The figure', ReportedShown), ...PROBLEMS, ...NOT_FOUND },
    }),
    async (c) => {
      requirePermission(c.get('user'), 'dashboard.read')
      return c.json(await reported.get(c.req.valid('param').id), 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'put',
      path: '/reported-figures/{id}',
      tags,
      summary: 'Correct a figure or change its assessment (audited, with the version read)',
      request: { params: IdParam, body: jsonBody(CorrectFigure) },
      responses: {
        200: jsonOk('The figure after the change', ReportedShown),
        ...PROBLEMS,
        ...NOT_FOUND,
        ...CONFLICT,
      },
    }),
    async (c) => {
      const actor = requirePermission(c.get('user'), 'reported.write')
      return c.json(await reported.correct(actor, c.req.valid('param').id, c.req.valid('json')), 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/reported-figures/{id}',
      tags,
      summary: 'Remove a figure entered by mistake (the audit trail keeps it)',
      request: { params: IdParam },
      responses: { 200: jsonOk('Removed', z.object({ id: z.uuid() })), ...PROBLEMS, ...NOT_FOUND },
    }),
    async (c) => {
      const actor = requirePermission(c.get('user'), 'reported.write')
      return c.json(await reported.remove(actor, c.req.valid('param').id), 200)
    },
  )

  return app
}
