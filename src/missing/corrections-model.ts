import { z } from 'zod'
import { MissingEventInput } from './events'

const reason = z
  .string()
  .trim()
  .min(1, 'say why (wrong date, wrong source, entered on the wrong person...)')
  .max(1000, 'must be at most 1000 characters')

/** An event as it should have been recorded, and why the one recorded was wrong. */
export const CorrectEvent = z.object({
  event: MissingEventInput.describe('The event as it should read'),
  reason: reason.describe('Why the event is corrected'),
})
export type CorrectEvent = z.input<typeof CorrectEvent>

/**
 * An event withdrawn: it did not happen, or not to this person. `moveTo` names the record it
 * belongs to, which then gets the same event with the same source.
 */
export const RetractEvent = z.object({
  reason: reason.describe('Why the event is retracted'),
  moveTo: z
    .uuid()
    .optional()
    .describe('The record the event was meant for, when entered on the wrong person'),
})
export type RetractEvent = z.input<typeof RetractEvent>
