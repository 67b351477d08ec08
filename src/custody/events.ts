import { z } from 'zod'
import { CalendarDate, Health } from './model'

const note = z.string().trim().max(2000).optional()
const source = z.string().trim().min(1, 'must not be empty').max(300).default('registrar')
const base = { occurredOn: CalendarDate.describe('Date the event happened'), source, note }

/**
 * What can happen to a person in our power, one schema per kind. The list follows the changes an
 * Information Bureau must record and forward (GC III Art. 122; GC IV Art. 136).
 */
export const PersonEventInput = z.discriminatedUnion('type', [
  z.object({ type: z.literal('arrived'), facilityId: z.uuid(), ...base }),
  z.object({
    type: z.literal('transferred'),
    facilityId: z.uuid().describe('Facility transferred to'),
    ...base,
  }),
  z.object({
    type: z.literal('hospitalised'),
    facilityId: z.uuid().describe('The hospital'),
    health: Health.optional(),
    ...base,
  }),
  z.object({
    type: z.literal('discharged'),
    facilityId: z.uuid().optional().describe('Back to this facility; default the one before hospital'),
    health: Health.optional(),
    ...base,
  }),
  z.object({ type: z.literal('health_bulletin'), health: Health, ...base }),
  z.object({
    type: z.literal('died'),
    cause: z.string().trim().max(500).optional(),
    place: z.string().trim().max(300).optional(),
    ...base,
  }),
  z.object({ type: z.literal('escaped'), ...base }),
  z.object({ type: z.literal('recaptured'), facilityId: z.uuid().optional(), ...base }),
  z.object({ type: z.literal('released'), ...base }),
  z.object({ type: z.literal('repatriated'), ...base }),
  z.object({
    type: z.literal('exchanged'),
    exchangeId: z.uuid().optional().describe('The exchange the person crossed in'),
    stage: z.number().int().min(1).max(1000).optional().describe('The handover stage'),
    substituteFor: z.uuid().optional().describe('Crossed instead of this person'),
    ...base,
  }),
  z.object({ type: z.literal('confirmed'), ...base }),
  // Person facts: dated, on the person, read by every exchange; they never move the custody status.
  z.object({ type: z.literal('consent_given'), ...base }),
  z.object({ type: z.literal('consent_withdrawn'), ...base }),
  z.object({
    type: z.literal('refused_repatriation'),
    heardBy: z
      .string()
      .trim()
      .min(1, 'name who heard the refusal, e.g. ICRC interview')
      .max(300)
      .describe('Who heard the refusal (GC III Art. 109), e.g. "ICRC interview"'),
    ...base,
  }),
  z.object({
    type: z.literal('proceedings_opened'),
    reference: z.string().trim().max(200).optional().describe('Case number'),
    ...base,
  }),
  z.object({
    type: z.literal('proceedings_closed'),
    reference: z.string().trim().max(200).optional().describe('Case number'),
    ...base,
  }),
  // Written by an exchange's completion for those of its lists who did not cross.
  z.object({
    type: z.literal('did_not_cross'),
    exchangeId: z.uuid(),
    reason: z.enum(['no_show', 'refused']),
    ...base,
  }),
  z.object({
    type: z.literal('replaced'),
    exchangeId: z.uuid(),
    replacedBy: z.uuid().describe('The person who crossed instead'),
    ...base,
  }),
])
export type PersonEventInput = z.input<typeof PersonEventInput>
export type PersonEventParsed = z.output<typeof PersonEventInput>

/** Event kinds written only by the system itself (registration, corrections). */
export const SYSTEM_EVENT_TYPES = ['captured', 'registered', 'amended'] as const
/** Event kinds a registrar records. */
export const RECORDABLE_EVENT_TYPES = [
  'arrived',
  'transferred',
  'hospitalised',
  'discharged',
  'health_bulletin',
  'died',
  'escaped',
  'recaptured',
  'released',
  'repatriated',
  'exchanged',
  'confirmed',
] as const
/**
 * Facts about a person that every exchange reads (consent, GC III Art. 109 refusal, criminal
 * proceedings): recorded like events, dated, but they never change where the person stands.
 */
export const FACT_EVENT_TYPES = [
  'consent_given',
  'consent_withdrawn',
  'refused_repatriation',
  'proceedings_opened',
  'proceedings_closed',
] as const
/** Written only by an exchange's completion: what became of a listed person who did not cross. */
export const EXCHANGE_EVENT_TYPES = ['did_not_cross', 'replaced'] as const
/** Event kinds that leave the custody status as it is. */
export const STATUS_NEUTRAL_TYPES: readonly string[] = [...FACT_EVENT_TYPES, ...EXCHANGE_EVENT_TYPES]
export const EVENT_TYPES = [
  ...SYSTEM_EVENT_TYPES,
  ...RECORDABLE_EVENT_TYPES,
  ...FACT_EVENT_TYPES,
  ...EXCHANGE_EVENT_TYPES,
] as const
export type EventType = (typeof EVENT_TYPES)[number]

/** An event as stored: what the fold reads. */
export type PersonEvent = {
  seq: number
  type: EventType
  occurredOn: string
  facilityId: string | null
  details: Record<string, unknown>
}
