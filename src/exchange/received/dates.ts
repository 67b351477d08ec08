/**
 * Dates as the other side's lists write them. A list is kept as received: a date that cannot be
 * (2000-27-02, 31.02.1990, a year to come) is kept as written and flagged, and the planner reads
 * the most it can from it (day and month the other way round, else the year), never an invented day.
 */
import { readLinkDate } from '../../linkage/dates'

export type DateFlag = { code: string; params: Record<string, string | number> }

export type ReceivedDate = {
  /** as written in the list */
  written: string
  /** ISO partial date the planner and the matcher use; '' when nothing can be read */
  value: string
  flag: DateFlag | null
}

/** Reads a date of a received list; `today` bounds dates that have not happened yet. */
export function readReceivedDate(field: string, text: string, today: string): ReceivedDate {
  const written = text.trim()
  if (!written) return { written, value: '', flag: null }
  const read = readLinkDate(written)
  if (read.value && read.value > today.slice(0, read.value.length))
    return { written, value: '', flag: { code: 'date_in_future', params: { field, written } } }
  if (!read.warning) return { written, value: read.value, flag: null }
  const swapped = /swapped/.test(read.warning)
  const code = swapped ? 'day_month_swapped' : read.value ? 'date_impossible' : 'date_unreadable'
  return { written, value: read.value, flag: { code, params: { field, written, read: read.value } } }
}

/** Year, month and day of a date as written, in whichever order it was written (0 when absent). */
function parts(text: string): [number, number, number] | null {
  const t = text.trim()
  let m = /^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?$/.exec(t)
  if (m) return [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)]
  m = /^(?:(\d{1,2})[./-])?(\d{1,2})[./-](\d{4})$/.exec(t)
  if (m) return [Number(m[3]), Number(m[2]), Number(m[1] ?? 0)]
  return null
}

export type DateAgreement = 'same' | 'day_month_swapped' | 'partial' | 'unknown' | 'different'

/**
 * How two written dates of birth agree: the same day; the same with day and month the other way
 * round (a slip of the pen); one only a year or month that the other falls in; one missing.
 */
export function compareDates(a: string, b: string): DateAgreement {
  const x = parts(a)
  const y = parts(b)
  if (!x || !y) return 'unknown'
  if (x[0] !== y[0]) return 'different'
  if (x[1] === y[1] && x[2] === y[2]) return 'same'
  if (x[1] && x[2] && x[1] === y[2] && x[2] === y[1]) return 'day_month_swapped'
  if (!x[1] || !y[1] || (x[1] === y[1] && (!x[2] || !y[2]))) return 'partial'
  return 'different'
}
