/**
 * Dates of birth as linkage input gives them. Unlike the register, linkage keeps what it can: a
 * historical or archive list has persons born before 1900, and a date with an impossible month is
 * most often a day and month written the other way round. A date is never invented: what cannot be
 * read is dropped to the part that can (the year), with a warning naming what was done.
 */
export type LinkDate = { value: string; warning?: string }

const ISO = /^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?$/
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/
const DAY_FIRST = /^(?:(\d{1,2})[./-])?(\d{1,2})[./-](\d{4})$/
const ISO_TIME = /^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}/

/** Earliest year read as a date of birth: older numbers are typing errors, not persons. */
const FIRST_YEAR = 1800
const LAST_YEAR = 2100

export function readLinkDate(text: string): LinkDate {
  let t = text.trim()
  const time = ISO_TIME.exec(t)
  if (time) t = time[1]!
  const m = ISO.exec(t) ?? COMPACT.exec(t)
  const d = m ? null : DAY_FIRST.exec(t)
  if (!m && !d) return { value: '', warning: `"${text}" is not a date; read as unknown` }
  const year = Number(m ? m[1] : d![3])
  let month = Number((m ? m[2] : d![2]) ?? 0)
  let day = Number((m ? m[3] : d![1]) ?? 0)
  if (year < FIRST_YEAR || year > LAST_YEAR)
    return { value: '', warning: `${text} has an implausible year; read as unknown` }
  let warning: string | undefined
  if (month > 12 && day >= 1 && day <= 12 && month <= 31) {
    // 2000-27-02: no 27th month, but a 27th day; the writer swapped them
    ;[month, day] = [day, month]
    warning = `${text} has no month ${day}; read as day ${day} of month ${month} (day and month swapped?)`
  } else if (month > 12 || (month === 0 && day > 0)) {
    return { value: String(year), warning: `${text} has no month ${month}; only the year ${year} kept` }
  }
  if (day > daysInMonth(year, month)) {
    warning = `${text} has no day ${day} in month ${month}; year and month kept`
    day = 0
  }
  const mm = month ? `-${String(month).padStart(2, '0')}` : ''
  const dd = month && day ? `-${String(day).padStart(2, '0')}` : ''
  return { value: `${year}${mm}${dd}`, warning }
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}
