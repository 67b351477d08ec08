import { z } from 'zod'
import { CalendarDate, PartialDateInput, Sex } from '../custody/model'

const text = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`)
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .transform((v) => (v === '' ? undefined : v))
    .optional()

/**
 * What is known of one of our people who is missing: the Art. 17 particulars as far as a family or
 * a unit knows them (only the surname is required), where they served, how to recognise them.
 */
export const SoughtParticulars = z.object({
  surname: text(200).describe('As written, in any script'),
  firstNames: optionalText(200),
  patronymic: optionalText(200),
  sex: Sex.optional(),
  rank: optionalText(100),
  serviceNumber: optionalText(100).describe('Army, regimental, personal or serial number (GC III Art. 17)'),
  dateOfBirth: PartialDateInput,
  placeOfBirth: optionalText(200),
  unit: optionalText(200).describe('Military unit, as the family or the unit names it'),
  region: optionalText(100).describe('Region (oblast) the person went missing in'),
  distinguishingMarks: optionalText(1000),
  photoRef: optionalText(500).describe('Reference of a stored photograph (file name or archive number)'),
})
export type SoughtParticulars = z.output<typeof SoughtParticulars>
export const PARTICULAR_FIELDS = Object.keys(SoughtParticulars.shape) as (keyof SoughtParticulars)[]

/** The last sighting: when, where, in what circumstances, seen by whom. */
export const LastSeen = z.object({
  on: CalendarDate.optional().describe('Date last seen'),
  place: optionalText(300),
  circumstances: optionalText(2000),
  witness: optionalText(300).describe('Who saw the person last'),
})

export const Language = z.enum(['uk', 'en', 'ru'])

/** Who reported: a family member or a unit, with how to reach them and in which language. */
export const Reporter = z.object({
  name: text(200).describe('Who reports'),
  relation: optionalText(100).describe('Mother, wife, brother... or the reporting unit'),
  contact: optionalText(300).describe('Telephone, address or e-mail'),
  language: Language.default('uk').describe('Language the reporter wants answers in'),
})

/**
 * The reporter's consent (RFL Code of Conduct): whether the data may be used to trace at all, and
 * with whom it may be shared. Absent means no: nothing is shared on a guess.
 */
export const Consent = z.object({
  use: z.boolean().default(false).describe('May the bureau use the data to trace the person'),
  shareIcrc: z.boolean().default(false).describe('May it be shared with the ICRC'),
  shareOtherSide: z.boolean().default(false).describe('May it be shared with the other side'),
  sharePublic: z.boolean().default(false).describe('May it be made public'),
  givenOn: CalendarDate.optional().describe('Date the consent was given'),
})
export type Consent = z.output<typeof Consent>

/** One report of one missing person: who reports, their consent, what they know, and its source. */
export const MissingReport = z.object({
  reporter: Reporter,
  consent: Consent.prefault({}),
  lastSeen: LastSeen.prefault({}),
  receivedOn: CalendarDate.optional().describe('Date the report came in; default today'),
  source: text(300)
    .default('registrar')
    .describe('Channel or document: hotline, letter, unit report, register import'),
})

/** A new record, from its first report. */
export const CreateMissing = SoughtParticulars.extend(MissingReport.shape)
export type CreateMissing = z.input<typeof CreateMissing>
export type CreateMissingParsed = z.output<typeof CreateMissing>

/** A further report of a person already in the register, with what this reporter knows of them. */
export const AddReport = MissingReport.extend({ particulars: SoughtParticulars.partial().default({}) })
export type AddReport = z.input<typeof AddReport>
export type AddReportParsed = z.output<typeof AddReport>
