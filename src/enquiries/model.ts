import { z } from 'zod'
import { CalendarDate } from '../custody/model'
import { Consent, Language, SoughtParticulars } from '../missing/model'

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .transform((v) => (v === '' ? undefined : v))
    .optional()

/** How an enquiry reached the bureau, and how a reply goes back. */
export const CHANNELS = ['phone', 'letter', 'in_person', 'email'] as const
export const Channel = z.enum(CHANNELS)
export type Channel = z.infer<typeof Channel>

/** Who asks: a family member (or someone for them), how to reach them, the language they want. */
export const Enquirer = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  relation: optionalText(100).describe('Mother, wife, brother...'),
  contact: optionalText(300).describe('Telephone, address or e-mail'),
  language: Language.default('uk').describe('Language the reply is written in'),
})

/**
 * An enquiry as the operator takes it: who asks, about whom, and their consent. `missingPersonId`
 * names a person already in the register; otherwise `person` gives what the enquirer knows, and a
 * new record is made with the enquirer as its reporter.
 */
export const TakeEnquiry = z
  .object({
    channel: Channel,
    enquirer: Enquirer,
    consent: Consent.prefault({}),
    receivedOn: CalendarDate.optional().describe('Date the enquiry came in; default today'),
    note: optionalText(2000).describe('What the enquirer said beyond the particulars'),
    missingPersonId: z.uuid('must be a record of the missing-persons register').optional(),
    person: SoughtParticulars.optional().describe('The sought person, when not yet in the register'),
  })
  .superRefine((v, ctx) => {
    if (!v.missingPersonId && !v.person)
      ctx.addIssue({
        code: 'custom',
        path: ['person', 'surname'],
        message: 'must not be empty: name the sought person or choose their record',
      })
  })
export type TakeEnquiry = z.input<typeof TakeEnquiry>

export const Decision = z.object({
  decision: z.enum(['confirmed', 'rejected']),
  note: optionalText(1000),
})

export const CandidateRef = z.object({
  source: z.enum(['custody', 'missing', 'list']),
  ref: z.string().min(1).max(200),
})

/** A draft: the text is the tracer's (edited) words; absent, it is drafted from the templates. */
export const DraftReply = z.object({
  language: Language.optional().describe("Default: the enquirer's language"),
})
export const EditReply = z.object({
  body: z.string().trim().min(1, 'must not be empty').max(20_000, 'must be at most 20000 characters'),
})
export const SendReply = z.object({
  how: Channel,
  sentOn: CalendarDate.optional().describe('Default today'),
})

export const AddFollowUp = z.object({
  dueOn: CalendarDate,
  what: z.string().trim().min(1, 'must not be empty').max(1000, 'must be at most 1000 characters'),
})

export const CloseEnquiry = z.object({
  reason: z.string().trim().min(1, 'must not be empty').max(1000, 'must be at most 1000 characters'),
})

/** The bureau's setting: an enquiry unanswered this many days is overdue. */
export const EnquirySettings = z.object({
  overdueAfterDays: z
    .number()
    .int()
    .min(1)
    .max(365)
    .describe('An open enquiry unanswered this long is overdue'),
})
export type EnquirySettings = z.infer<typeof EnquirySettings>
export const ENQUIRY_DEFAULTS: EnquirySettings = { overdueAfterDays: 30 }
