import { z } from 'zod'
import type { Permission } from '../auth/roles'
import { FACT_FILTER_NAMES, type FactFilter } from '../custody/facts'
import { CalendarDate, Health, PersonCategory, Sex } from '../custody/model'
import { PERSON_STATUSES } from '../custody/state'
import { CAPTIVITY, MISSING_STATUSES } from '../missing/state'

/** What can be exported: the lists a reader works from, and the dashboard's figures. */
export const EXPORT_LISTS = ['register', 'fund', 'missing', 'enquiries', 'handover', 'dashboard'] as const
export type ExportList = (typeof EXPORT_LISTS)[number]

export const EXPORT_FORMATS = ['xlsx', 'csv', 'pdf'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

export const EXPORT_LANGUAGES = ['en', 'uk'] as const
export type ExportLanguage = (typeof EXPORT_LANGUAGES)[number]

/**
 * Above this many rows an export runs as a job (progress, the file kept for its owner) instead of
 * streaming in the request: a browser tab waiting minutes on one response is lost at the first
 * network hiccup, and a proxy's time-out cuts it without a word.
 */
export const DIRECT_EXPORT_LIMIT = 5_000

// The same filters the lists' own pages send (src/custody/routes.ts, src/missing/routes.ts), so
// an export is "this page, every row of it".
const q = z
  .string()
  .trim()
  .max(200)
  .optional()
  .describe('Surname prefix (as written or in Latin letters) or service number')

export const RegisterFilter = z.strictObject({
  q,
  status: z.enum(PERSON_STATUSES).optional(),
  category: PersonCategory.optional(),
  facilityId: z.uuid().optional(),
  captureId: z.uuid().optional(),
  fact: z.enum(FACT_FILTER_NAMES as [FactFilter, ...FactFilter[]]).optional(),
  confirmation: z.enum(['confirmed', 'unconfirmed', 'all']).optional(),
  held: z.enum(['true']).optional(),
  sex: Sex.optional(),
  health: z.enum([...Health.options, 'seriously_wounded_or_sick']).optional(),
  registeredFrom: z.iso.date({ error: 'must be a date YYYY-MM-DD' }).optional(),
  registeredTo: z.iso.date({ error: 'must be a date YYYY-MM-DD' }).optional(),
  sort: z.enum(['registerNumber', 'surname', 'dateOfBirth', 'status']).optional(),
  direction: z.enum(['asc', 'desc']).optional(),
})
export type RegisterFilter = z.infer<typeof RegisterFilter>

/** The exchange fund: persons held now who consented to go home (the register's own filters narrow it). */
export const FundFilter = RegisterFilter.omit({ held: true, fact: true, status: true })

export const MissingFilter = z.strictObject({
  q,
  status: z.enum(MISSING_STATUSES).optional(),
  captivity: z.enum(CAPTIVITY).optional(),
  unit: z.string().trim().max(200).optional(),
  region: z.string().trim().max(100).optional(),
  from: CalendarDate.optional(),
  to: CalendarDate.optional(),
  source: z.string().trim().max(300).optional(),
})

export const EnquiryFilter = z.strictObject({
  state: z.enum(['open', 'closed', 'all']).optional(),
  missingPersonId: z.uuid().optional(),
})

/** An exchange's handover: every row of its sheet, the exchange named by its id (required). */
export const HandoverFilter = z.strictObject({
  exchangeId: z.uuid({ error: 'must be the id of an exchange' }).describe('The exchange whose handover'),
})

export const DASHBOARD_SECTIONS = ['held', 'fund', 'ours', 'notices', 'enquiries', 'exchanges'] as const
const Day = z.iso.date({ error: 'must be a date YYYY-MM-DD' })
export const DashboardFilter = z
  .strictObject({
    section: z.enum(DASHBOARD_SECTIONS).optional().describe('One section of the overview; all when absent'),
    from: Day.optional().describe('As GET /dashboard: first day of the figures over time'),
    to: Day.optional().describe('As GET /dashboard: last day of the figures over time'),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { path: ['from'], message: 'from is after to' })

/** Each list's filters, as strict schemas: a filter the list does not know is refused by its name. */
export const FILTERS = {
  register: RegisterFilter,
  fund: FundFilter,
  missing: MissingFilter,
  enquiries: EnquiryFilter,
  handover: HandoverFilter,
  dashboard: DashboardFilter,
} as const satisfies Record<ExportList, z.ZodType>

/** What a reader needs to export each list: the permission that lets them read it. */
export const READ_PERMISSION: Record<ExportList, Permission> = {
  register: 'persons.read',
  fund: 'exchanges.read',
  missing: 'missing.read',
  enquiries: 'enquiries.read',
  handover: 'exchanges.read',
  dashboard: 'dashboard.read',
}

export const ExportRequest = z.object({
  list: z.enum(EXPORT_LISTS),
  format: z.enum(EXPORT_FORMATS),
  lang: z.enum(EXPORT_LANGUAGES).default('en'),
  filters: z.record(z.string(), z.string()).default({}),
})
export type ExportRequest = z.infer<typeof ExportRequest>
