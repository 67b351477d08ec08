import { z } from 'zod'
import { CalendarDate } from '../custody/model'

/**
 * How sure the bureau is of an event, from its source: an ICRC notification or the other side's
 * list is high, a returned prisoner's testimony medium, an open-source video or a rumour low.
 */
export const Confidence = z.enum(['high', 'medium', 'low'])
export type Confidence = z.infer<typeof Confidence>

const source = z
  .string()
  .trim()
  .min(1, 'name the source (ICRC, their list, a returned prisoner, open source...)')
  .max(300, 'must be at most 300 characters')
const note = z.string().trim().max(2000, 'must be at most 2000 characters').optional()
const place = z.string().trim().max(300, 'must be at most 300 characters').optional()
const base = {
  occurredOn: CalendarDate.describe('Date the event happened (or was learnt, when that is all we know)'),
  source: source.describe('Where it comes from: ICRC, their list of DATE, a returned prisoner, open source'),
  confidence: Confidence.describe('How sure the source is'),
  note,
}

/**
 * What can become known about one of our people who is missing, one schema per kind. The person
 * stays missing until returned or confirmed dead, whatever is learnt about their captivity.
 */
export const MissingEventInput = z.discriminatedUnion('type', [
  z.object({ type: z.literal('reported_missing'), place, ...base }),
  z.object({ type: z.literal('captivity_indicated'), ...base }),
  z.object({ type: z.literal('captivity_confirmed'), ...base }),
  z.object({
    type: z.literal('seen_in_facility'),
    facility: z.string().trim().min(1, 'name the facility').max(300, 'must be at most 300 characters'),
    ...base,
  }),
  z.object({
    type: z.literal('returned'),
    how: z.enum(['exchange', 'release', 'other']).default('exchange'),
    ...base,
  }),
  z.object({ type: z.literal('died'), place, cause: z.string().trim().max(500).optional(), ...base }),
  z.object({ type: z.literal('body_repatriated'), ...base }),
  z.object({ type: z.literal('found'), place, ...base }),
])
export type MissingEventInput = z.input<typeof MissingEventInput>
export type MissingEventParsed = z.output<typeof MissingEventInput>

export const MISSING_EVENT_TYPES = [
  'reported_missing',
  'captivity_indicated',
  'captivity_confirmed',
  'seen_in_facility',
  'returned',
  'died',
  'body_repatriated',
  'found',
] as const
export type MissingEventType = (typeof MISSING_EVENT_TYPES)[number]

/** An event as stored and folded. */
export type MissingEvent = {
  seq: number
  type: MissingEventType
  occurredOn: string
  source: string
  confidence: Confidence
  details: Record<string, unknown>
  /** This row corrects or retracts event `corrects`: the fold reads it instead of that one. */
  corrects?: number | null
  /** A retraction: the event named by `corrects` is withdrawn and nothing takes its place. */
  retracted?: boolean
}
