import type { Clock } from '../core/clock'
import type { Db } from '../db/connection'
import { countOpen, sentByMonth } from './store'

/** One month of sending (UTC): how many notices went out, how many after their deadline, and how fast. */
export type NoticeMonth = {
  /** YYYY-MM */
  month: string
  sent: number
  /** sent after their deadline (GC III Arts 70, 122; GC IV Arts 106, 136) */
  sentLate: number
  /** median whole days from the event that raised a notice to the day its batch was sent */
  medianDays: number
}

/** The dashboard's figure of what the bureau owes the ICRC. */
export type NoticeFigures = {
  /** today (UTC), by the injected clock */
  on: string
  /** notices due or prepared */
  open: number
  /** of those, past their deadline today */
  overdue: number
  /** the first day of the first month counted */
  since: string
  /** months in which something was sent, oldest first; months with nothing sent are absent */
  months: NoticeMonth[]
}

/** The first day of the month `months - 1` months before the month of `on`. */
export function windowStart(on: string, months: number): string {
  const start = new Date(`${on.slice(0, 7)}-01T00:00:00Z`)
  start.setUTCMonth(start.getUTCMonth() - (months - 1))
  return start.toISOString().slice(0, 10)
}

/**
 * Notices overdue now, and per month of sending the median days from event to sent: what the
 * dashboard shows and GET /api/v1/notices/figures returns. Counts only: not a disclosure.
 * @example await noticeFigures(db, clock) // { on, open, overdue, since, months: [{ month, sent, sentLate, medianDays }] }
 */
export async function noticeFigures(db: Db, clock: Clock, months = 12): Promise<NoticeFigures> {
  const on = clock().toISOString().slice(0, 10)
  const since = windowStart(on, months)
  return { on, ...(await countOpen(db, on)), since, months: await sentByMonth(db, since) }
}
