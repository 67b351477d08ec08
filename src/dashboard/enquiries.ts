import type { Db } from '../db/connection'
import { ENQUIRY_DEFAULTS, EnquirySettings } from '../enquiries/model'
import { listEnquiries } from '../enquiries/store'
import { urgencyOf } from '../enquiries/urgency'
import { readSetting } from '../settings/store'

/**
 * Family enquiries open now and, of those, overdue, by the tracers' own rule (`urgencyOf`: a
 * follow-up's date passed, or unanswered longer than the setting). Open enquiries are hundreds to
 * a few thousand, so they are read and judged here rather than the rule copied into SQL.
 */
export async function enquiryFigures(db: Db, today: string) {
  const parsed = EnquirySettings.partial().safeParse(await readSetting(db, 'enquiries'))
  const { overdueAfterDays } = { ...ENQUIRY_DEFAULTS, ...(parsed.success ? parsed.data : {}) }
  const open = await listEnquiries(db, { state: 'open' })
  const overdue = open.filter(
    (e) =>
      urgencyOf(
        {
          receivedOn: e.received_on,
          answeredOn: e.answered_on,
          nextFollowUpOn: e.next_follow_up_on,
          closedOn: e.closed_on,
        },
        today,
        overdueAfterDays,
      ).overdue,
  ).length
  return { open: open.length, overdue }
}
