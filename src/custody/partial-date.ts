/**
 * Dates of birth often arrive incomplete: GC III Art. 17 asks for the date of birth, and a list may
 * give only the year ("1989") or year and month. Such dates are kept as given, never padded to
 * 1 January, which would invent a fact and mislead record linkage.
 */
export type PartialDate = string

const ISO = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/
const DOTTED = /^(?:(\d{1,2})\.)?(\d{1,2})\.(\d{4})$/

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

/**
 * Reads `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, `MM.YYYY` or `DD.MM.YYYY` into the ISO partial form.
 * @returns the ISO partial date, or an error message a registrar can act on
 */
export function parsePartialDate(
  text: string,
): { ok: true; value: PartialDate } | { ok: false; message: string } {
  const t = text.trim()
  let year: number
  let month: number | undefined
  let day: number | undefined
  const iso = ISO.exec(t)
  const dotted = iso ? null : DOTTED.exec(t)
  if (iso) {
    year = Number(iso[1])
    month = iso[2] ? Number(iso[2]) : undefined
    day = iso[3] ? Number(iso[3]) : undefined
  } else if (dotted) {
    year = Number(dotted[3])
    month = Number(dotted[2])
    day = dotted[1] ? Number(dotted[1]) : undefined
  } else {
    return { ok: false, message: `"${text}" is not a date (use YYYY-MM-DD, DD.MM.YYYY, YYYY-MM or YYYY)` }
  }
  if (year < 1900 || year > 2100) return { ok: false, message: `${text} has an implausible year` }
  if (month !== undefined && (month < 1 || month > 12))
    return { ok: false, message: `${text} is not a date (no month ${month})` }
  if (day !== undefined && month !== undefined && (day < 1 || day > daysInMonth(year, month))) {
    return { ok: false, message: `${text} is not a date` }
  }
  const mm = month === undefined ? '' : `-${String(month).padStart(2, '0')}`
  const dd = day === undefined ? '' : `-${String(day).padStart(2, '0')}`
  return { ok: true, value: `${year}${mm}${dd}` }
}

export function isFullDate(d: PartialDate | null | undefined): boolean {
  return typeof d === 'string' && d.length === 10
}

export function yearOf(d: PartialDate | null | undefined): number | null {
  return d ? Number(d.slice(0, 4)) : null
}
