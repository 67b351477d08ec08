/**
 * Dates and times as each language writes them: Ukrainian 14.03.2026 and a 24-hour clock, English
 * 14 Mar 2026. Stored values stay ISO (YYYY-MM-DD, partial dates YYYY-MM or YYYY); only display
 * changes, so a registrar reads the dates the way the paper forms write them.
 */
const LOCALES: Record<string, string> = { uk: 'uk-UA', en: 'en-GB' }

const localeOf = (language: string) => LOCALES[language] ?? 'en-GB'

/** A calendar day, or a partial one ('1994-03', '1994'), in the reader's language; anything else as given. */
export function formatDay(language: string, value: string): string {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(value)
  if (!m) return value
  const [, year, month, day] = m
  if (!month) return year!
  // noon UTC, formatted in UTC: the day never shifts with the reader's time zone
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, day ? Number(day) : 1, 12))
  if (language === 'uk') return day ? `${day}.${month}.${year}` : `${month}.${year}`
  return new Intl.DateTimeFormat(localeOf(language), {
    timeZone: 'UTC',
    day: day ? 'numeric' : undefined,
    month: 'short',
    year: 'numeric',
  }).format(date)
}

/** A moment (an ISO timestamp) in the reader's language and time zone, to the minute, 24-hour. */
export function formatMoment(language: string, iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return new Intl.DateTimeFormat(localeOf(language), {
    day: language === 'uk' ? '2-digit' : 'numeric',
    month: language === 'uk' ? '2-digit' : 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(date)
}
