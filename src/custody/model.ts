import { z } from 'zod'
import { parsePartialDate } from './partial-date'

/** Legal category of a person in our power: who the Conventions protect, and how. */
export const PersonCategory = z
  .enum(['prisoner_of_war', 'civilian_internee', 'retained_personnel', 'status_undetermined'])
  .describe(
    'GC III Art. 4 prisoner of war; GC IV civilian internee; GC III Art. 33 retained medical or religious personnel; status undetermined pending an Art. 5 tribunal',
  )
export type PersonCategory = z.infer<typeof PersonCategory>

export const Confirmation = z
  .enum(['confirmed', 'unconfirmed'])
  .describe('Unconfirmed reports are kept apart and left out of counts until confirmed')
export type Confirmation = z.infer<typeof Confirmation>

export const Sex = z.enum(['male', 'female'])

/** Health as the capture card (GC III Annex IV B) lets a prisoner report it, plus seriously sick (Art. 110). */
export const Health = z.enum([
  'good',
  'not_wounded',
  'recovered',
  'convalescent',
  'sick',
  'seriously_sick',
  'slightly_wounded',
  'seriously_wounded',
])
export type Health = z.infer<typeof Health>

const text = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`)
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .transform((v) => (v === '' ? undefined : v))
    .optional()

/** A calendar date, ISO `YYYY-MM-DD` or `DD.MM.YYYY`, normalised to ISO. */
export const CalendarDate = z.string().transform((v, ctx) => {
  const parsed = parsePartialDate(v)
  if (!parsed.ok || parsed.value.length !== 10) {
    ctx.addIssue({
      code: 'custom',
      message: parsed.ok ? `${v} is not a full date (day, month and year)` : parsed.message,
    })
    return z.NEVER
  }
  return parsed.value
})

/** A date that may be partial (year, or year and month), as dates of birth often are. */
export const PartialDateInput = z
  .string()
  .transform((v, ctx) => {
    if (v.trim() === '') return undefined
    const parsed = parsePartialDate(v)
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: parsed.message })
      return z.NEVER
    }
    return parsed.value
  })
  .optional()
  .describe('YYYY-MM-DD, DD.MM.YYYY, YYYY-MM or YYYY; partial dates are kept as given')

export const NextOfKin = z.object({ name: optionalText(200), address: optionalText(500) })

/**
 * The particulars of a person: only the surname is required at first; the Art. 17 minimum
 * (surname, first names, rank, date of birth, service number) may be completed later "by all
 * possible means", so its completeness is computed, not enforced.
 */
export const PersonParticulars = z.object({
  category: PersonCategory,
  surname: text(200).describe('As written, in any script'),
  firstNames: optionalText(200).describe('Given name(s) as written'),
  patronymic: optionalText(200),
  sex: Sex.optional(),
  rank: optionalText(100),
  serviceNumber: optionalText(100).describe('Army, regimental, personal or serial number (GC III Art. 17)'),
  dateOfBirth: PartialDateInput,
  placeOfBirth: optionalText(200),
  powerDependedOn: optionalText(100).describe('The Power on which the person depends (GC III Art. 122)'),
  nationality: optionalText(100),
  fatherFirstName: optionalText(200),
  motherMaidenName: optionalText(200),
  nextOfKin: NextOfKin.optional(),
  lastResidence: optionalText(500),
  distinguishingMarks: optionalText(1000),
  unit: optionalText(200),
})
export type PersonParticulars = z.infer<typeof PersonParticulars>

/** Registering one person: particulars, plus where and when they came into our power. */
export const RegisterPerson = PersonParticulars.extend({
  confirmation: Confirmation.default('confirmed'),
  captureId: z.uuid().optional().describe('The capture this person was taken in, if already recorded'),
  capturedOn: CalendarDate.optional().describe(
    'Date of capture; taken from the capture when captureId is given',
  ),
  capturePlace: optionalText(300),
  facilityId: z.uuid().optional().describe('Facility the person arrived at, if known'),
  source: text(300).default('registrar').describe('Where this information comes from'),
})
export type RegisterPerson = z.input<typeof RegisterPerson>
export type RegisterPersonParsed = z.output<typeof RegisterPerson>

/** A correction of particulars: the changed fields and the reason, which the audit trail keeps. */
export const AmendPerson = z.object({
  changes: PersonParticulars.partial().refine(
    (c) => Object.keys(c).length > 0,
    'name at least one field to change',
  ),
  reason: text(1000).describe('Why the particulars are corrected'),
  expectedVersion: z
    .number()
    .int()
    .positive()
    .optional()
    .describe('Refuse the change if someone else amended first'),
})
export type AmendPerson = z.input<typeof AmendPerson>

/** One group capture ("102 soldiers of one regiment captured on one day"): the capture and everyone in it. */
export const RegisterCapture = z.object({
  capturedOn: CalendarDate,
  place: text(300),
  capturingUnit: optionalText(200),
  source: text(300),
  notes: optionalText(2000),
  facilityId: z.uuid().optional().describe('Facility all persons arrived at, if the same'),
  persons: z
    .array(PersonParticulars.extend({ confirmation: Confirmation.default('confirmed') }))
    .min(1, 'a capture holds at least one person')
    .max(5000, 'at most 5000 persons in one capture'),
})
export type RegisterCapture = z.input<typeof RegisterCapture>

export const FacilityKind = z.enum(['camp', 'transit_camp', 'hospital', 'detention_centre'])
export const CreateFacility = z.object({
  name: text(200),
  kind: FacilityKind,
  capacity: z.number().int().min(0).optional(),
  location: optionalText(300),
})
export type CreateFacility = z.input<typeof CreateFacility>
