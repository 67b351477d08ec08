import { z } from 'zod'

// The answers of the custody routes, as the API documents them and the web app's types are generated
// from (npm run gen:api). Each is registered once by id, so the OpenAPI document names it once.

const text = z.string().nullable()

/**
 * A person as this reader may see them. Fields the reader's role may not see are absent (not
 * null): family particulars for the ICRC liaison and the negotiator, names and numbers for the
 * analyst (whose date of birth is the year only).
 */
export const PersonShown = z
  .object({
    id: z.uuid(),
    registerNumber: z.number().int(),
    category: z
      .string()
      .describe('prisoner_of_war, civilian_internee, retained_personnel, status_undetermined'),
    confirmation: z.string().describe('confirmed or unconfirmed'),
    surname: z.string().optional(),
    firstNames: text.optional(),
    patronymic: text.optional(),
    nameScript: z.string(),
    surnameLatin: text.optional(),
    firstNamesLatin: text.optional(),
    sex: text,
    rank: text,
    serviceNumber: text.optional(),
    dateOfBirth: text.describe('YYYY, YYYY-MM or YYYY-MM-DD'),
    placeOfBirth: text.optional(),
    powerDependedOn: text,
    nationality: text,
    fatherFirstName: text.optional(),
    motherMaidenName: text.optional(),
    nextOfKin: z.object({ name: text, address: text }).optional(),
    lastResidence: text.optional(),
    distinguishingMarks: text.optional(),
    unit: text,
    captureId: z.uuid().nullable(),
    art17Complete: z.boolean().describe('The particulars GC III Art. 17 asks for are all known'),
    status: z.string(),
    facilityId: z.uuid().nullable(),
    health: text,
    lastEventOn: text,
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int().describe('Send back as expectedVersion to correct particulars'),
  })
  .meta({ id: 'Person' })

export const PersonPage = z
  .object({ items: z.array(PersonShown), nextCursor: z.string().nullable() })
  .meta({ id: 'PersonPage' })

export const PersonCount = z
  .object({ total: z.number().int(), capped: z.boolean().describe('More than 100,000: total is the cap') })
  .meta({ id: 'PersonCount' })

/**
 * What an event carries besides its date and place, by kind (GC III Art. 122 changes). More keys may
 * follow as kinds are added; a reader takes the ones it knows.
 */
const PersonEventDetails = z
  .looseObject({
    health: z.string().optional().describe('hospitalised, discharged, health_bulletin: the health reported'),
    cause: z.string().optional().describe('died: the cause'),
    place: z.string().nullable().optional().describe('captured, died: the place'),
    captureId: z.uuid().nullable().optional().describe('captured: the group capture'),
    heardBy: z.string().optional().describe('refused_repatriation: who heard the refusal'),
    reference: z.string().optional().describe('proceedings: the case number'),
    exchangeId: z.uuid().optional().describe('exchanged, did_not_cross: the exchange'),
    stage: z.number().int().optional().describe('exchanged: the handover stage'),
    substituteFor: z.uuid().optional().describe('exchanged: crossed instead of this person'),
    replacedBy: z.uuid().optional().describe('replaced: the person who crossed instead'),
    reason: z.string().optional().describe('Why (did_not_cross: no_show or refused); full readers only'),
    note: z.string().optional().describe("Staff's note; full readers only"),
  })
  .describe('What the kind of event carries; free text (note, reason) for full readers only')

export const PersonEventShown = z
  .object({
    id: z.uuid(),
    seq: z.number().int(),
    type: z.string(),
    occurredOn: z.string(),
    facilityId: z.uuid().nullable(),
    details: PersonEventDetails,
    source: z.string(),
    authorId: z.string(),
    recordedAt: z.string(),
  })
  .meta({ id: 'PersonEvent' })

export const Capture = z
  .object({
    id: z.uuid(),
    capturedOn: z.string(),
    place: z.string(),
    capturingUnit: text,
    source: z.string(),
    notes: text,
    personCount: z.number().int(),
  })
  .meta({ id: 'Capture' })

export const Facility = z
  .object({
    id: z.uuid(),
    name: z.string(),
    kind: z.string().describe('camp, transit_camp, hospital, detention_centre'),
    capacity: z.number().int().nullable(),
    location: text,
    occupancy: z.number().int(),
  })
  .meta({ id: 'Facility' })

export const RegisterCounts = z
  .object({
    byStatus: z.record(z.string(), z.number()),
    byCategory: z.record(z.string(), z.number()),
    unconfirmed: z.number().int(),
    total: z.number().int(),
  })
  .meta({ id: 'RegisterCounts' })

/** A person as registered or changed, in full: the writer may see everything they wrote. */
export const PersonWritten = PersonShown.required().meta({ id: 'PersonWritten' })
