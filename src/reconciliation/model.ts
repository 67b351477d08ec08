import { z } from 'zod'
import { DEFAULT_THRESHOLD } from '../linkage/engine'

export const AGAINST = ['missing', 'custody'] as const
export type Against = (typeof AGAINST)[number]

/** A reconciliation to start: which stored list, against which of our registers. */
export const StartReconciliation = z.object({
  listId: z.uuid('name a stored list by its id').describe('The stored list to reconcile'),
  against: z
    .enum(AGAINST)
    .default('missing')
    .describe(
      'missing: their list of ours they hold, against the missing-persons register; custody: their list of theirs we hold, against the custody register',
    ),
  threshold: z
    .number()
    .gt(0, 'must be above 0')
    .lt(1, 'must be below 1')
    .default(DEFAULT_THRESHOLD)
    .describe('Pairs at least this likely are "above"; those down to 0.5 are kept below it for a look'),
})
export type StartReconciliationInput = z.input<typeof StartReconciliation>

export const DECISIONS = ['accepted', 'rejected', 'unsure'] as const
export type Decision = (typeof DECISIONS)[number]

/** A tracer's decision on one pair. */
export const Decide = z.object({
  decision: z.enum(DECISIONS).describe('accepted: one person; rejected: two persons; unsure: left for later'),
  note: z.string().trim().max(1000, 'must be at most 1000 characters').optional(),
})
export type DecideInput = z.input<typeof Decide>

/**
 * Accepting a whole band at once, after a look at a sample of it: `count` is the number of pending
 * pairs the sample said the band holds, so a band that changed meanwhile is refused, not accepted.
 */
export const BulkAccept = z.object({
  minProbability: z
    .number()
    .gte(0.5, 'bulk acceptance starts at 0.5; decide pairs below it one by one')
    .lte(1, 'must be at most 1')
    .describe('Accept every pending pair at least this likely'),
  count: z
    .number()
    .int()
    .min(1, 'the band holds no pairs to accept')
    .describe('How many pending pairs the sample said the band holds'),
})
export type BulkAcceptInput = z.input<typeof BulkAccept>

export const QueueQuery = z.object({
  band: z.enum(['above', 'below']).optional().describe('Above or below the run threshold; both when absent'),
  decision: z.enum(['pending', ...DECISIONS]).optional(),
  after: z.coerce.number().int().min(0).default(0).describe('Rank after which the page starts'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
})
