import { createRoute, OpenAPIHono } from '@hono/zod-openapi'
import { z } from 'zod'
import type { AppEnv } from '../http/env'
import { requirePermission } from '../http/env'
import { IdParam, jsonOk, PROBLEMS } from '../http/openapi'
import type { ChainedAuditRecord } from './chain'
import type { DisclosureLog } from './disclosure'
import type { AuditService } from './service'

const AuditQuery = z.object({
  entityType: z.string().max(50).optional(),
  entityId: z.string().max(100).optional(),
  action: z.string().max(100).optional(),
  before: z.coerce
    .number()
    .int()
    .positive()
    .optional()
    .describe('Entries before this sequence number (paging back)'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
})

function presentEntry(e: ChainedAuditRecord) {
  return {
    seq: e.seq,
    at: e.at.toISOString(),
    actorId: e.actorId,
    actorName: e.actorName,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    before: e.before,
    after: e.after,
    prevHash: e.prevHash,
    hash: e.hash,
  }
}

const AuditEntry = z
  .object({
    seq: z.number().int(),
    at: z.string(),
    actorId: z.string().nullable(),
    actorName: z.string(),
    action: z.string().describe('What was done, as a code: person.registered, person.event.hospitalised...'),
    entityType: z.string(),
    entityId: z.string().nullable(),
    before: z.unknown(),
    after: z.unknown(),
    prevHash: z.string(),
    hash: z.string(),
  })
  .meta({ id: 'AuditEntry' })
const AuditPage = z.object({
  items: z.array(AuditEntry),
  nextBefore: z.number().int().nullable().describe('before= for the next page; null at the end'),
  names: z
    .record(z.string(), z.string())
    .describe('Names of the persons, staff and places the entries name by id'),
})
const Checkpoint = z
  .object({
    seq: z.number().int(),
    hash: z.string(),
    at: z.string(),
    prev: z.string(),
    key: z.string(),
    sig: z.string(),
  })
  .meta({ id: 'AuditCheckpoint' })
const AuditVerification = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBadSeq: z.number().int().optional(),
  reason: z.string().optional(),
  anchor: z
    .object({
      key: z.string(),
      checkpoints: z.number().int(),
      lastSeq: z.number().int(),
      lastAt: z.string().nullable(),
      unanchored: z.number().int(),
    })
    .nullable(),
  warnings: z.array(z.string()),
})

const tags = ['audit']

export function auditRoutes(audit: AuditService, disclosures: DisclosureLog) {
  const app = new OpenAPIHono<AppEnv>()

  app.openapi(
    createRoute({
      method: 'get',
      path: '/audit',
      tags,
      summary: 'The audit trail, newest first',
      request: { query: AuditQuery },
      responses: { 200: jsonOk('A page of entries, newest first', AuditPage), ...PROBLEMS },
    }),
    async (c) => {
      const actor = requirePermission(c.get('user'), 'audit.read')
      const { before, ...q } = c.req.valid('query')
      const items = await audit.listEntries({ ...q, beforeSeq: before })
      // before/after values carry particulars: reading the trail is itself a disclosure
      await disclosures.record(actor, {
        what: 'audit.entries.read',
        query: { ...q, before },
        count: items.length,
      })
      const last = items[items.length - 1]
      return c.json(
        {
          items: items.map(presentEntry),
          nextBefore: items.length === q.limit && last ? last.seq : null,
          names: await audit.namesFor(items),
        },
        200,
      )
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/audit/verify',
      tags,
      summary: 'Walk the whole hash chain and name the first entry that does not hold',
      responses: {
        200: jsonOk('Whether the chain holds, and where it breaks', AuditVerification),
        ...PROBLEMS,
      },
    }),
    async (c) => {
      requirePermission(c.get('user'), 'audit.read')
      // held against the signed checkpoints when this server has a signing key
      return c.json(await audit.verifyAnchored(), 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/persons/{id}/audit',
      tags,
      summary: "The audit trail of one person's record (staff names, values before and after: audit.read)",
      request: { params: IdParam },
      responses: {
        200: jsonOk("The entries of the person's record", AuditPage.omit({ nextBefore: true })),
        ...PROBLEMS,
      },
    }),
    async (c) => {
      const actor = requirePermission(c.get('user'), 'audit.read')
      const { id } = c.req.valid('param')
      const items = await audit.listEntries({ entityType: 'person', entityId: id, limit: 500 })
      await disclosures.record(actor, {
        what: 'person.audit.read',
        entity: { type: 'person', id },
        count: items.length,
      })
      return c.json({ items: items.map(presentEntry), names: await audit.namesFor(items) }, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/audit/checkpoints',
      tags,
      summary: 'Sign the head of the chain now and append it to the checkpoint file outside the database',
      responses: {
        200: jsonOk(
          'The checkpoint, and whether a new one was written',
          z.object({ written: z.boolean(), checkpoint: Checkpoint }),
        ),
        ...PROBLEMS,
      },
    }),
    async (c) => {
      requirePermission(c.get('user'), 'audit.read')
      return c.json(await audit.writeCheckpoint(), 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/audit/checkpoints',
      tags,
      summary:
        'The public key and every signed checkpoint, to keep elsewhere (`parley audit verify --against FILE`)',
      responses: {
        200: jsonOk(
          'The key and the checkpoints',
          z.object({ key: z.string(), publicKey: z.string(), checkpoints: z.array(Checkpoint) }),
        ),
        ...PROBLEMS,
      },
    }),
    async (c) => {
      requirePermission(c.get('user'), 'audit.read')
      return c.json(audit.exportCheckpoints(), 200)
    },
  )

  return app
}
