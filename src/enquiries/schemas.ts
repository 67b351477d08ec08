import { z } from 'zod'
import { CHANNELS } from './model'

/** Response shapes for the OpenAPI document; what a reader's role hides is absent. */
const nullable = z.string().nullable().optional()
const Language = z.enum(['uk', 'en', 'ru'])

const Urgency = z
  .object({
    ageDays: z.number().describe('Days since the enquiry came in (until closed)'),
    overdue: z.boolean(),
    reasons: z
      .array(z.enum(['follow_up_due', 'unanswered']))
      .describe('follow_up_due: a follow-up date passed; unanswered: older than the setting without a reply'),
    daysOverdue: z.number(),
  })
  .meta({ id: 'EnquiryUrgency' })

export const EnquiryOut = z
  .object({
    id: z.uuid(),
    number: z.number(),
    channel: z.enum(CHANNELS),
    enquirer: z
      .object({ name: z.string().optional(), relation: nullable, contact: nullable, language: Language })
      .describe('Who asks; name and contact only for readers with enquiries.contact'),
    consent: z.object({
      use: z.boolean(),
      shareIcrc: z.boolean(),
      shareOtherSide: z.boolean(),
      sharePublic: z.boolean(),
      givenOn: nullable,
    }),
    receivedOn: z.string(),
    note: nullable,
    state: z.enum(['open', 'closed']),
    answeredOn: nullable.describe('The day the first reply was sent'),
    closedOn: nullable,
    closedReason: nullable,
    searchedAt: nullable,
    stale: z.boolean().describe('A list or a register changed after the last search: search again'),
    newCandidates: z
      .number()
      .int()
      .describe('Undecided candidates the automatic search found after a list or a register changed'),
    nextFollowUpOn: nullable,
    urgency: Urgency,
    sought: z.object({
      id: z.uuid().describe('The record in the missing-persons register'),
      surname: z.string().optional(),
      firstNames: nullable,
      patronymic: nullable,
      dateOfBirth: nullable,
      status: z.string(),
      captivity: z.string(),
    }),
  })
  .meta({ id: 'Enquiry' })

const CandidateOut = z
  .object({
    source: z.enum(['custody', 'missing', 'list']),
    ref: z.string().describe('custody/missing: the record id; list: list id and row id'),
    label: z.string().optional().describe('The name as the record writes it'),
    born: nullable,
    detail: nullable,
    probability: z.number(),
    weight: z.number(),
    evidence: z.object({
      fields: z.array(z.object({ field: z.string(), level: z.string(), weight: z.number() })),
      prior: z.number(),
    }),
    decision: z.enum(['pending', 'confirmed', 'rejected']),
    decidedBy: nullable,
    decidedAt: nullable,
    decisionNote: nullable,
    foundAt: z.string(),
    firstFoundAt: z.string(),
    foundBy: z
      .enum(['search', 'research'])
      .describe("search: at intake or a tracer's search; research: the automatic search after a change"),
    isNew: z.boolean().describe('Found by the automatic search and not decided yet'),
  })
  .meta({ id: 'EnquiryCandidate' })

const ReplyOut = z
  .object({
    seq: z.number(),
    language: Language,
    body: z.string().optional().describe('Absent for readers without enquiries.contact'),
    withheld: z.array(z.string()).describe('What the draft left out and why'),
    draftedBy: z.string(),
    draftedAt: z.string(),
    updatedAt: z.string(),
    sentHow: nullable,
    sentOn: nullable,
    sentBy: nullable,
  })
  .meta({ id: 'EnquiryReply' })

const FollowUpOut = z
  .object({
    seq: z.number(),
    dueOn: z.string(),
    what: z.string(),
    doneOn: nullable,
    createdBy: z.string(),
    doneBy: nullable,
  })
  .meta({ id: 'EnquiryFollowUp' })

export const EnquiryDetailOut = EnquiryOut.extend({
  candidates: z.array(CandidateOut),
  replies: z.array(ReplyOut),
  followUps: z.array(FollowUpOut),
}).meta({ id: 'EnquiryDetail' })

export const EnquiryPageOut = z
  .object({
    items: z.array(EnquiryOut),
    overdueAfterDays: z.number(),
    today: z.string(),
  })
  .meta({ id: 'EnquiryPage' })

export const EnquirySettingsOut = z.object({ overdueAfterDays: z.number() }).meta({ id: 'EnquirySettings' })
