/** What the tracer's page needs to order open enquiries by urgency. */
export type EnquiryClock = {
  receivedOn: string
  answeredOn: string | null
  /** the earliest follow-up not yet done, if any */
  nextFollowUpOn: string | null
  /** a closed enquiry ages no further and is never overdue */
  closedOn?: string | null
}

export type Urgency = {
  /** whole days since the enquiry came in */
  ageDays: number
  overdue: boolean
  /** follow_up_due: a follow-up's date has passed; unanswered: older than the setting without a reply */
  reasons: ('follow_up_due' | 'unanswered')[]
  /** days past the earliest deadline missed (0 when none is) */
  daysOverdue: number
}

const DAY = 86_400_000
const daysBetween = (from: string, to: string) =>
  Math.floor((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY)

/**
 * How urgent an open enquiry is on `today`: overdue when a follow-up's due date has passed, or when
 * it is older than `overdueAfterDays` and nobody has answered yet (Art. 122 asks for answers to
 * every enquiry; a family waiting without a word is the failure to prevent).
 */
export function urgencyOf(e: EnquiryClock, today: string, overdueAfterDays: number): Urgency {
  const ageDays = Math.max(0, daysBetween(e.receivedOn, e.closedOn ?? today))
  const reasons: Urgency['reasons'] = []
  if (e.closedOn) return { ageDays, overdue: false, reasons, daysOverdue: 0 }
  let daysOverdue = 0
  if (e.nextFollowUpOn && e.nextFollowUpOn < today) {
    reasons.push('follow_up_due')
    daysOverdue = Math.max(daysOverdue, daysBetween(e.nextFollowUpOn, today))
  }
  if (!e.answeredOn && ageDays > overdueAfterDays) {
    reasons.push('unanswered')
    daysOverdue = Math.max(daysOverdue, ageDays - overdueAfterDays)
  }
  return { ageDays, overdue: reasons.length > 0, reasons, daysOverdue }
}

/** Overdue first, the longest overdue before the others, then the oldest. */
export function byUrgency<T extends { urgency: Urgency; number: number }>(a: T, b: T): number {
  return (
    Number(b.urgency.overdue) - Number(a.urgency.overdue) ||
    b.urgency.daysOverdue - a.urgency.daysOverdue ||
    b.urgency.ageDays - a.urgency.ageDays ||
    a.number - b.number
  )
}
