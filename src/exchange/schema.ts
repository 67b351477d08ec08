import { z } from 'zod'
import { PRIORITY_CATEGORIES } from './model'

const Count = z.number().int().min(0).max(1_000_000)

export const TermsInput = z.object({
  balance: z
    .discriminatedUnion('kind', [
      z.object({ kind: z.literal('equal') }),
      z.object({
        kind: z.literal('ratio'),
        give: z.number().int().min(1).max(1000),
        receive: z.number().int().min(1).max(1000),
      }),
      z.object({
        kind: z.literal('value'),
        values: z.record(z.string().min(1).max(100), z.number().min(0).max(1000)),
        default: z.number().min(0).max(1000).default(1),
        tolerance: z.number().min(0).max(100_000).default(0),
      }),
    ])
    .default({ kind: 'equal' }),
  maxSize: z.number().int().min(1).max(100_000).optional(),
  quotas: z
    .array(
      z
        .object({
          side: z.enum(['give', 'receive']),
          group: z.union([
            z.enum(PRIORITY_CATEGORIES),
            z.string().regex(/^category:[a-z_]+$/, 'a priority or category:NAME'),
          ]),
          min: Count.optional(),
          max: Count.optional(),
        })
        .refine((q) => q.min === undefined || q.max === undefined || q.min <= q.max, {
          message: 'min must not exceed max',
          path: ['min'],
        }),
    )
    .max(50)
    .default([]),
  exclusions: z.array(z.string().min(1).max(100)).max(100_000).default([]),
  allowProceedings: z.boolean().default(false),
  priorities: z
    .array(z.enum(PRIORITY_CATEGORIES))
    .max(PRIORITY_CATEGORIES.length)
    .refine((p) => new Set(p).size === p.length, 'each priority once')
    .default([...PRIORITY_CATEGORIES]),
  youngUpTo: z.number().int().min(18).max(60).optional(),
})
export type TermsInput = z.input<typeof TermsInput>

export const CreateExchange = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(200),
  counterpart: z.string().trim().min(1, 'must not be empty').max(200),
  mediator: z.string().trim().max(200).optional(),
  venue: z.string().trim().max(200).optional(),
  // prefault, not default: the empty terms go through the schema and come out with its defaults
  terms: TermsInput.prefault({}),
  /** handover stages and their sizes, e.g. [390, 307, 303] */
  stages: z.array(z.number().int().min(1).max(100_000)).max(30).default([]),
})
export type CreateExchange = z.input<typeof CreateExchange>

/** What the bureau knows about a person we hold, for this exchange. */
export const GiveAnnotation = z.object({
  personId: z.uuid(),
  // unset: the person's recorded facts (consent, Art. 109 refusal, proceedings) decide
  consent: z.boolean().optional(),
  refusedRepatriation: z.boolean().optional(),
  pendingProceedings: z.boolean().optional(),
  requested: z.boolean().default(false),
  groupId: z.string().trim().max(100).nullable().default(null),
})

export const HANDOVER_OUTCOMES = ['pending', 'crossed', 'no_show', 'refused', 'substituted'] as const
export const CheckOff = z
  .object({
    side: z.enum(['give', 'receive']),
    ref: z.string().min(1).max(100),
    outcome: z.enum(HANDOVER_OUTCOMES),
    substituteRef: z.string().min(1).max(100).optional(),
  })
  .refine((c) => c.outcome !== 'substituted' || c.substituteRef, {
    message: 'name who crossed instead',
    path: ['substituteRef'],
  })
