import { z } from 'zod'
import { ReportedQuestion, ReportedShown } from '../reported/model'

// The dashboard's answer, as GET /api/v1/dashboard documents it. Every figure is a count of
// confirmed records (unconfirmed reports stay out until confirmed), keyed by the value the
// register's filters take, so a client can link a figure to the list behind it.

const Count = z.object({ key: z.string(), n: z.number().int() })

export const FacilityLoad = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.string(),
  capacity: z.number().int().nullable(),
  occupancy: z.number().int().describe('Persons held there now'),
})

export const FundGroup = z.object({
  group: z
    .string()
    .describe(
      'seriously_wounded_or_sick, woman, young, longest_held or other: the first default priority that applies (GC III Arts 109-110 first)',
    ),
  held: z.number().int(),
  consent: z.number().int().describe('Consent to repatriation given (the latest word)'),
  refused: z.number().int().describe('Refused repatriation (GC III Art. 109)'),
  proceedings: z.number().int().describe('Criminal proceedings open (Art. 115)'),
  eligible: z.number().int().describe('Consent, no refusal, no proceedings open'),
})

export const ExchangeFigure = z.object({
  id: z.uuid(),
  name: z.string(),
  status: z.string(),
  on: z.string().describe('The day the last person crossed, else the last change'),
  given: z.number().int().describe('Persons we handed over (crossed)'),
  received: z.number().int().describe('Our people who came home (crossed)'),
  plannedGive: z.number().int().describe("The latest round's list of persons to give"),
  plannedReceive: z.number().int().describe("The latest round's list of our people to receive"),
})

export const ReportedBeside = z.object({
  question: ReportedQuestion,
  confirmed: z.number().int().describe('What we have confirmed by name for the same question'),
  low: z.number().int().nullable().describe('The lowest figure the sources (refuted ones aside) claim'),
  high: z.number().int().nullable().describe('The highest'),
  lowClaimed: z.string().nullable().describe('The lowest claim as it was said ("hundreds")'),
  highClaimed: z.string().nullable(),
  sources: z.array(ReportedShown),
})

export const Dashboard = z
  .object({
    computedAt: z.string().describe('When these figures were computed (they are cached for a short time)'),
    today: z.string(),
    cacheSeconds: z.number().int().describe('How long an answer is reused when nothing was written'),
    range: z
      .object({ from: z.string().nullable(), to: z.string().nullable() })
      .nullable()
      .optional()
      .describe(
        'The dates asked for (both included): registrations per week, time held (of those captured then), our people by month and exchanges are narrowed to them; the figures of now are not',
      ),
    held: z.object({
      total: z.number().int().describe('Persons held now: captured, interned or hospitalised'),
      unconfirmed: z.number().int().describe('Unconfirmed reports, kept apart and not counted'),
      byStatus: z.array(Count).describe('The whole register (held and no longer held) by status'),
      byCategory: z.array(Count),
      byFacility: z.array(FacilityLoad),
      unplaced: z.number().int().describe('Held, not at a facility yet'),
      byHealth: z.array(Count),
      seriouslyWoundedOrSick: z.number().int(),
      bySex: z.array(Count).describe('key "unknown" where the sex is not recorded'),
      registeredPerWeek: z.array(z.object({ week: z.string(), n: z.number().int() })),
      timeHeld: z
        .array(Count)
        .describe('Days since capture: under_30d, d30_90, d90_180, d180_365, y1_2, over_2y'),
    }),
    fund: z.object({
      eligible: z.number().int(),
      consent: z.number().int(),
      refused: z.number().int(),
      proceedings: z.number().int(),
      groups: z.array(FundGroup),
    }),
    ours: z.object({
      missing: z.number().int().describe('Still missing (returned, dead and found aside)'),
      captivityIndicated: z.number().int().describe('Of the missing, captivity indicated'),
      captivityConfirmed: z.number().int().describe('Of the missing, captivity confirmed'),
      returned: z.number().int(),
      dead: z.number().int(),
      byMonth: z.array(
        z.object({
          month: z.string(),
          reportedMissing: z.number().int(),
          captivityIndicated: z.number().int(),
          captivityConfirmed: z.number().int(),
          returned: z.number().int(),
        }),
      ),
    }),
    notices: z.object({ open: z.number().int(), overdue: z.number().int() }),
    enquiries: z
      .object({ open: z.number().int(), overdue: z.number().int() })
      .nullable()
      .describe('Family enquiries open, and of those overdue (a follow-up missed, or unanswered too long)'),
    exchanges: z.object({
      done: z.number().int(),
      planned: z.number().int().describe('Draft, proposed, agreed or executing'),
      given: z.number().int().describe('Persons handed over in every exchange'),
      received: z.number().int().describe('Our people received in every exchange'),
      items: z.array(ExchangeFigure),
    }),
    reported: z.array(ReportedBeside),
  })
  .meta({ id: 'Dashboard' })
export type Dashboard = z.infer<typeof Dashboard>
