import { z } from 'zod'
import { CAPTIVITY, MISSING_STATUSES } from './state'

/** Response shapes for the OpenAPI document; fields a reader's role hides are absent. */
const nullable = z.string().nullable().optional()

export const MissingPersonOut = z
  .object({
    id: z.uuid(),
    registerNumber: z.number(),
    surname: z.string().optional(),
    firstNames: nullable,
    patronymic: nullable,
    surnameLatin: nullable,
    sex: nullable,
    rank: nullable,
    serviceNumber: nullable,
    dateOfBirth: nullable,
    placeOfBirth: nullable,
    unit: nullable,
    region: nullable,
    distinguishingMarks: nullable,
    photoRef: nullable,
    lastSeen: z
      .object({ on: nullable, place: nullable, circumstances: nullable, witness: nullable })
      .optional(),
    disagreements: z.array(z.string()).describe('Fields on which the reports disagree'),
    status: z.enum(MISSING_STATUSES).describe('Missing until returned, found or confirmed dead'),
    captivity: z.enum(CAPTIVITY).describe('What is known of captivity, apart from the status'),
    deathReported: z.boolean().describe('A death reported by a source not sure enough to close the case'),
    bodyRepatriated: z.boolean(),
    lastFacility: nullable,
    lastEventOn: nullable,
    eventCount: z.number(),
    version: z.number(),
    mergedInto: z
      .uuid()
      .nullable()
      .optional()
      .describe('Set when this record was merged into another: open that one instead'),
    photo: nullable.describe('sha256 of the stored photograph: GET /missing/photos/{sha256}'),
  })
  .meta({ id: 'MissingPerson' })

export const MissingReportOut = z
  .object({
    id: z.uuid(),
    seq: z.number(),
    reporter: z
      .object({
        name: z.string(),
        relation: nullable,
        contact: nullable,
        language: z.enum(['uk', 'en', 'ru']),
      })
      .optional(),
    consent: z.object({
      use: z.boolean(),
      shareIcrc: z.boolean(),
      shareOtherSide: z.boolean(),
      sharePublic: z.boolean(),
      givenOn: nullable,
    }),
    particulars: z.record(z.string(), z.unknown()).optional().describe('What this report said'),
    lastSeen: z.record(z.string(), z.unknown()).optional(),
    receivedOn: z.string(),
    source: z.string(),
  })
  .meta({ id: 'MissingReport' })

/** What an event carries besides its date, source and confidence, by kind; a reader takes the keys it knows. */
const MissingEventDetails = z
  .looseObject({
    facility: z.string().optional().describe('seen_in_facility: where'),
    how: z.enum(['exchange', 'release', 'other']).optional().describe('returned: how'),
    place: z.string().optional().describe('reported_missing, died, found: where'),
    cause: z.string().optional().describe('died: the cause'),
    note: z.string().optional().describe("Staff's note; full readers only"),
  })
  .describe('What the kind of event carries')

export const MissingEventOut = z
  .object({
    seq: z.number(),
    type: z.string(),
    occurredOn: z.string(),
    source: z.string(),
    confidence: z.enum(['high', 'medium', 'low']),
    details: MissingEventDetails,
    recordedAt: z.string(),
    corrects: z.number().nullable().optional().describe('This row corrects or retracts event `corrects`'),
    retracted: z.boolean().optional().describe('A retraction: the corrected event is withdrawn'),
    reason: z.string().nullable().optional().describe('Why it was corrected or retracted; full readers only'),
    replacedBy: z
      .number()
      .nullable()
      .optional()
      .describe('The later row that corrects or retracts this one; the fold skips a replaced event'),
  })
  .meta({ id: 'MissingEvent' })

export const MissingRecordOut = z.object({
  person: MissingPersonOut,
  reports: z.array(MissingReportOut),
  events: z.array(MissingEventOut).describe('The history in the order things happened'),
  merged: z
    .array(z.object({ id: z.uuid(), registerNumber: z.number(), surname: z.string().optional() }))
    .describe('Records merged into this one (each can be taken out again)'),
})

export const MissingDuplicatesOut = z.object({
  items: z.array(
    z.object({
      person: MissingPersonOut,
      score: z.number().describe('How alike the names are, 0..1 (the name engine)'),
      evidence: z.array(z.enum(['name', 'service_number', 'date_of_birth'])).describe('What agrees'),
    }),
  ),
})

export const ReturnReviewOut = z
  .object({
    id: z.uuid(),
    missingPersonId: z.uuid(),
    registerNumber: z.number(),
    recordStatus: z.string(),
    mergedInto: z.uuid().nullable(),
    person: z.string().describe('The person who came home, as the exchange named them'),
    exchange: z.string(),
    returnedOn: z.string(),
    source: z.string(),
    reason: z.string().describe('Why the return could not be written'),
    raisedAt: z.string(),
    resolvedAt: z.string().nullable(),
    resolution: z.enum(['returned', 'dismissed']).nullable(),
    note: z.string().nullable(),
  })
  .meta({ id: 'ReturnReview' })

export const MissingPageOut = z.object({
  items: z.array(MissingPersonOut),
  nextBefore: z.number().nullable().describe('Pass as `before` for the next page'),
})

export const MissingImportOut = z.object({
  rows: z.number(),
  created: z.number(),
  unchanged: z.number().describe('Rows of this source imported before'),
  source: z.string(),
})
