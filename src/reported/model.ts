import { z } from 'zod'
import { CalendarDate } from '../custody/model'

const text = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`)
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional()

/**
 * The questions a public figure answers, each one the dashboard also answers from our registers:
 * persons we hold, have captured, who died in our custody, whom we exchanged; our people the
 * other side holds, who are missing, killed, returned.
 */
export const REPORTED_QUESTIONS = [
  'held_by_us',
  'captured_by_us',
  'died_in_our_custody',
  'exchanged_by_us',
  'ours_held_by_them',
  'ours_missing',
  'ours_killed',
  'ours_returned',
] as const
export const ReportedQuestion = z.enum(REPORTED_QUESTIONS)
export type ReportedQuestion = z.infer<typeof ReportedQuestion>

/** "Called fake" is refuted; a refuted claim is listed but stays out of the range. */
export const ASSESSMENTS = ['unverified', 'corroborated', 'disputed', 'refuted'] as const
export const Assessment = z.enum(ASSESSMENTS)

const count = z.number().int('must be a whole number').min(0, 'must not be negative').max(100_000_000)

const fields = {
  question: ReportedQuestion.describe('Which figure the claim is about'),
  claimed: text(300).describe('The claim as it was said: "hundreds", "up to 2,000", "312"'),
  low: count.nullable().optional().describe('The lowest number the claim allows ("hundreds": 200)'),
  high: count.nullable().optional().describe('The highest ("up to 2,000": 2000)'),
  source: text(300).describe('Who said it: a ministry, an ombudsman, a news outlet, a person'),
  channel: optionalText(200).describe('Where: a briefing, television, a Telegram channel, a letter'),
  link: optionalText(2000).describe('Where it can be read again: a URL'),
  document: optionalText(500).describe('Or the document it is in: a reference, a file name'),
  claimedOn: CalendarDate.describe('When it was said'),
  aboutDate: CalendarDate.nullable().optional().describe('The date the figure is about, if said'),
  assessment: Assessment.default('unverified'),
  note: optionalText(4000).describe("The analyst's note: why this assessment"),
}

function rangeIssues(
  v: { low?: number | null; high?: number | null; link?: string | null },
  ctx: z.RefinementCtx,
) {
  if (v.low == null && v.high == null)
    ctx.addIssue({ code: 'custom', path: ['low'], message: 'give the lowest or the highest number claimed' })
  if (v.low != null && v.high != null && v.low > v.high)
    ctx.addIssue({ code: 'custom', path: ['low'], message: `${v.low} is more than the highest, ${v.high}` })
  if (v.link && !/^https?:\/\//i.test(v.link))
    ctx.addIssue({ code: 'custom', path: ['link'], message: 'must be a web address (http:// or https://)' })
}

export const ReportFigure = z.object(fields).superRefine(rangeIssues)
export type ReportFigure = z.input<typeof ReportFigure>

export const CorrectFigure = z
  .object({
    ...fields,
    expectedVersion: z.number().int().positive().describe('The version read; a newer one refuses the change'),
  })
  .superRefine(rangeIssues)
export type CorrectFigure = z.input<typeof CorrectFigure>

export const ReportedShown = z
  .object({
    id: z.uuid(),
    question: ReportedQuestion,
    claimed: z.string(),
    low: z.number().int().nullable(),
    high: z.number().int().nullable(),
    source: z.string(),
    channel: z.string().nullable(),
    link: z.string().nullable(),
    document: z.string().nullable(),
    claimedOn: z.string(),
    aboutDate: z.string().nullable(),
    assessment: Assessment,
    note: z.string().nullable(),
    createdBy: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'ReportedFigure' })
export type ReportedShown = z.infer<typeof ReportedShown>
