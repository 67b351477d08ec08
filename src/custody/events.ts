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
  z.object({ type: z.literal('exchanged'), ...base }),
  z.object({ type: z.literal('confirmed'), ...base }),
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
export const EVENT_TYPES = [...SYSTEM_EVENT_TYPES, ...RECORDABLE_EVENT_TYPES] as const
export type EventType = (typeof EVENT_TYPES)[number]

/** An event as stored: what the fold reads. */
export type PersonEvent = {
  seq: number
  type: EventType
  occurredOn: string
  facilityId: string | null
  details: Record<string, unknown>
}
